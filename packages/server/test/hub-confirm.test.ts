import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { Browser, type Page } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * Destructive actions in the hub and in a workspace's settings ask first, without JavaScript: the
 * button's post answers a confirmation page, Cancel is a link back, and only the post carrying
 * `confirm=1` (and, to delete an app, its name typed) acts.
 */
describeEachDatabase("hub actions that ask first", (database) => {
  let gh: Gatehouse;

  before(async () => {
    gh = await startGatehouse(database);
  });
  after(() => gh.close());

  async function status(token: string): Promise<number> {
    const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status;
  }

  async function signedIn(name: string): Promise<{ tenant: Tenant; browser: Browser; base: string }> {
    const tenant = await createTenant(gh.services, { name });
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    return { tenant, browser, base: `/hub/apps/${tenant.app.app.client_id}` };
  }

  /** A confirmation page: asks, posts `confirm=1` back to `action`, and cancels by a link to `cancel`. */
  function assertAsks(page: Page, action: string, cancel: string, says: RegExp) {
    assert.equal(page.status, 200, page.body.slice(0, 300));
    assert.match(page.body, says);
    assert.match(page.body, new RegExp(`<form method="post" action="${action}">`));
    assert.match(page.body, /<input type="hidden" name="confirm" value="1"\/>/);
    assert.match(page.body, new RegExp(`<a href="${cancel}">Cancel</a>`));
  }

  async function secretOf(tenant: Tenant): Promise<string> {
    const row = await gh.services.db
      .selectFrom("apps")
      .select("client_secret_hmac")
      .where("id", "=", tenant.app.app.id)
      .executeTakeFirstOrThrow();
    return row.client_secret_hmac;
  }

  it("rotating the client secret: asks, Cancel leads back, only the confirmed post rotates", async () => {
    const { tenant, browser, base } = await signedIn("Rotating");
    const before = await secretOf(tenant);
    const asked = await browser.submit(base, {}, `${base}/rotate-secret`);
    assertAsks(asked, `${base}/rotate-secret`, base, /Rotate the client secret of Rotating app\?/);
    assert.equal(await secretOf(tenant), before, "asking changed nothing");
    assert.equal((await browser.get(base)).status, 200, "Cancel's page");
    assert.equal(await secretOf(tenant), before);
    const done = await browser.submit(base, { confirm: "1" }, `${base}/rotate-secret`);
    assert.equal(done.status, 303);
    assert.notEqual(await secretOf(tenant), before);
  });

  it("regenerating and deleting the access token ask first; the token works until confirmed", async () => {
    const { tenant, browser, base } = await signedIn("Tokens");
    const auth = `${base}/authentication`;
    const regenerate = await browser.submit(auth, {}, `${base}/token/regenerate`);
    assertAsks(regenerate, `${base}/token/regenerate`, auth, /Regenerate the access token\?/);
    const remove = await browser.submit(auth, {}, `${base}/token/delete`);
    assertAsks(remove, `${base}/token/delete`, auth, /Delete the access token\?/);
    assert.equal(await status(tenant.token), 200, "asking revoked nothing");
    const deleted = await browser.submit(auth, { confirm: "1" }, `${base}/token/delete`);
    assert.equal(deleted.status, 303);
    assert.equal(await status(tenant.token), 401);
    // With no token left there is nothing to lose: "Create access token" acts at once.
    const created = await browser.submit(auth, {}, `${base}/token/regenerate`);
    assert.equal(created.status, 303);
  });

  it("a confirmation that is not exactly `1` is refused by the schema and changes nothing", async () => {
    const { tenant, browser, base } = await signedIn("Sloppy");
    for (const confirm of ["yes", "1\r\n", "11"]) {
      const page = await browser.submit(`${base}/authentication`, { confirm }, `${base}/token/delete`);
      assert.equal(page.status, 400, confirm);
    }
    assert.equal(await status(tenant.token), 200);
  });

  it("removing the webhook subscription asks first; confirmed, it goes", async () => {
    const { tenant, browser, base } = await signedIn("Hooked");
    const hooks = `${base}/webhooks`;
    const saved = await browser.submit(hooks, {
      url: "https://hooks.example.com/in",
      topics: "contact.user.created",
    });
    assert.equal(saved.status, 303);
    const subscription = () =>
      gh.services.db
        .selectFrom("webhook_subscriptions")
        .select("url")
        .where("app_id", "=", tenant.app.app.id)
        .executeTakeFirst();
    const asked = await browser.submit(hooks, {}, `${hooks}/remove`);
    assertAsks(asked, `${hooks}/remove`, hooks, /Remove the webhook subscription\?/);
    assert.ok(await subscription(), "asking removed nothing");
    const done = await browser.submit(hooks, { confirm: "1" }, `${hooks}/remove`);
    assert.equal(done.status, 303);
    assert.equal(await subscription(), undefined);
  });

  it("rotating the webhook signing secret asks first; confirmed, a new secret signs", async () => {
    const { tenant, browser, base } = await signedIn("Signing");
    const hooks = `${base}/webhooks`;
    const secret = async () =>
      (
        await gh.services.db
          .selectFrom("webhook_signing_secrets")
          .select("secret_sealed")
          .where("app_id", "=", tenant.app.app.id)
          .executeTakeFirst()
      )?.secret_sealed;
    await browser.get(hooks); // the page makes the app's first secret, to show it
    const before = await secret();
    assert.ok(before);
    const asked = await browser.submit(hooks, {}, `${hooks}/rotate-secret`);
    assertAsks(asked, `${hooks}/rotate-secret`, hooks, /Rotate the webhook signing secret\?/);
    assert.equal(await secret(), before, "asking rotated nothing");
    const done = await browser.submit(hooks, { confirm: "1" }, `${hooks}/rotate-secret`);
    assert.equal(done.status, 303);
    const after = await secret();
    assert.ok(after && after !== before, "a new secret signs");
  });

  it("uninstalling from a workspace's settings asks first, then refuses the token at once", async () => {
    const { tenant, browser } = await signedIn("Uninstalling");
    const settings = `/settings/${tenant.workspace.id_code}/apps`;
    const installation = String(tenant.app.installationId);
    const asked = await browser.submit(settings, { installation }, `${settings}/uninstall`);
    assertAsks(asked, `${settings}/uninstall`, settings, /Uninstall Uninstalling app from Uninstalling\?/);
    assert.match(asked.body, new RegExp(`name="installation" value="${installation}"`));
    assert.equal(await status(tenant.token), 200);
    const done = await browser.submit(settings, { installation, confirm: "1" }, `${settings}/uninstall`);
    assert.equal(done.status, 303);
    assert.equal(await status(tenant.token), 401);
  });

  it("deletes an app once its name is typed: gone from the list, its pages 404, its token refused, logged", async () => {
    const { tenant, browser, base } = await signedIn("Doomed");
    const asked = await browser.submit(base, {}, `${base}/delete`);
    assertAsks(asked, `${base}/delete`, base, /Delete Doomed app\?/);
    assert.match(asked.body, /Type <strong>Doomed app<\/strong> to confirm/);
    const wrong = await browser.submit(base, { confirm: "1", confirm_name: "Doomed" }, `${base}/delete`);
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /aria-describedby="confirm-name-error"/);
    assert.match(wrong.body, /id="confirm-name-error" class="field-error">That is not the app's name/);
    const unnamed = await browser.submit(base, { confirm: "1" }, `${base}/delete`);
    assert.equal(unnamed.status, 400);
    assert.equal(await status(tenant.token), 200, "nothing deleted yet");
    assert.match((await browser.get("/hub")).body, /Doomed app/);

    const done = await browser.submit(base, { confirm: "1", confirm_name: "Doomed app" }, `${base}/delete`);
    assert.equal(done.status, 303);
    assert.equal(new URL(done.location ?? "").pathname, "/hub");
    const list = await browser.follow(done);
    assert.match(list.body, /App deleted/);
    assert.doesNotMatch(list.body, /Doomed app/);
    assert.equal(await status(tenant.token), 401);
    for (const path of [base, `${base}/authentication`, `${base}/webhooks`]) {
      assert.equal((await browser.get(path)).status, 404, path);
    }
    const again = await browser.post(`${base}/delete`, { _csrf: "x" });
    assert.equal(again.status, 403, "a stale form is refused before anything else");
    const logged = await gh.services.db
      .selectFrom("activity_log")
      .select(["action", "admin_id", "ip"])
      .where("workspace_id", "=", tenant.workspace.id)
      .where("action", "=", "app.deleted")
      .execute();
    assert.deepEqual(
      logged.map((row) => [row.action, Number(row.admin_id), String(row.ip)]),
      [["app.deleted", tenant.admin.id, "127.0.0.1"]],
    );
  });

  it("an admin of another workspace cannot delete the app, even typing its name", async () => {
    const { tenant, base } = await signedIn("Guarded");
    const { browser: stranger } = await signedIn("Stranger");
    const refused = await stranger.submit(
      "/hub",
      { confirm: "1", confirm_name: "Guarded app" },
      `${base}/delete`,
    );
    assert.equal(refused.status, 404);
    assert.equal(await status(tenant.token), 200);
  });

  it("escapes the app's name on the confirmation page, and matches it exactly", async () => {
    const { tenant, browser, base } = await signedIn("Escaping");
    const name = `"><script>alert(1)</script> ☃`;
    const renamed = await browser.submit(base, { name }, `${base}/rename`);
    assert.equal(renamed.status, 303);
    const asked = await browser.submit(base, {}, `${base}/delete`);
    assert.doesNotMatch(asked.body, /<script>alert/);
    assert.match(asked.body, /&quot;>&lt;script>alert\(1\)&lt;\/script> ☃/);
    const done = await browser.submit(base, { confirm: "1", confirm_name: name }, `${base}/delete`);
    assert.equal(done.status, 303);
    assert.equal(await status(tenant.token), 401);
  });
});
