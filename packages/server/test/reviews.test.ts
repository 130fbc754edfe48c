import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { sql } from "kysely";
import {
  addMember,
  createAdmin,
  removeMember,
  setPlatformReviewer,
} from "../src/platform/identity/admins.ts";
import { migrate } from "../src/storage/database.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import { oldWorkspace, withStorageBefore } from "./support/databases.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

describeEachDatabase("separation of duties in review", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;
  let builder: Tenant;
  let independent: Tenant;

  async function signedIn(email: string): Promise<Browser> {
    const browser = new Browser(gh.url);
    await browser.signIn(email, PASSWORD);
    return browser;
  }

  /** An app of `tenant`'s workspace asking, through the hub as `tenant`'s admin, for Read admins. */
  async function requestReadAdmins(tenant: Tenant, browser: Browser): Promise<void> {
    const base = `/hub/apps/${tenant.app.app.client_id}`;
    const form = await browser.get(`${base}/authentication`);
    const saved = await browser.post(`${base}/scopes`, {
      _csrf: csrfOf(form.body),
      scopes: "read_admins",
      reason: "Show who is on shift",
    });
    assert.equal(saved.status, 303);
  }

  async function reviewState(tenant: Tenant): Promise<string | undefined> {
    const row = await gh.services.db
      .selectFrom("app_scopes")
      .select("review_state")
      .where("app_id", "=", tenant.app.app.id)
      .where("scope_id", "=", "read_admins")
      .executeTakeFirst();
    return row?.review_state;
  }

  function decide(browser: Browser, tenant: Tenant, decision: "approved" | "rejected") {
    return browser.submit(
      "/reviews",
      { app: String(tenant.app.app.id), scope: "read_admins", decision, note: "looked at it" },
      "/reviews/decide",
    );
  }

  before(async () => {
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url") },
    });
    cli = cliOf(gh);
    builder = await createTenant(gh.services, { name: "Builder workspace", scopes: [] });
    independent = await createTenant(gh.services, { name: "Review desk", scopes: [] });
    await setPlatformReviewer(gh.services, independent.admin.id, true);
  });
  after(() => gh.close());

  it("a reviewer sees why they cannot decide their own workspace's request, with no buttons; a forged POST is refused", async () => {
    await setPlatformReviewer(gh.services, builder.admin.id, true);
    const browser = await signedIn(builder.admin.email);
    await requestReadAdmins(builder, browser);
    const queue = await browser.get("/reviews");
    assert.equal(queue.status, 200);
    assert.match(queue.body, /Builder workspace app: Read admins/);
    assert.match(queue.body, /You cannot decide this request/);
    assert.match(queue.body, /you asked for it/);
    assert.doesNotMatch(queue.body, new RegExp(`name="app" value="${builder.app.app.id}"`), "no form for it");
    for (const decision of ["approved", "rejected"] as const) {
      const forged = await decide(browser, builder, decision);
      assert.equal(forged.status, 403, decision);
      assert.match(forged.body, /You cannot decide this request/);
    }
    assert.equal(await reviewState(builder), "pending", "nothing was decided");
    assert.equal((await fetch(`${gh.url}/admins`, { headers: bearer(builder.token) })).status, 403);
  });

  it("shows who asked, for which app of which workspace, which scope and why, all escaped", async () => {
    const asker = await createTenant(gh.services, { name: "<i>Sly</i> \u202Eworkspace", scopes: [] });
    await gh.services.db
      .updateTable("admins")
      .set({ name: "Grace <b>Hopper</b>" })
      .where("id", "=", asker.admin.id)
      .execute();
    const browser = await signedIn(asker.admin.email);
    const base = `/hub/apps/${asker.app.app.client_id}`;
    const reason = `<script>alert(1)</script> \u202Eto show on-shift admins; 日本語 العربية`;
    const form = await browser.get(`${base}/authentication`);
    const saved = await browser.post(`${base}/scopes`, {
      _csrf: csrfOf(form.body),
      scopes: "read_admins",
      reason,
    });
    assert.equal(saved.status, 303);
    const queue = await (await signedIn(independent.admin.email)).get("/reviews");
    const start = queue.body.indexOf(`name="app" value="${asker.app.app.id}"`);
    const article = queue.body.slice(queue.body.lastIndexOf("<article", start), start);
    assert.match(
      article,
      /<dt>Asked by<\/dt><dd><bdi>Grace &lt;b>Hopper&lt;\/b><\/bdi> \(<bdi>[^<]+@example\.com<\/bdi>\)<\/dd>/,
    );
    assert.match(article, /made by the workspace <bdi>&lt;i>Sly&lt;\/i> \u202Eworkspace<\/bdi>/);
    assert.match(article, /<dt>Scope<\/dt><dd>Read admins <code>read_admins<\/code><\/dd>/);
    assert.match(
      article,
      /<blockquote dir="auto">&lt;script>alert\(1\)&lt;\/script> \u202Eto show on-shift admins; 日本語 العربية<\/blockquote>/,
    );
    assert.doesNotMatch(queue.body, /<script>|<b>Hopper|<i>Sly/);
  });

  it("a reviewer who is only a member of the app's workspace cannot decide it either", async () => {
    const colleague = await createAdmin(gh.services, {
      email: `colleague-${crypto.randomUUID()}@example.com`,
      name: "Colleague",
      password: PASSWORD,
    });
    await addMember(gh.services, builder.workspace.id, colleague.id, "admin");
    await setPlatformReviewer(gh.services, colleague.id, true);
    const browser = await signedIn(colleague.email);
    const queue = await browser.get("/reviews");
    assert.match(queue.body, /you are a member of Builder workspace/);
    assert.equal((await decide(browser, builder, "approved")).status, 403);
    assert.equal(await reviewState(builder), "pending");
  });

  it("a reviewer who asked for a scope cannot approve it after leaving the workspace", async () => {
    const leaver = await createTenant(gh.services, { name: "Leaver's own", scopes: [] });
    const shared = await createTenant(gh.services, { name: "Shared workspace", scopes: [] });
    await addMember(gh.services, shared.workspace.id, leaver.admin.id, "admin");
    await setPlatformReviewer(gh.services, leaver.admin.id, true);
    await requestReadAdmins(shared, await signedIn(leaver.admin.email));
    await removeMember(gh.services, shared.workspace.id, leaver.admin.id);
    const browser = await signedIn(leaver.admin.email);
    const queue = await browser.get("/reviews");
    assert.match(queue.body, /Shared workspace app: Read admins/);
    assert.equal((await decide(browser, shared, "approved")).status, 403);
    assert.equal(await reviewState(shared), "pending");
  });

  it("an independent reviewer decides it in the hub, and the log names them", async () => {
    const browser = await signedIn(independent.admin.email);
    const queue = await browser.get("/reviews");
    assert.match(queue.body, new RegExp(`name="app" value="${builder.app.app.id}"`));
    const decided = await decide(browser, builder, "approved");
    assert.equal(decided.status, 303);
    assert.equal(await reviewState(builder), "approved");
    const entry = await gh.services.db
      .selectFrom("activity_log")
      .select(["admin_id", "workspace_id", "details"])
      .where("action", "=", "scope.approved")
      .where("workspace_id", "=", builder.workspace.id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.admin_id, independent.admin.id);
  });

  it("the operator's CLI decides any request, logged as the operator's decision", async () => {
    const app = await createTenant(gh.services, { name: "Operator's case", scopes: [] });
    await requestReadAdmins(app, await signedIn(app.admin.email));
    const result = await cli(
      "app",
      "review",
      "--app",
      app.app.app.client_id,
      "--scope",
      "read_admins",
      "--approve",
      "--json",
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).review, "approved");
    assert.equal(await reviewState(app), "approved");
    const entry = await gh.services.db
      .selectFrom("activity_log")
      .select(["admin_id", "details"])
      .where("action", "=", "scope.approved")
      .where("workspace_id", "=", app.workspace.id)
      .executeTakeFirstOrThrow();
    assert.equal(entry.admin_id, null);
    assert.equal(JSON.parse(entry.details).decided_by, "operator");
    const log = await (await signedIn(app.admin.email)).get(`/settings/${app.workspace.id_code}/activity`);
    assert.match(log.body, /The operator \(command line\) approved .*'s request for the scope Read admins\./);
  });
});

