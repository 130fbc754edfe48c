import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * Intercom's own paths beside the ones Gatehouse had: `POST /auth/uninstall` (with `/oauth/uninstall`
 * kept as its alias), and OmniAuth's sign-up start, `GET /oauth/signup`, the same flow as `/oauth`.
 */
const CALLBACK = "https://client.example.com/cb";

describe("Intercom's uninstall and sign-up paths", () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;

  async function installedToken(): Promise<string> {
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, TENANT_PASSWORD);
    const page = await browser.get(`/oauth?client_id=${builder.app.app.client_id}&state=s`);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
    });
    const code = new URL(answer.location as string).searchParams.get("code") as string;
    const response = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({
        code,
        client_id: builder.app.app.client_id,
        client_secret: builder.app.clientSecret,
      }),
    });
    return (await response.json()).token;
  }

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Builder" });
    installer = await createTenant(gh.services, { name: "Installer" });
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
  });
  after(() => gh.close());

  for (const path of ["/auth/uninstall", "/oauth/uninstall"]) {
    it(`POST ${path} with the app's own token uninstalls it from that workspace`, async () => {
      const token = await installedToken();
      const uninstalled = await fetch(gh.url + path, { method: "POST", headers: bearer(token) });
      assert.equal(uninstalled.status, 200);
      assert.deepEqual(await uninstalled.json(), {
        type: "installation",
        uninstalled: true,
        workspace_id: installer.workspace.id_code,
      });
      const me = await fetch(`${gh.url}/me`, { headers: bearer(token) });
      assert.equal(me.status, 401);
      const again = await fetch(gh.url + path, { method: "POST", headers: bearer(token) });
      assert.equal(again.status, 401);
      assert.equal((await again.json()).type, "error.list");
      const without = await fetch(gh.url + path, { method: "POST" });
      assert.equal(without.status, 401);
      assert.match(without.headers.get("www-authenticate") ?? "", /^Bearer/);
    });
  }

  it("GET /oauth/signup serves the same flow as /oauth: sign-in first, then consent, then the code", async () => {
    const query = `client_id=${builder.app.app.client_id}&state=signup`;
    const signedOut = await fetch(`${gh.url}/oauth/signup?${query}`, { redirect: "manual" });
    assert.equal(signedOut.status, 303);
    const signIn = new URL(signedOut.headers.get("location") as string, gh.url);
    assert.equal(signIn.pathname, "/signin");
    assert.equal(signIn.searchParams.get("return_to"), `/oauth/signup?${query}`);
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, TENANT_PASSWORD);
    const page = await browser.get(`/oauth/signup?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Builder/);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
    });
    const callback = new URL(answer.location as string);
    assert.equal(callback.origin + callback.pathname, CALLBACK);
    assert.equal(callback.searchParams.get("state"), "signup");
    assert.ok(callback.searchParams.get("code"));
    const unknown = await fetch(`${gh.url}/oauth/signup?client_id=nope`, { redirect: "manual" });
    assert.equal(unknown.status, 400);
  });
});
