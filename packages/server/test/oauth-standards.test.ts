import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as client from "openid-client";
import { setClientType, setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const CALLBACK = "https://client.example.com/cb";

function s256(verifier: string): string {
  return crypto.createHash("sha256").update(verifier).digest("base64url");
}

async function post(
  gh: Gatehouse,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(gh.url + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function meStatus(gh: Gatehouse, token: string): Promise<number> {
  const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
  await response.arrayBuffer();
  return response.status;
}

/** Signs `who` in, opens the authorization URL, consents; returns the redirect it was sent to. */
async function consent(gh: Gatehouse, who: Tenant, authorizeUrl: URL | string): Promise<URL> {
  const url = new URL(authorizeUrl);
  const browser = new Browser(gh.url);
  await browser.signIn(who.admin.email, PASSWORD);
  const page = await browser.get(url.pathname + url.search);
  if (page.status === 303) return new URL(page.location as string);
  assert.equal(page.status, 200, page.body.slice(0, 300));
  const answer = await browser.post("/oauth", {
    ...hiddenFields(page.body, "/oauth"),
    decision: "authorize",
    workspace: who.workspace.id_code,
  });
  assert.equal(answer.status, 303);
  return new URL(answer.location as string);
}

describeEachDatabase("OAuth beyond Intercom", (database) => {
  let gh: Gatehouse;
  let builder: Tenant;
  let other: Tenant;
  let installer: Tenant;

  async function issueOAuthToken(app: Tenant = builder): Promise<string> {
    const redirect = await consent(
      gh,
      installer,
      `${gh.url}/oauth?client_id=${app.app.app.client_id}&state=s`,
    );
    const { body } = await post(gh, "/auth/eagle/token", {
      code: redirect.searchParams.get("code") as string,
      client_id: app.app.app.client_id,
      client_secret: app.app.clientSecret,
    });
    return body.token;
  }

  before(async () => {
    gh = await startGatehouse(database);
    builder = await createTenant(gh.services, {
      name: "Builder",
      scopes: ["read_tags", "read_conversations"],
    });
    other = await createTenant(gh.services, { name: "Other builder" });
    installer = await createTenant(gh.services, { name: "Installer" });
    for (const t of [builder, other]) {
      await setOAuthEnabled(gh.services, t.app.app.id, true);
      await setRedirectUris(gh.services, t.app.app.id, [CALLBACK]);
    }
  });
  after(() => gh.close());

  it("publishes RFC 8414 server metadata", async () => {
    const response = await fetch(`${gh.url}/.well-known/oauth-authorization-server`);
    const metadata = await response.json();
    assert.equal(metadata.issuer, gh.url);
    assert.equal(metadata.authorization_endpoint, `${gh.url}/oauth`);
    assert.equal(metadata.token_endpoint, `${gh.url}/auth/eagle/token`);
    assert.equal(metadata.revocation_endpoint, `${gh.url}/oauth/revoke`);
    assert.equal(metadata.introspection_endpoint, `${gh.url}/oauth/introspect`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ["S256"]);
    assert.deepEqual(metadata.response_types_supported, ["code"]);
    assert.ok(metadata.scopes_supported.includes("read_admins"));
  });

  it("lets openid-client discover Gatehouse and complete a PKCE code flow", async () => {
    const config = await client.discovery(
      new URL(gh.url),
      builder.app.app.client_id,
      { redirect_uris: [CALLBACK] },
      client.ClientSecretBasic(builder.app.clientSecret),
      { algorithm: "oauth2", execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const authorizeUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
    });
    const callback = await consent(gh, installer, authorizeUrl);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.equal(tokens.token_type.toLowerCase(), "bearer");
    assert.equal(await meStatus(gh, tokens.access_token), 200);
  });

  it("enforces PKCE once used: a missing or wrong verifier is refused (no downgrade)", async () => {
    const verifier = crypto.randomBytes(32).toString("base64url");
    const start = `${gh.url}/oauth?client_id=${builder.app.app.client_id}&state=p&code_challenge=${s256(verifier)}&code_challenge_method=S256`;
    for (const codeVerifier of [undefined, crypto.randomBytes(32).toString("base64url")]) {
      const redirect = await consent(gh, installer, start);
      const { status, body } = await post(gh, "/auth/eagle/token", {
        code: redirect.searchParams.get("code") as string,
        client_id: builder.app.app.client_id,
        client_secret: builder.app.clientSecret,
        ...(codeVerifier && { code_verifier: codeVerifier }),
      });
      assert.equal(status, 401);
      assert.equal(body.error, "invalid_grant");
    }
    const redirect = await consent(gh, installer, start);
    const ok = await post(gh, "/auth/eagle/token", {
      code: redirect.searchParams.get("code") as string,
      client_id: builder.app.app.client_id,
      client_secret: builder.app.clientSecret,
      code_verifier: verifier,
    });
    assert.equal(ok.status, 200);
  });

  it("refuses the plain PKCE method, at the client's verified redirect URL", async () => {
    const redirect = await consent(
      gh,
      installer,
      `${gh.url}/oauth?client_id=${builder.app.app.client_id}&state=plain&code_challenge=${"a".repeat(43)}&code_challenge_method=plain`,
    );
    assert.equal(redirect.origin + redirect.pathname, CALLBACK);
    assert.equal(redirect.searchParams.get("error"), "invalid_request");
    assert.equal(redirect.searchParams.get("code"), null);
  });

  it("requires PKCE of a public client, which then needs no secret", async () => {
    const pub = await createTenant(gh.services, { name: "Public" });
    await setOAuthEnabled(gh.services, pub.app.app.id, true);
    await setRedirectUris(gh.services, pub.app.app.id, ["http://127.0.0.1:7777/cb"]);
    await setClientType(gh.services, pub.app.app.id, "public");
    const without = await consent(
      gh,
      installer,
      `${gh.url}/oauth?client_id=${pub.app.app.client_id}&state=x`,
    );
    assert.equal(without.searchParams.get("error"), "invalid_request");
    const verifier = crypto.randomBytes(48).toString("base64url");
    const redirect = await consent(
      gh,
      installer,
      `${gh.url}/oauth?client_id=${pub.app.app.client_id}&state=y&code_challenge=${s256(verifier)}&code_challenge_method=S256`,
    );
    const { status, body } = await post(gh, "/auth/eagle/token", {
      code: redirect.searchParams.get("code") as string,
      client_id: pub.app.app.client_id,
      code_verifier: verifier,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(await meStatus(gh, body.token), 200);
  });

  it("answers a native app at the loopback port it asks for, all else matched exactly (RFC 8252 §7.3)", async () => {
    const native = await createTenant(gh.services, { name: "Native" });
    await setOAuthEnabled(gh.services, native.app.app.id, true);
    // Registered without a port, as RFC 8252 has native apps do; the port is the operating system's pick.
    await setRedirectUris(gh.services, native.app.app.id, [
      "http://127.0.0.1/cb",
      "http://[::1]:7000/cb?app=desk",
      "http://localhost/cb",
    ]);
    await setClientType(gh.services, native.app.app.id, "public");
    const verifier = crypto.randomBytes(48).toString("base64url");
    const authorize = (redirectUri: string) =>
      `${gh.url}/oauth?client_id=${native.app.app.client_id}&state=n&code_challenge=${s256(verifier)}&code_challenge_method=S256&redirect_uri=${encodeURIComponent(redirectUri)}`;

    for (const asked of [
      "http://127.0.0.1:53123/cb",
      "http://[::1]:61000/cb?app=desk",
      "http://127.0.0.1/cb",
    ]) {
      const redirect = await consent(gh, installer, authorize(asked));
      assert.equal(`${redirect.origin}${redirect.pathname}`, new URL(asked).origin + new URL(asked).pathname);
      assert.equal(redirect.searchParams.get("state"), "n", asked);
      const exchanged = await post(gh, "/auth/eagle/token", {
        code: redirect.searchParams.get("code") as string,
        client_id: native.app.app.client_id,
        code_verifier: verifier,
        redirect_uri: asked,
      });
      assert.equal(exchanged.status, 200, `${asked}: ${JSON.stringify(exchanged.body)}`);
    }

    // Only the port of a loopback IP address is free: a name (RFC 8252 §8.3), a scheme, a path, a query,
    // a fragment or user info differing is another URL, refused before any redirect is made.
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, PASSWORD);
    for (const asked of [
      "http://localhost:53123/cb",
      "https://127.0.0.1:53123/cb",
      "http://127.0.0.1:53123/cb/",
      "http://127.0.0.1:53123/other",
      "http://127.0.0.1:53123/cb?x=1",
      "http://127.0.0.1:53123/cb#frag",
      "http://me@127.0.0.1:53123/cb",
      "http://127.0.0.2:53123/cb",
      "http://127.0.0.1:0/cb",
      "http://127.0.0.1:65536/cb",
      "http://127.0.0.1:053123/cb",
      "http://[::1]:61000/cb",
      "http://[0:0:0:0:0:0:0:1]:61000/cb?app=desk",
    ]) {
      const url = new URL(authorize(asked));
      const page = await browser.get(url.pathname + url.search);
      assert.equal(page.status, 400, `${asked} was taken`);
      assert.equal(page.location, undefined, asked);
    }
    // The code answers only the URL it was issued at, port and all.
    const redirect = await consent(gh, installer, authorize("http://127.0.0.1:53123/cb"));
    const moved = await post(gh, "/auth/eagle/token", {
      code: redirect.searchParams.get("code") as string,
      client_id: native.app.app.client_id,
      code_verifier: verifier,
      redirect_uri: "http://127.0.0.1:53124/cb",
    });
    assert.equal(moved.status, 401, JSON.stringify(moved.body));
    assert.equal(moved.body.error, "invalid_grant");
  });

  it("revokes an app's own token (RFC 7009), and nobody else's, answering 200 either way", async () => {
    const mine = await issueOAuthToken();
    const theirs = await issueOAuthToken(other);
    const basic = `Basic ${Buffer.from(`${builder.app.app.client_id}:${builder.app.clientSecret}`).toString("base64")}`;
    const notMine = await post(gh, "/oauth/revoke", { token: theirs }, { authorization: basic });
    assert.equal(notMine.status, 200);
    assert.equal(await meStatus(gh, theirs), 200, "another app's token is untouched");
    const unknown = await post(gh, "/oauth/revoke", { token: "gao_unknown" }, { authorization: basic });
    assert.equal(unknown.status, 200);
    const revoked = await post(
      gh,
      "/oauth/revoke",
      { token: mine, token_type_hint: "access_token" },
      { authorization: basic },
    );
    assert.equal(revoked.status, 200);
    assert.equal(await meStatus(gh, mine), 401);
    const badClient = await post(gh, "/oauth/revoke", {
      token: theirs,
      client_id: builder.app.app.client_id,
      client_secret: "nope",
    });
    assert.equal(badClient.status, 401);
    assert.equal(badClient.body.error, "invalid_client");
  });

  it("introspects (RFC 7662): active with scope, client, workspace and admin; inactive otherwise", async () => {
    const token = await issueOAuthToken();
    const auth = { client_id: builder.app.app.client_id, client_secret: builder.app.clientSecret };
    const active = await post(gh, "/oauth/introspect", { token, ...auth });
    assert.equal(active.status, 200);
    assert.equal(active.body.active, true);
    assert.equal(active.body.scope, "read_conversations read_tags");
    assert.equal(active.body.client_id, builder.app.app.client_id);
    assert.equal(active.body.workspace_id, installer.workspace.id_code);
    assert.equal(active.body.admin_id, String(installer.admin.id));
    assert.equal(active.body.token_type, "Bearer");
    const theirs = await issueOAuthToken(other);
    for (const candidate of [
      theirs,
      "gao_garbage",
      `${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`,
      "",
    ]) {
      const answer = await post(gh, "/oauth/introspect", { token: candidate, ...auth });
      if (candidate === "") {
        assert.equal(answer.status, 400);
        continue;
      }
      assert.deepEqual(answer.body, { active: false }, candidate);
    }
    await post(gh, "/oauth/revoke", { token, ...auth });
    assert.deepEqual((await post(gh, "/oauth/introspect", { token, ...auth })).body, { active: false });
    const anonymous = await post(gh, "/oauth/introspect", { token: theirs });
    assert.equal(anonymous.status, 401);
  });

  it("lets an app uninstall itself with its token", async () => {
    const token = await issueOAuthToken();
    const response = await fetch(`${gh.url}/oauth/uninstall`, { method: "POST", headers: bearer(token) });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).workspace_id, installer.workspace.id_code);
    assert.equal(await meStatus(gh, token), 401);
    const again = await fetch(`${gh.url}/oauth/uninstall`, { method: "POST", headers: bearer(token) });
    assert.equal(again.status, 401);
  });

  it("revokes a reported leaked token at once and tells the owning workspace why", async () => {
    const tenant = await createTenant(gh.services);
    const report = await post(gh, "/oauth/report-leak", {
      token: tenant.token,
      reason: "found in a public gist",
    });
    assert.equal(report.status, 202);
    assert.equal(await meStatus(gh, tenant.token), 401);
    const log = await gh.services.db
      .selectFrom("activity_log")
      .selectAll()
      .where("workspace_id", "=", tenant.workspace.id)
      .where("action", "=", "token.reported_leaked")
      .execute();
    assert.equal(log.length, 1);
    assert.match(log[0]?.details ?? "", /found in a public gist/);
    const unknown = await post(gh, "/oauth/report-leak", { token: "whatever" });
    assert.equal(unknown.status, 202, "the same answer for anything");
  });
});

describe("metadata issuer", () => {
  it("is the configured public URL when one is set", async () => {
    const gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_PUBLIC_URL: "https://auth.example.com" } },
    );
    try {
      const metadata = await (await fetch(`${gh.url}/.well-known/oauth-authorization-server`)).json();
      assert.equal(metadata.issuer, "https://auth.example.com");
      assert.equal(metadata.token_endpoint, "https://auth.example.com/auth/eagle/token");
    } finally {
      await gh.close();
    }
  });
});