describeEachDatabase("who asked for a scope, before migration 0024", (database) => {
  it("takes each existing request's requester to be the admin who made the app", async () => {
    await withStorageBefore(database, "0024", async (storage) => {
      const workspace = await oldWorkspace(storage, "sod00001");
      const { rows } = await sql<{ id: number }>`
        insert into admins (email, name, created_at) values ('maker@example.com', 'Maker', 1) returning id`.execute(
        storage.db,
      );
      const maker = Number(rows[0]?.id);
      const app = await storage.db
        .insertInto("apps")
        .values({
          workspace_id: workspace.id,
          name: "Old app",
          client_id: crypto.randomUUID(),
          client_secret_hmac: "x",
          client_secret_key_id: "k",
          client_secret_sealed: "x",
          oauth_enabled: false,
          created_by_admin_id: maker,
          created_at: 1,
          updated_at: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await sql`insert into app_scopes (app_id, scope_id, review_state, requested_at)
        values (${app.id}, 'read_admins', 'pending', 1)`.execute(storage.db);
      const applied = await migrate(storage);
      assert.equal(applied[0], "0024_scope_requester");
      const row = await storage.db
        .selectFrom("app_scopes")
        .select("requested_by_admin_id")
        .where("app_id", "=", app.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.requested_by_admin_id, maker);
    });
  });
});
