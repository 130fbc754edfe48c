import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { setClientType, setOAuthEnabled } from "../../server/src/platform/apps/apps.ts";
import { setRedirectUris } from "../../server/src/platform/apps/oauth/redirect-uris.ts";
import { addMember, createAdmin } from "../../server/src/platform/identity/admins.ts";
import {
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "../../server/test/support/gatehouse.ts";
import { validatingFetch } from "../../server/test/support/openapi/validating-fetch.ts";
import {
  Client,
  GatehouseApiError,
  OAuthExchangeError,
  OAuthHelper,
  StateMismatchError,
  UnverifiedEmailError,
  waitBeforeRetry,
} from "../src/index.ts";
import { consent as consentIn } from "./support/consent.ts";

const CALLBACK = "https://connect.example.com/callback";

describe("Client against a real Gatehouse", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" }, { env: { GATEHOUSE_RATE_LIMIT_APP: "50" } });
    tenant = await createTenant(gh.services, { name: "Client Co" });
  });
  after(() => gh.close());

  it("puts the token in the header under the hood and returns /me typed", async () => {
    const client = new Client({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const me = await client.me();
    assert.equal(me.type, "admin");
    assert.equal(me.email, tenant.admin.email);
    assert.equal(me.app.id_code, tenant.workspace.id_code);
  });

  it("raises typed errors with Intercom's code and the request id", async () => {
    const bad = new Client({
      token: `${tenant.token.slice(0, -1)}${tenant.token.endsWith("A") ? "B" : "A"}`,
      baseUrl: gh.url,
      fetch: validatingFetch,
    });
    const error = await bad.me().catch((e: unknown) => e);
    assert.ok(error instanceof GatehouseApiError);
    assert.equal(error.status, 401);
    assert.equal(error.code, "unauthorized");
    assert.match(error.requestId ?? "", /^[0-9a-f-]{36}$/);
    const forbidden = await new Client({
      token: tenant.token,
      baseUrl: gh.url,
      fetch: validatingFetch,
    }).admins
      .list()
      .catch((e: unknown) => e);
    assert.ok(forbidden instanceof GatehouseApiError);
    assert.equal(forbidden.code, "forbidden");
    const version = await new Client({
      token: tenant.token,
      baseUrl: gh.url,
      version: "9.9",
      fetch: validatingFetch,
    })
      .me()
      .catch((e: unknown) => e);
    assert.equal((version as GatehouseApiError).code, "intercom_version_invalid");
  });

  it("gives up on a 429 once its retries are spent, with rate_limit_exceeded", async () => {
    const limited = await createTenant(gh.services);
    const client = new Client({
      token: limited.token,
      baseUrl: gh.url,
      maxRetries: 0,
      fetch: validatingFetch,
    });
    const results = await Promise.allSettled(Array.from({ length: 55 }, () => client.me()));
    const refused = results
      .filter((r) => r.status === "rejected")
      .map((r) => (r as PromiseRejectedResult).reason);
    assert.ok(refused.length >= 5);
    assert.equal((refused[0] as GatehouseApiError).code, "rate_limit_exceeded");
  });
});

describe("Client retries", () => {
  it("waits as Retry-After says after a 429, then succeeds", async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { "retry-after": "1", "content-type": "application/json" });
        res.end(
          JSON.stringify({
            type: "error.list",
            errors: [{ code: "rate_limit_exceeded", message: "Rate Limit Exceeded" }],
          }),
        );
      } else {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ type: "admin", id: "1" }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const started = Date.now();
      const client = new Client({
        token: "t",
        baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
      });
      const me = await client.me();
      assert.equal(me.id, "1");
      assert.equal(calls, 2);
      assert.ok(Date.now() - started >= 950, "waited the second Retry-After asked for");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads X-RateLimit-Reset when there is no Retry-After", () => {
    const now = 1_700_000_000_000;
    const response = new Response(null, {
      status: 429,
      headers: { "x-ratelimit-reset": String(now / 1000 + 3) },
    });
    assert.equal(waitBeforeRetry(response, 0, now), 3000);
    const backoff = waitBeforeRetry(new Response(null, { status: 503 }), 2, now);
    assert.ok(backoff >= 1000 && backoff < 1100);
  });
});

