import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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
import { clientApp, type Profile } from "./support/passport-client.ts";

describe("passport-intercom against Gatehouse", () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let app: ReturnType<typeof clientApp>;
  let port = 0;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Passport Co" });
    installer = await createTenant(gh.services, { name: "Installer workspace" });
    app = clientApp(gh.url, builder.app.app.client_id, builder.app.clientSecret, () => port);
    await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
    port = (app.server.address() as { port: number }).port;
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    // Plain http is allowed for loopback redirect URLs (RFC 8252 §7.3).
    await setRedirectUris(gh.services, builder.app.app.id, [
      `http://127.0.0.1:${port}/auth/intercom/callback`,
    ]);
  });
  after(async () => {
    await new Promise((resolve) => app.server.close(resolve));
    await gh.close();
  });

  it("completes a login: redirect, sign-in, consent, code, token exchange, profile from /me", async () => {
    const start = await fetch(`http://127.0.0.1:${port}/auth/intercom`, { redirect: "manual" });
    assert.equal(start.status, 302);
    const authorizeUrl = new URL(start.headers.get("location") as string);
    assert.equal(authorizeUrl.origin + authorizeUrl.pathname, `${gh.url}/oauth`);
    assert.equal(authorizeUrl.searchParams.get("response_type"), "code");

    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, TENANT_PASSWORD);
    const consent = await browser.get(authorizeUrl.pathname + authorizeUrl.search);
    assert.equal(consent.status, 200, consent.body.slice(0, 500));
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
      workspace: installer.workspace.id_code,
    });
    assert.equal(answer.status, 303);
    const callback = new URL(answer.location as string);
    assert.equal(callback.origin, `http://127.0.0.1:${port}`);

    const finished = await fetch(callback);
    const text = await finished.text();
    assert.equal(finished.status, 200, text);
    assert.equal(text, `Hello ${installer.admin.name}`);
    const profile = app.logins[0] as Profile;
    assert.equal(profile.provider, "intercom");
    assert.equal(profile.id, String(installer.admin.id));
    assert.equal(profile.emails[0]?.value, installer.admin.email);
    assert.equal(profile._json.email_verified, true);
    assert.equal(profile._json.app.id_code, installer.workspace.id_code);
    // Built from /me's avatar.image_url: Gatehouse's default avatar, an absolute URL, for an admin with no photo.
    assert.deepEqual(profile.photos, [`${gh.url}/assets/default-avatar.png`]);
  });
});
