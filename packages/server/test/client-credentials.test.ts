import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FastifyRequest } from "fastify";
import { readClientCredentials } from "../src/http/platform/oauth/client-credentials.ts";
import { OAuthError } from "../src/platform/apps/oauth/oauth-error.ts";

/**
 * HTTP Basic client credentials are form-urlencoded before base64 (RFC 6749 §2.3.1). Plain parts are
 * taken as they are without decoding (every introspection reads one); encoded ones must still decode.
 */
describe("HTTP Basic client credentials", () => {
  const read = (raw: string, body: { client_id?: string; client_secret?: string } = {}) =>
    readClientCredentials(
      { headers: { authorization: `Basic ${Buffer.from(raw).toString("base64")}` } } as FastifyRequest,
      body,
    );

  it("takes plain parts as they are", () => {
    assert.deepEqual(read("rs_abc-123_x.y~z:s3cr3t_-"), {
      clientId: "rs_abc-123_x.y~z",
      clientSecret: "s3cr3t_-",
    });
  });

  it("decodes percent-escapes and + as a space, a colon in the secret included", () => {
    assert.deepEqual(read("my+app%2Bone:p%3Aw+d%C3%A9"), { clientId: "my app+one", clientSecret: "p:w dé" });
  });

  it("refuses a malformed escape as invalid_client, and credentials that differ from the body's", () => {
    assert.throws(
      () => read("app:%E0%A4%A"),
      (error: unknown) => {
        assert.ok(error instanceof OAuthError);
        return error.error === "invalid_client";
      },
    );
    assert.throws(
      () => read("app:secret", { client_secret: "other" }),
      (error: unknown) => {
        assert.ok(error instanceof OAuthError);
        return error.error === "invalid_request";
      },
    );
  });
});