describe("OAuthHelper against a real Gatehouse", () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let helper: OAuthHelper;

  const consent = (url: string, email: string) => consentIn(gh.url, url, email);

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Builder" });
    installer = await createTenant(gh.services, { name: "Installer" });
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
    helper = new OAuthHelper({
      clientId: builder.app.app.client_id,
      clientSecret: builder.app.clientSecret,
      redirectUri: CALLBACK,
      authorizeBaseUrl: gh.url,
      apiBaseUrl: gh.url,
      fetch: validatingFetch,
    });
  });
  after(() => gh.close());

  it("builds the link with a fresh state, and connects: state checked, code exchanged, admin known", async () => {
    const first = await helper.authorizationUrl();
    const second = await helper.authorizationUrl();
    assert.notEqual(first.state, second.state);
    assert.notEqual(first.codeVerifier, second.codeVerifier);
    assert.ok(first.state.length >= 32);
    const callback = await consent(first.url, installer.admin.email);
    const connection = await helper.connect(callback, first);
    assert.match(connection.token, /^gao_/);
    assert.equal(connection.admin.email, installer.admin.email);
    assert.equal(connection.admin.app.name, "Installer");
  });

  it("refuses a callback whose state is not the session's, before exchanging anything", async () => {
    const pending = await helper.authorizationUrl();
    const callback = await consent(pending.url, installer.admin.email);
    await assert.rejects(
      helper.connect(callback, { ...pending, state: `${pending.state}x` }),
      StateMismatchError,
    );
    await assert.rejects(helper.connect(callback, { ...pending, state: "" }), StateMismatchError);
    await assert.rejects(helper.connect(callback, undefined), StateMismatchError);
    // The code was not spent by the refused attempts.
    const ok = await helper.connect(callback, pending);
    assert.equal(ok.admin.email, installer.admin.email);
  });

  it("refuses an admin whose email is not verified (seed 002)", async () => {
    const unverified = await createAdmin(gh.services, {
      email: "unverified@example.com",
      name: "Unverified",
      password: TENANT_PASSWORD,
      emailVerified: false,
    });
    await addMember(gh.services, installer.workspace.id, unverified.id, "admin");
    const pending = await helper.authorizationUrl();
    const callback = await consent(pending.url, "unverified@example.com");
    await assert.rejects(helper.connect(callback, pending), UnverifiedEmailError);
  });

  it("sends an S256 challenge of a fresh verifier, which the exchange must then present (RFC 7636)", async () => {
    const pending = await helper.authorizationUrl();
    assert.match(pending.codeVerifier, /^[A-Za-z0-9_-]{43}$/);
    const link = new URL(pending.url);
    assert.equal(link.searchParams.get("code_challenge_method"), "S256");
    assert.equal(
      link.searchParams.get("code_challenge"),
      createHash("sha256").update(pending.codeVerifier).digest("base64url"),
    );
    const callback = await consent(pending.url, installer.admin.email);
    const other = await helper.authorizationUrl();
    const error = await helper
      .connect(callback, { state: pending.state, codeVerifier: other.codeVerifier })
      .catch((e: unknown) => e);
    assert.ok(error instanceof OAuthExchangeError);
    assert.equal(error.error, "invalid_grant");
    assert.match(error.message, /code_verifier/);
  });

  it("connects a public app, which has no secret, by its client_id and PKCE alone", async () => {
    const publisher = await createTenant(gh.services, { name: "Single-page app" });
    await setOAuthEnabled(gh.services, publisher.app.app.id, true);
    await setRedirectUris(gh.services, publisher.app.app.id, [CALLBACK]);
    await setClientType(gh.services, publisher.app.app.id, "public");
    const browserApp = new OAuthHelper({
      clientId: publisher.app.app.client_id,
      redirectUri: CALLBACK,
      authorizeBaseUrl: gh.url,
      apiBaseUrl: gh.url,
    });
    const pending = await browserApp.authorizationUrl();
    const callback = await consent(pending.url, installer.admin.email);
    const connection = await browserApp.connect(callback, pending);
    assert.match(connection.token, /^gao_/);
    assert.equal(connection.admin.app.name, "Installer");
  });

  it("surfaces the token endpoint's refusal as OAuthExchangeError", async () => {
    const wrong = new OAuthHelper({
      clientId: builder.app.app.client_id,
      clientSecret: "gcs_wrong",
      authorizeBaseUrl: gh.url,
      apiBaseUrl: gh.url,
      fetch: validatingFetch,
    });
    const error = await wrong.exchange("gac_whatever").catch((e: unknown) => e);
    assert.ok(error instanceof OAuthExchangeError);
    assert.equal(error.error, "invalid_client");
    assert.equal(error.status, 401);
  });
});
