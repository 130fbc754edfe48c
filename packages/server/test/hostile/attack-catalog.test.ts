import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { reviewScopeRequest, setOAuthEnabled, setRequestedScopes } from "../../src/platform/apps/apps.ts";
import { setRedirectUris } from "../../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, csrfOf, hiddenFields } from "../support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "../support/gatehouse.ts";

/**
 * One case per threat of RFC 9700 (OAuth 2.0 Security BCP) and RFC 6749 §10 that applies to Gatehouse,
 * each attempted for real against the server and refused.
 */
const CALLBACK = "https://client.example.com/cb";

describeEachDatabase("attack catalog", (database) => {
  let gh: Gatehouse;
  let victimApp: Tenant;
  let attackerApp: Tenant;
  let installer: Tenant;

  async function signedIn(who: Tenant = installer): Promise<Browser> {
    const browser = new Browser(gh.url);
    await browser.signIn(who.admin.email, PASSWORD);
    return browser;
  }

  async function authorize(app: Tenant, extra = "", fields: Record<string, string> = {}): Promise<URL> {
    const browser = await signedIn();
    const page = await browser.get(`/oauth?client_id=${app.app.app.client_id}&state=st${extra}`);
    assert.equal(page.status, 200, page.body.slice(0, 200));
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
      workspace: installer.workspace.id_code,
      ...fields,
    });
    return new URL(answer.location as string);
  }

  async function exchange(app: Tenant, fields: Record<string, string>) {
    const response = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: app.app.app.client_id,
        client_secret: app.app.clientSecret,
        ...fields,
      }),
    });
    return { status: response.status, body: await response.json() };
  }

  before(async () => {
    gh = await startGatehouse(database);
    victimApp = await createTenant(gh.services, { name: "Victim client", scopes: ["read_tags"] });
    attackerApp = await createTenant(gh.services, { name: "Attacker client", scopes: ["read_tags"] });
    installer = await createTenant(gh.services, { name: "Installer" });
    for (const app of [victimApp, attackerApp]) {
      await setOAuthEnabled(gh.services, app.app.app.id, true);
      await setRedirectUris(gh.services, app.app.app.id, [CALLBACK]);
    }
    await setRequestedScopes(gh.services, victimApp.app.app.id, ["read_tags", "read_admins"]);
  });
  after(() => gh.close());

  it("open redirector (RFC 9700 §4.11, RFC 6749 §10.15): no redirect to an unregistered or altered URL", async () => {
    const browser = await signedIn();
    for (const uri of [
      "https://attacker.example/cb",
      `${CALLBACK}.attacker.example`,
      `${CALLBACK}/../x`,
      "https://CLIENT.example.com/cb",
      `${CALLBACK}?next=https://attacker.example`,
    ]) {
      const page = await browser.get(
        `/oauth?client_id=${victimApp.app.app.client_id}&redirect_uri=${encodeURIComponent(uri)}`,
      );
      assert.equal(page.location, undefined, uri);
      assert.equal(page.status, 400, uri);
    }
    const signIn = await browser.get("/signin");
    assert.equal(signIn.location, `${gh.url}/hub`, "signed in: sent on, to this site");
  });

  it("authorization code injection (RFC 9700 §4.5): a code issued to one client is refused to another", async () => {
    const code = (await authorize(victimApp)).searchParams.get("code") as string;
    const injected = await exchange(attackerApp, { code });
    assert.equal(injected.status, 401);
    assert.equal(injected.body.error, "invalid_grant");
  });

  it("code replay (RFC 6749 §4.1.2, §10.5): a second use fails and revokes the token that code issued, nothing else", async () => {
    const code = (await authorize(victimApp)).searchParams.get("code") as string;
    const first = await exchange(victimApp, { code });
    const other = await exchange(victimApp, {
      code: (await authorize(victimApp)).searchParams.get("code") as string,
    });
    const second = await exchange(victimApp, { code });
    assert.equal(first.status, 200);
    assert.equal(second.body.error, "invalid_grant");
    const me = (token: string) => fetch(`${gh.url}/me`, { headers: bearer(token) });
    assert.equal((await me(first.body.token)).status, 401);
    assert.equal((await me(other.body.token)).status, 200, "another code's token is not the replay's");
    assert.equal((await me(victimApp.token)).status, 200, "nor is the app's own access token");
  });

  it("CSRF on consent (RFC 6749 §10.12): a token from another browser, or none, is refused", async () => {
    const attacker = await signedIn(attackerApp);
    const attackerCsrf = csrfOf((await attacker.get(`/oauth?client_id=${victimApp.app.app.client_id}`)).body);
    const victim = await signedIn();
    const page = await victim.get(`/oauth?client_id=${victimApp.app.app.client_id}&state=s`);
    const fields: Record<string, string> = {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
      workspace: installer.workspace.id_code,
    };
    assert.equal((await victim.post("/oauth", { ...fields, _csrf: attackerCsrf })).status, 403);
    const { _csrf, ...withoutToken } = fields;
    assert.ok(_csrf);
    assert.equal((await victim.post("/oauth", withoutToken)).status, 403);
    const crossSite = await victim.post("/oauth", fields, { origin: "https://attacker.example" });
    assert.equal(
      crossSite.status,
      303,
      "the token, not the Origin header, is the defence; a valid one passes",
    );
  });

  it("clickjacking (RFC 9700 §4.16, RFC 6749 §10.13): the consent page cannot be framed", async () => {
    const browser = await signedIn();
    const page = await browser.get(`/oauth?client_id=${victimApp.app.app.client_id}`);
    assert.equal(page.headers.get("x-frame-options"), "DENY");
    assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
  });

  it("PKCE downgrade (RFC 9700 §4.8.2): a challenge at /oauth needs its verifier at the token endpoint", async () => {
    const verifier = crypto.randomBytes(32).toString("base64url");
    const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
    const code = (
      await authorize(victimApp, `&code_challenge=${challenge}&code_challenge_method=S256`)
    ).searchParams.get("code") as string;
    const downgraded = await exchange(victimApp, { code });
    assert.equal(downgraded.body.error, "invalid_grant");
    const plainCode = (await authorize(victimApp)).searchParams.get("code") as string;
    const injectedVerifier = await exchange(victimApp, { code: plainCode, code_verifier: verifier });
    assert.equal(
      injectedVerifier.body.error,
      "invalid_grant",
      "a verifier for a code issued without a challenge",
    );
  });

  it("scope escalation at consent and at exchange: an unapproved extended scope is never granted", async () => {
    const code = (
      await authorize(victimApp, "&scope=read_admins", { scope: "read_admins" })
    ).searchParams.get("code") as string;
    const { body } = await exchange(victimApp, { code, scope: "read_admins" });
    const admins = await fetch(`${gh.url}/admins`, { headers: bearer(body.token) });
    assert.equal(admins.status, 403);
    // Approval after consent does not widen what the workspace consented to.
    await reviewScopeRequest(gh.services, {
      appId: victimApp.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: victimApp.admin.id,
    });
    const after = await fetch(`${gh.url}/admins`, { headers: bearer(body.token) });
    assert.equal(after.status, 403, "the installer never consented to Read admins");
  });

  it("token substitution between apps: one app can neither see nor revoke another's token", async () => {
    const code = (await authorize(victimApp)).searchParams.get("code") as string;
    const { body } = await exchange(victimApp, { code });
    const auth = { client_id: attackerApp.app.app.client_id, client_secret: attackerApp.app.clientSecret };
    const seen = await fetch(`${gh.url}/oauth/introspect`, {
      method: "POST",
      body: new URLSearchParams({ token: body.token, ...auth }),
    });
    assert.deepEqual(await seen.json(), { active: false });
    await fetch(`${gh.url}/oauth/revoke`, {
      method: "POST",
      body: new URLSearchParams({ token: body.token, ...auth }),
    });
    assert.equal((await fetch(`${gh.url}/me`, { headers: bearer(body.token) })).status, 200);
  });

  it("cross-workspace reads: a token never reaches another workspace's data", async () => {
    await setRequestedScopes(gh.services, attackerApp.app.app.id, ["read_tags", "read_admins"]);
    await reviewScopeRequest(gh.services, {
      appId: attackerApp.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: attackerApp.admin.id,
    });
    const other = await fetch(`${gh.url}/admins/${installer.admin.id}`, {
      headers: bearer(attackerApp.token),
    });
    assert.equal(other.status, 404);
    const list = await (await fetch(`${gh.url}/admins`, { headers: bearer(attackerApp.token) })).json();
    assert.deepEqual(
      list.admins.map((a: { email: string }) => a.email),
      [attackerApp.admin.email],
    );
  });

  it("session fixation: signing in always issues a fresh session", async () => {
    const browser = new Browser(gh.url);
    browser.cookies.set("gh_session", "planted-by-attacker");
    await browser.signIn(installer.admin.email, PASSWORD);
    assert.notEqual(browser.cookies.get("gh_session"), "planted-by-attacker");
  });

  it("credential guessing at the token endpoint (RFC 6749 §10.10): client secrets are checked in constant time and codes carry 178 bits", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 5 }, () =>
        exchange(victimApp, { code: `gac_${crypto.randomBytes(27).toString("base64url").slice(0, 36)}` }),
      ),
    );
    for (const guess of guesses) assert.equal(guess.body.error, "invalid_grant");
  });
});
