import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as client from "openid-client";
// The client package's source, as its own tests use it (its built dist is not made for server tests).
import { OAuthHelper } from "../../client/src/index.ts";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { clientApp } from "./support/passport-client.ts";

/**
 * Seed 002: "if you get a `401` response with error message `Unauthorized Code`", check the code. Every
 * refused code answers so, RFC 6749's `invalid_grant` beside it, with a challenge as every 401 has; and
 * the real clients (openid-client, node-oauth under passport-intercom, @gatehouse/client) each still
 * report a failed exchange.
 */
const CALLBACK = "https://client.example.com/cb";

async function post(gh: Gatehouse, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${gh.url}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function assertUnauthorizedCode(answer: Awaited<ReturnType<typeof post>>, why: string) {
  assert.equal(answer.status, 401, `${why}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error, "invalid_grant", why);
  assert.equal(answer.body.type, "error.list", why);
  assert.match(answer.body.errors[0].message, /^Unauthorized Code/, why);
  assert.equal(answer.body.errors[0].code, "invalid_grant", why);
  assert.match(answer.headers.get("www-authenticate") ?? "", /^Basic realm="[^"]+", error="invalid_grant"$/);
}

describe("Unauthorized Code: every refused code is a 401 that real clients read as a failed exchange", () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let other: Tenant;
  let installer: Tenant;
  let clientId: string;
  let secret: string;
  const creds = () => ({ client_id: clientId, client_secret: secret });

  /** An installer consents to an authorization request (its query, or its path); returns the callback URL. */
  async function consent(query: string, app = clientId): Promise<URL> {
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, PASSWORD);
    const page = await browser.get(query.startsWith("/") ? query : `/oauth?client_id=${app}&${query}`);
    if (page.status === 303) return new URL(page.location as string);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
    });
    assert.equal(answer.status, 303, answer.body.slice(0, 300));
    return new URL(answer.location as string);
  }
  const codeOf = async (query = "state=s", app = clientId) =>
    (await consent(query, app)).searchParams.get("code") as string;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Builder" });
    other = await createTenant(gh.services, { name: "Other builder" });
    installer = await createTenant(gh.services, { name: "Installer" });
    clientId = builder.app.app.client_id;
    secret = builder.app.clientSecret;
    for (const t of [builder, other]) {
      await setOAuthEnabled(gh.services, t.app.app.id, true);
      await setRedirectUris(gh.services, t.app.app.id, [CALLBACK, "https://client.example.com/other"]);
    }
  });
  after(() => gh.close());

  it("answers 401 Unauthorized Code for an unknown, used, expired or foreign code, another redirect URL, a failed PKCE check", async () => {
    assertUnauthorizedCode(await post(gh, { code: "not-a-code", ...creds() }), "garbage");
    assertUnauthorizedCode(
      await post(gh, { code: `gat_ac_${crypto.randomBytes(32).toString("base64url")}`, ...creds() }),
      "unknown",
    );
    const used = await codeOf();
    assert.equal((await post(gh, { code: used, ...creds() })).status, 200);
    assertUnauthorizedCode(await post(gh, { code: used, ...creds() }), "used");
    const late = await codeOf();
    await gh.services.db
      .updateTable("authorization_codes")
      .set({ expires_at: Date.now() - 1 })
      .where("code_hmac", "=", gh.services.keys.hmac(late))
      .execute();
    assertUnauthorizedCode(await post(gh, { code: late, ...creds() }), "expired");
    const foreign = await codeOf("state=f", other.app.app.client_id);
    assertUnauthorizedCode(await post(gh, { code: foreign, ...creds() }), "foreign");
    const named = await codeOf(`state=r&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    assertUnauthorizedCode(
      await post(gh, { code: named, ...creds(), redirect_uri: "https://client.example.com/other" }),
      "another redirect URL",
    );
    const verifier = crypto.randomBytes(32).toString("base64url");
    const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
    const pkce = await codeOf(`state=p&code_challenge=${challenge}&code_challenge_method=S256`);
    assertUnauthorizedCode(
      await post(gh, { code: pkce, ...creds(), code_verifier: crypto.randomBytes(32).toString("base64url") }),
      "PKCE",
    );
    // None of these refusals used the code up: with its verifier it still works.
    assert.equal((await post(gh, { code: pkce, ...creds(), code_verifier: verifier })).status, 200);
  });

  it("never uses up a code for a request whose client authentication failed (goth retries the same code)", async () => {
    const code = await codeOf();
    const wrongBody = await post(gh, { code, client_id: clientId, client_secret: `${secret}x` });
    assert.equal(wrongBody.status, 401);
    assert.equal(wrongBody.body.error, "invalid_client");
    const basic = (id: string, pw: string) => ({
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(pw)}`).toString("base64")}`,
    });
    const wrongBasic = await post(gh, { code }, basic(clientId, "nope"));
    assert.equal(wrongBasic.status, 401);
    assert.equal(wrongBasic.body.error, "invalid_client");
    assert.match(wrongBasic.headers.get("www-authenticate") ?? "", /^Basic realm=/);
    // What golang.org/x/oauth2 does after a failed Basic attempt: the same code, credentials in the body.
    const retried = await post(gh, { code, ...creds() });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
  });

  it("openid-client reports the exchange failed: a 401 challenge naming invalid_grant, the body saying Unauthorized Code", async () => {
    const config = await client.discovery(
      new URL(gh.url),
      clientId,
      { redirect_uris: [CALLBACK] },
      client.ClientSecretBasic(secret),
      { algorithm: "oauth2", execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "oc",
    });
    const callback = await consent(url.pathname + url.search);
    const grant = () =>
      client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: "oc" });
    const tokens = await grant();
    assert.equal(tokens.token_type.toLowerCase(), "bearer");
    const error = await grant().then(
      () => assert.fail("a used code was taken"),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof client.WWWAuthenticateChallengeError, String(error));
    assert.equal(error.status, 401);
    assert.equal(error.cause[0]?.parameters.error, "invalid_grant");
    const body = await error.response.json();
    assert.equal(body.error, "invalid_grant");
    assert.match(body.errors[0].message, /^Unauthorized Code/);
  });

  it("passport-intercom (node-oauth) reports the exchange failed with a TokenError invalid_grant", async () => {
    let port = 0;
    const app = clientApp(gh.url, clientId, secret, () => port);
    await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
    port = (app.server.address() as { port: number }).port;
    try {
      const code = await codeOf();
      assert.equal((await post(gh, { code, ...creds() })).status, 200);
      // The strategy's callback, reached with a code already used.
      const answer = await fetch(
        `http://127.0.0.1:${port}/auth/intercom/callback?code=${encodeURIComponent(code)}`,
      );
      const text = await answer.text();
      assert.equal(answer.status, 500, text);
      assert.match(text, /^login error: Unauthorized Code/);
      assert.equal(app.logins.length, 0);
      const failure = app.failures[0] as { name: string; code: string };
      assert.equal(failure.name, "TokenError");
      assert.equal(failure.code, "invalid_grant");
    } finally {
      await new Promise((resolve) => app.server.close(resolve));
    }
  });

  it("@gatehouse/client's OAuthHelper throws OAuthExchangeError 401 invalid_grant", async () => {
    const helper = new OAuthHelper({
      clientId,
      clientSecret: secret,
      authorizeBaseUrl: gh.url,
      apiBaseUrl: gh.url,
    });
    const pending = await helper.authorizationUrl();
    const callback = await consent(new URL(pending.url).pathname + new URL(pending.url).search);
    const connection = await helper.connect(callback, pending);
    assert.equal(connection.admin.email, installer.admin.email);
    await assert.rejects(
      helper.connect(callback, pending),
      (error: { name: string; status: number; error: string; message: string }) => {
        assert.equal(error.name, "OAuthExchangeError");
        assert.equal(error.status, 401);
        assert.equal(error.error, "invalid_grant");
        assert.match(error.message, /^Unauthorized Code/);
        return true;
      },
    );
  });
});
