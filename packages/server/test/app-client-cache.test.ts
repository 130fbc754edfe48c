import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { deleteApp } from "../src/platform/apps/app-deletion.ts";
import { rotateClientSecret, setClientType } from "../src/platform/apps/apps.ts";
import { setUninstallUrl } from "../src/platform/webhooks/uninstall-notices.ts";
import { createTenant, describeEachDatabase, type Gatehouse, startGatehouse } from "./support/gatehouse.ts";

/**
 * The OAuth endpoints keep authenticated apps in memory by client_id (app-by-client-id.ts). Every change
 * to an app row must reach them at once: a rotated secret, a client turned public, a deleted app, and
 * (through the change feed) every other write to the row.
 */
describeEachDatabase("apps kept in memory by client_id", (database) => {
  let gh: Gatehouse;

  before(async () => {
    gh = await startGatehouse(database);
  });
  after(() => gh.close());

  /** Asks the introspection endpoint about the app's own token, authenticating as the app. */
  async function introspect(clientId: string, clientSecret: string | undefined, token: string) {
    const form: Record<string, string> = { token, client_id: clientId };
    if (clientSecret !== undefined) form.client_secret = clientSecret;
    const response = await gh.server.inject({
      method: "POST",
      url: "/oauth/introspect",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      payload: new URLSearchParams(form).toString(),
    });
    return { status: response.statusCode, body: response.json() as { active?: boolean; error?: string } };
  }

  it("refuses a rotated secret at once, and takes the new one", async () => {
    const tenant = await createTenant(gh.services);
    const { client_id } = tenant.app.app;
    const old = tenant.app.clientSecret;
    assert.equal((await introspect(client_id, old, tenant.token)).body.active, true);
    const fresh = await rotateClientSecret(gh.services, tenant.app.app.id);
    const refused = await introspect(client_id, old, tenant.token);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, "invalid_client");
    assert.equal((await introspect(client_id, fresh, tenant.token)).body.active, true);
  });

  it("forgets a deleted app at once", async () => {
    const tenant = await createTenant(gh.services);
    const { client_id } = tenant.app.app;
    assert.equal((await introspect(client_id, tenant.app.clientSecret, tenant.token)).status, 200);
    await deleteApp(gh.services, tenant.app.app.id);
    const refused = await introspect(client_id, tenant.app.clientSecret, tenant.token);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, "invalid_client");
  });

  it("sees a client turned public (which may then revoke by client_id alone)", async () => {
    const tenant = await createTenant(gh.services);
    const { client_id } = tenant.app.app;
    const revoke = () =>
      gh.server.inject({
        method: "POST",
        url: "/oauth/revoke",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        payload: new URLSearchParams({ token: "nothing-of-note", client_id }).toString(),
      });
    assert.equal((await revoke()).statusCode, 401, "a confidential client must send its secret");
    await setClientType(gh.services, tenant.app.app.id, "public");
    assert.equal((await revoke()).statusCode, 200);
  });

  it("publishes every write to an app row, the uninstall URL's too", async () => {
    const tenant = await createTenant(gh.services);
    const heard: string[] = [];
    gh.services.changes.subscribe((tags) => heard.push(...tags));
    await setUninstallUrl(gh.services, tenant.app.app.id, null);
    assert.ok(heard.includes(`app:${tenant.app.app.id}`), `heard ${heard.join(", ")}`);
  });
});
