import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { createTenant, type Gatehouse, startGatehouse } from "./support/gatehouse.ts";

/** Sends raw header values (fetch would refuse some of them) and reads status and body. */
function get(
  url: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url + path, { headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,200}$/);

describe("the door under arbitrary credentials", () => {
  let gh: Gatehouse;
  let token: string;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    token = (await createTenant(gh.services)).token;
  });
  after(() => gh.close());

  it("answers any Authorization and Intercom-Version header with 200, 400 or 401 and Intercom's error shape", async () => {
    const authorization = fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
      headerValue.map((v) => `Basic ${Buffer.from(v).toString("base64")}`),
      fc.constant(`Bearer ${token}`),
      fc.integer({ min: 0, max: 39 }).map((i) => `Bearer ${token.slice(0, i)}${token.slice(i + 1)}`),
    );
    const version = fc.option(fc.oneof(headerValue, fc.constantFrom("2.14", "1.0", "Unstable")), {
      nil: undefined,
    });
    const path = fc.constantFrom("/me", "/admins", "/admins/1", "/admins/abc", "/me?x=%ZZ", "/nothing");
    await fc.assert(
      fc.asyncProperty(authorization, version, path, async (auth, v, p) => {
        const headers: Record<string, string> = { authorization: auth };
        if (v !== undefined) headers["intercom-version"] = v;
        const { status, body } = await get(gh.url, p, headers);
        assert.ok(status < 500, `${status} for ${JSON.stringify(headers)} ${p}`);
        const json = JSON.parse(body);
        if (status >= 400) {
          assert.equal(json.type, "error.list");
          assert.equal(typeof json.errors[0].code, "string");
          assert.ok(!body.includes("at "), "no stack trace");
        }
      }),
      { numRuns: 400 },
    );
  });
});
