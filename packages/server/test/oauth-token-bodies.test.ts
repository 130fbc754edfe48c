import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * The token endpoint reads what real clients send: a multipart form, as PHP's curl sends an array of
 * fields (`CURLOPT_POSTFIELDS => [...]`, libcurl's mime, the same as `curl -F`), within tight limits; and
 * client credentials both by HTTP Basic and in the body when the two agree.
 */
const run = promisify(execFile);
const CALLBACK = "https://client.example.com/cb";
const CURL_MISSING = await run("sh", ["-c", "command -v curl"]).then(
  () => false as const,
  () => "curl is not installed",
);

/** A multipart body exactly as libcurl (under PHP) frames it: its boundary, no part content types. */
function phpMultipart(
  fields: [string, string][],
  boundary = `------------------------${crypto.randomBytes(8).toString("hex")}`,
) {
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { body: `${parts.join("")}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe("token endpoint bodies", () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let clientId: string;
  let secret: string;

  async function code(): Promise<string> {
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, TENANT_PASSWORD);
    const page = await browser.get(`/oauth?client_id=${clientId}&state=s`);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
    });
    return new URL(answer.location as string).searchParams.get("code") as string;
  }

  async function send(body: string | FormData | URLSearchParams, headers: Record<string, string> = {}) {
    const response = await fetch(`${gh.url}/auth/eagle/token`, { method: "POST", headers, body });
    return { status: response.status, body: await response.json() };
  }

  const basic = (id: string, pw: string) => ({
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(pw)}`).toString("base64")}`,
  });

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "PHP builder" });
    installer = await createTenant(gh.services, { name: "Installer" });
    clientId = builder.app.app.client_id;
    secret = builder.app.clientSecret;
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
  });
  after(() => gh.close());

  it("exchanges a code sent as libcurl's multipart form (PHP's curl with an array body)", {
    skip: CURL_MISSING,
  }, async () => {
    const { stdout } = await run("curl", [
      "-s",
      `${gh.url}/auth/eagle/token`,
      "-F",
      `code=${await code()}`,
      "-F",
      `client_id=${clientId}`,
      "-F",
      `client_secret=${secret}`,
    ]);
    const answer = JSON.parse(stdout);
    assert.equal(answer.token_type, "Bearer", stdout);
    assert.equal(answer.token, answer.access_token);
    const me = await fetch(`${gh.url}/me`, { headers: { authorization: `Bearer ${answer.token}` } });
    assert.equal(me.status, 200);
  });

  it("exchanges a code sent as a hand-framed PHP multipart body, and as fetch's FormData", async () => {
    const framed = phpMultipart([
      ["code", await code()],
      ["client_id", clientId],
      ["client_secret", secret],
    ]);
    const viaBytes = await send(framed.body, { "content-type": framed.type });
    assert.equal(viaBytes.status, 200, JSON.stringify(viaBytes.body));
    const form = new FormData();
    form.set("code", await code());
    form.set("client_id", clientId);
    form.set("client_secret", secret);
    const viaFormData = await send(form);
    assert.equal(viaFormData.status, 200, JSON.stringify(viaFormData.body));
  });

  it("refuses what an attacker might send as multipart, as invalid_request, never using the code", async () => {
    const good = await code();
    const fields: [string, string][] = [
      ["code", good],
      ["client_id", clientId],
      ["client_secret", secret],
    ];
    const boundary = "XyZ";
    const file = `--${boundary}\r\nContent-Disposition: form-data; name="code"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${good}\r\n`;
    const cases: Record<string, { body: string; type: string }> = {
      "a file": {
        body: `${file}${phpMultipart(fields.slice(1), boundary).body}`,
        type: `multipart/form-data; boundary=${boundary}`,
      },
      "a field sent twice": phpMultipart([...fields, ["code", "other"]]),
      "too many fields": phpMultipart([
        ...fields,
        ...Array.from({ length: 8 }, (_, i): [string, string] => [`x${i}`, "1"]),
      ]),
      "a long field": phpMultipart([...fields, ["redirect_uri", "x".repeat(5000)]]),
      "a long field name": phpMultipart([...fields, ["n".repeat(100), "1"]]),
      "no boundary": { body: phpMultipart(fields).body, type: "multipart/form-data" },
      "a body cut short": {
        body: phpMultipart(fields, boundary).body.slice(0, -10),
        type: `multipart/form-data; boundary=${boundary}`,
      },
      "a huge body": phpMultipart([...fields, ["pad", "y".repeat(40_000)]]),
    };
    for (const [what, { body, type }] of Object.entries(cases)) {
      const answer = await send(body, { "content-type": type });
      assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error, "invalid_request", what);
      assert.equal(answer.body.type, "error.list", what);
    }
    // A field named __proto__ is a field like any other, and is ignored.
    const proto = phpMultipart([...fields.slice(1), ["__proto__", "x"], ["code", good]]);
    const taken = await send(proto.body, { "content-type": proto.type });
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
  });

  it("reads multipart on the token endpoint only", async () => {
    const form = phpMultipart([["token", "gat_x"]]);
    const response = await fetch(`${gh.url}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": form.type, ...basic(clientId, secret) },
      body: form.body,
    });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error, "invalid_request");
  });

  it("takes credentials sent both by Basic and in the body when they agree, refuses them when they differ", async () => {
    const agreeing = await send(
      new URLSearchParams({ code: await code(), client_id: clientId, client_secret: secret }),
      basic(clientId, secret),
    );
    assert.equal(agreeing.status, 200, JSON.stringify(agreeing.body));
    const idOnly = await send(
      new URLSearchParams({ code: await code(), client_id: clientId }),
      basic(clientId, secret),
    );
    assert.equal(idOnly.status, 200, JSON.stringify(idOnly.body));
    const unused = await code();
    for (const [id, pw] of [
      [clientId, `${secret}x`],
      [`${clientId}x`, secret],
    ] as const) {
      const differing = await send(
        new URLSearchParams({ code: unused, client_id: id, client_secret: pw }),
        basic(clientId, secret),
      );
      assert.equal(differing.status, 400);
      assert.equal(differing.body.error, "invalid_request");
    }
    // Refused before the code was looked at: it still works.
    const after = await send(new URLSearchParams({ code: unused }), basic(clientId, secret));
    assert.equal(after.status, 200, JSON.stringify(after.body));
  });

  it("refuses a field sent twice or of the wrong type, and takes a request with no body as one with no fields", async () => {
    const twice = await send(`code=a&code=b&client_id=${clientId}&client_secret=${secret}`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.error, "invalid_request");
    const number = await send(JSON.stringify({ code: 42, client_id: clientId, client_secret: secret }), {
      "content-type": "application/json",
    });
    assert.equal(number.status, 400);
    assert.equal(number.body.error, "invalid_request");
    const empty = await fetch(`${gh.url}/auth/eagle/token`, { method: "POST" });
    assert.equal(empty.status, 401);
    assert.equal((await empty.json()).error, "invalid_client");
  });
});
