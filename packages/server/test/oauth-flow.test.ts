import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { reviewScopeRequest, setOAuthEnabled, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { uninstallApp } from "../src/platform/apps/installations.ts";
import {
  issueAuthorizationCode,
  resolveAuthorizationRequest,
} from "../src/platform/apps/oauth/authorization.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, csrfOf, hiddenFields } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const CALLBACK = "https://connect.example.com/callback";
const SECOND_CALLBACK = "https://staging.example.com/callback";

async function exchange(gh: Gatehouse, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${gh.url}/auth/eagle/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function me(gh: Gatehouse, token: string) {
  const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
  return { status: response.status, body: await response.json() };
}

describeEachDatabase("OAuth authorization-code flow", (database) => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let clientId: string;
  let clientSecret: string;

  /** Signs the installer in and walks to the consent page; returns the browser and the page. */
  async function toConsent(query: string) {
    const browser = new Browser(gh.url);
    const first = await browser.get(`/oauth?${query}`);
    assert.equal(first.status, 303, first.body);
    assert.match(first.location ?? "", /\/signin\?return_to=/);
    const signIn = await browser.get(
      new URL(first.location as string).pathname + new URL(first.location as string).search,
    );
    const afterSignIn = await browser.post("/signin", {
      _csrf: csrfOf(signIn.body),
      email: installer.admin.email,
      password: PASSWORD,
      return_to: new URL(first.location as string).searchParams.get("return_to") ?? "",
    });
    assert.equal(afterSignIn.status, 303);
    const consent = await browser.get(
      new URL(afterSignIn.location as string).pathname + new URL(afterSignIn.location as string).search,
    );
    return { browser, consent };
  }

  async function authorize(query: string, decision = "authorize") {
    const { browser, consent } = await toConsent(query);
    assert.equal(consent.status, 200, consent.body);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision,
      workspace: installer.workspace.id_code,
    });
    assert.equal(answer.status, 303, answer.body);
    return { browser, consent, location: new URL(answer.location as string) };
  }

  before(async () => {
    // The bursts of parallel exchanges below spend one client's budget many times over in a minute;
    // the token endpoint's limits are tested in rate-limits.test.ts, not here.
    gh = await startGatehouse(database, { env: { GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT: "100000" } });
    builder = await createTenant(gh.services, { name: "Connect Inc" });
    installer = await createTenant(gh.services, { name: "Hogwarts workspace" });
    clientId = builder.app.app.client_id;
    clientSecret = builder.app.clientSecret;
    await setRequestedScopes(gh.services, builder.app.app.id, [
      "read_users_companies",
      "read_conversations",
      "read_admins",
    ]);
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK, SECOND_CALLBACK]);
  });
  after(() => gh.close());

  it("runs the whole flow: sign-in, consent, code and state, token, /me as the installing admin", async () => {
    const { consent, location } = await authorize(`client_id=${clientId}&state=xyz%20123`);
    // The consent screen: the app, who built it, the permissions in the seed's words, the two buttons.
    assert.match(consent.body, /Connect Inc app/);
    assert.match(consent.body, /Connect Inc/);
    assert.match(consent.body, /Read and list users and companies/);
    assert.match(consent.body, /List and view all segments, users, companies, and tags/);
    assert.match(consent.body, />Authorize access</);
    assert.match(consent.body, />Cancel</);
    assert.doesNotMatch(consent.body, /Read admins/, "an extended scope nobody approved is not offered");
    assert.match(consent.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    assert.equal(consent.headers.get("x-frame-options"), "DENY");
    assert.equal(consent.headers.get("referrer-policy"), "no-referrer");
    assert.equal(consent.headers.get("cache-control"), "no-store");

    assert.equal(location.origin + location.pathname, CALLBACK, "no redirect_uri: the first registered URL");
    assert.equal(location.searchParams.get("state"), "xyz 123");
    const code = location.searchParams.get("code");
    assert.ok(code);

    const { status, headers, body } = await exchange(gh, {
      code,
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(headers.get("cache-control"), "no-store");
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.token, body.access_token);
    assert.match(body.token, /^gao_/);

    const profile = await me(gh, body.token);
    assert.equal(profile.status, 200);
    assert.equal(profile.body.email, installer.admin.email);
    assert.equal(profile.body.app.id_code, installer.workspace.id_code);
    assert.equal(profile.body.app.name, "Hogwarts workspace");
    // The extended scope was not granted: the token cannot list admins.
    const admins = await fetch(`${gh.url}/admins`, { headers: bearer(body.token) });
    assert.equal(admins.status, 403);
  });

  it("offers and grants an extended scope once a review approved it, after the admin authorizes again", async () => {
    await reviewScopeRequest(gh.services, {
      appId: builder.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: builder.admin.id,
    });
    const { consent, location } = await authorize(`client_id=${clientId}&state=again`);
    assert.match(consent.body, /Read admins/);
    const { body } = await exchange(gh, {
      code: location.searchParams.get("code") as string,
      client_id: clientId,
      client_secret: clientSecret,
    });
    const admins = await fetch(`${gh.url}/admins`, { headers: bearer(body.token) });
    assert.equal(admins.status, 200);
    const list = await admins.json();
    assert.deepEqual(
      list.admins.map((a: { email: string }) => a.email),
      [installer.admin.email],
      "only the installing workspace's admins",
    );
  });

  it("sends Cancel back as access_denied with the state", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=s1`, "cancel");
    assert.equal(location.origin + location.pathname, CALLBACK);
    assert.equal(location.searchParams.get("error"), "access_denied");
    assert.equal(location.searchParams.get("state"), "s1");
    assert.equal(location.searchParams.get("code"), null);
  });

  it("uses a named redirect URL, which must then be sent again, identically, with the code", async () => {
    const { location } = await authorize(
      `client_id=${clientId}&state=s2&redirect_uri=${encodeURIComponent(SECOND_CALLBACK)}`,
    );
    assert.equal(location.origin + location.pathname, SECOND_CALLBACK);
    const code = location.searchParams.get("code") as string;
    const missing = await exchange(gh, { code, client_id: clientId, client_secret: clientSecret });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error, "invalid_grant");
    const { location: again } = await authorize(
      `client_id=${clientId}&state=s3&redirect_uri=${encodeURIComponent(SECOND_CALLBACK)}`,
    );
    const wrong = await exchange(gh, {
      code: again.searchParams.get("code") as string,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: CALLBACK,
    });
    assert.equal(wrong.body.error, "invalid_grant");
    const { location: third } = await authorize(
      `client_id=${clientId}&state=s4&redirect_uri=${encodeURIComponent(SECOND_CALLBACK)}`,
    );
    const right = await exchange(gh, {
      code: third.searchParams.get("code") as string,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: SECOND_CALLBACK,
      grant_type: "authorization_code",
    });
    assert.equal(right.status, 200);
  });

  it("never redirects to an unregistered URL, an unknown client, or an app without OAuth: an error page instead", async () => {
    const browser = new Browser(gh.url);
    const cases = [
      `client_id=${clientId}&redirect_uri=${encodeURIComponent("https://evil.example.com/callback")}`,
      `client_id=${clientId}&redirect_uri=${encodeURIComponent(`${CALLBACK}/../steal`)}`,
      `client_id=${clientId}&redirect_uri=${encodeURIComponent(`${CALLBACK}?x=1`)}`,
      "client_id=00000000-0000-0000-0000-000000000000",
      "state=only",
      `client_id=${installer.app.app.client_id}`,
    ];
    for (const query of cases) {
      const page = await browser.get(`/oauth?${query}`);
      assert.equal(page.location, undefined, query);
      assert.ok(page.status >= 400 && page.status < 500, `${query}: ${page.status}`);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
      assert.match(page.body, /cannot be used/);
    }
  });

  it("tells the client about an unsupported response_type at its verified redirect URL", async () => {
    const browser = new Browser(gh.url);
    const page = await browser.get(`/oauth?client_id=${clientId}&state=t&response_type=token`);
    assert.equal(page.status, 303);
    const location = new URL(page.location as string);
    assert.equal(location.origin + location.pathname, CALLBACK);
    assert.equal(location.searchParams.get("error"), "unsupported_response_type");
  });

  it("refuses a consent form without its CSRF token, and issues no code", async () => {
    const { browser, consent } = await toConsent(`client_id=${clientId}&state=csrf`);
    const fields = hiddenFields(consent.body, "/oauth");
    delete fields._csrf;
    const page = await browser.post("/oauth", {
      ...fields,
      decision: "authorize",
      workspace: installer.workspace.id_code,
    });
    assert.equal(page.status, 403);
    assert.equal(page.location, undefined);
    const forged = await browser.post("/oauth", {
      ...fields,
      _csrf: "A".repeat(43),
      decision: "authorize",
      workspace: installer.workspace.id_code,
    });
    assert.equal(forged.status, 403);
  });

  it("refuses a wrong client secret with 401 invalid_client, and a code issued to another client", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=w`);
    const code = location.searchParams.get("code") as string;
    const wrong = await exchange(gh, {
      code,
      client_id: clientId,
      client_secret: `${clientSecret.slice(0, -1)}${clientSecret.endsWith("x") ? "y" : "x"}`,
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, "invalid_client");
    assert.equal(wrong.body.type, "error.list", "Intercom's envelope rides along");
    const other = await exchange(gh, {
      code,
      client_id: installer.app.app.client_id,
      client_secret: installer.app.clientSecret,
    });
    assert.equal(other.status, 401);
    assert.equal(other.body.error, "invalid_grant");
    // Neither attempt used the code up: its own client can still redeem it.
    const right = await exchange(gh, { code, client_id: clientId, client_secret: clientSecret });
    assert.equal(right.status, 200);
  });

  it("takes client credentials by HTTP Basic and as JSON, and both ways only when they agree", async () => {
    const basicAuth = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
    const first = await authorize(`client_id=${clientId}&state=b`);
    const viaBasic = await exchange(
      gh,
      { code: first.location.searchParams.get("code") as string },
      { authorization: basicAuth },
    );
    assert.equal(viaBasic.status, 200, JSON.stringify(viaBasic.body));
    const second = await authorize(`client_id=${clientId}&state=j`);
    const viaJson = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        code: second.location.searchParams.get("code"),
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    assert.equal(viaJson.status, 200);
    const third = await authorize(`client_id=${clientId}&state=both`);
    const both = await exchange(
      gh,
      { code: third.location.searchParams.get("code") as string, client_secret: `${clientSecret}x` },
      { authorization: basicAuth },
    );
    assert.equal(both.status, 400);
    assert.equal(both.body.error, "invalid_request");
  });

  it("refuses other grant types and a missing code", async () => {
    const grant = await exchange(gh, {
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(grant.body.error, "unsupported_grant_type");
    const missing = await exchange(gh, { client_id: clientId, client_secret: clientSecret });
    assert.equal(missing.body.error, "invalid_request");
    const garbage = await exchange(gh, {
      code: "not-a-code",
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal(garbage.body.error, "invalid_grant");
  });

  it("refuses a replayed code, and revokes the token the code had issued", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=r`);
    const code = location.searchParams.get("code") as string;
    const first = await exchange(gh, { code, client_id: clientId, client_secret: clientSecret });
    assert.equal(first.status, 200);
    assert.equal((await me(gh, first.body.token)).status, 200);
    const replay = await exchange(gh, { code, client_id: clientId, client_secret: clientSecret });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error, "invalid_grant");
    assert.equal((await me(gh, first.body.token)).status, 401, "the token issued from a replayed code dies");
  });

  it("refuses an expired code", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=e`);
    const code = location.searchParams.get("code") as string;
    await gh.services.db
      .updateTable("authorization_codes")
      .set({ expires_at: Date.now() - 1 })
      .where("code_hmac", "=", gh.services.keys.hmac(code))
      .execute();
    const expired = await exchange(gh, { code, client_id: clientId, client_secret: clientSecret });
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error, "invalid_grant");
  });

  it("yields exactly one token from twenty parallel exchanges of one code", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=race`);
    const code = location.searchParams.get("code") as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        exchange(gh, { code, client_id: clientId, client_secret: clientSecret }),
      ),
    );
    const won = results.filter((r) => r.status === 200);
    assert.equal(won.length, 1, results.map((r) => r.status).join(","));
    for (const lost of results.filter((r) => r.status !== 200))
      assert.equal(lost.body.error, "invalid_grant");
    const codeRow = await gh.services.db
      .selectFrom("authorization_codes")
      .select("id")
      .where("code_hmac", "=", gh.services.keys.hmac(code))
      .executeTakeFirstOrThrow();
    const issued = await gh.services.db
      .selectFrom("access_tokens")
      .select("id")
      .where("authorization_code_id", "=", codeRow.id)
      .execute();
    assert.equal(issued.length, 1, "one token row for the code");
  });

  it("installs the app once from twenty parallel exchanges of distinct codes, each getting its token", async () => {
    const newcomer = await createTenant(gh.services, { name: "Newcomer workspace" });
    const request = await resolveAuthorizationRequest(gh.services, { client_id: clientId });
    // Twice: the first burst installs the app, the second grants it again to the live installation.
    for (const round of ["first install", "grant again"]) {
      const codes = await Promise.all(
        Array.from({ length: 20 }, () =>
          issueAuthorizationCode(gh.services, {
            request,
            workspaceId: newcomer.workspace.id,
            adminId: newcomer.admin.id,
          }),
        ),
      );
      const results = await Promise.all(
        codes.map((code) => exchange(gh, { code, client_id: clientId, client_secret: clientSecret })),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        codes.map(() => 200),
        `${round}: ${JSON.stringify(results.find((r) => r.status !== 200)?.body)}`,
      );
      const live = await gh.services.db
        .selectFrom("installations")
        .select("id")
        .where("app_id", "=", builder.app.app.id)
        .where("workspace_id", "=", newcomer.workspace.id)
        .where("uninstalled_at", "is", null)
        .execute();
      assert.equal(live.length, 1, `${round}: one live installation`);
      for (const { body } of results) assert.equal((await me(gh, body.token)).status, 200);
    }
  });

  it("refuses the token once the workspace uninstalls the app", async () => {
    const { location } = await authorize(`client_id=${clientId}&state=u`);
    const { body } = await exchange(gh, {
      code: location.searchParams.get("code") as string,
      client_id: clientId,
      client_secret: clientSecret,
    });
    assert.equal((await me(gh, body.token)).status, 200);
    const installation = await gh.services.db
      .selectFrom("installations")
      .select("id")
      .where("app_id", "=", builder.app.app.id)
      .where("workspace_id", "=", installer.workspace.id)
      .where("uninstalled_at", "is", null)
      .executeTakeFirstOrThrow();
    await uninstallApp(gh.services, installation.id, installer.admin.id);
    assert.equal((await me(gh, body.token)).status, 401);
  });

  it("refuses to register a redirect URL that is not HTTPS (loopback excepted)", async () => {
    await assert.rejects(setRedirectUris(gh.services, builder.app.app.id, ["http://example.com/cb"]), {
      code: "parameter_invalid",
    });
    await assert.rejects(setRedirectUris(gh.services, builder.app.app.id, ["https://example.com/cb#frag"]), {
      code: "parameter_invalid",
    });
    await assert.rejects(setRedirectUris(gh.services, builder.app.app.id, ["javascript:alert(1)"]), {
      code: "parameter_invalid",
    });
    const ok = await setRedirectUris(gh.services, builder.app.app.id, [
      CALLBACK,
      "http://localhost:3000/cb",
      "http://127.0.0.1/cb",
    ]);
    assert.equal(ok.length, 3);
  });
});
