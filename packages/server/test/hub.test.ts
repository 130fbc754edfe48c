import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { write } from "../src/core/services.ts";
import { insertInstallation } from "../src/platform/apps/installations.ts";
import { issueToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { setPlatformReviewer } from "../src/platform/identity/admins.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

describeEachDatabase("developer hub pages", (database) => {
  let gh: Gatehouse;
  let owner: Tenant;
  let stranger: Tenant;
  let browser: Browser;
  let base: string;

  async function status(token: string, path = "/me"): Promise<number> {
    const response = await fetch(gh.url + path, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status;
  }

  /** The token shown (behind "Reveal") on a page. */
  function revealed(html: string): string | undefined {
    return /<code class="secret"[^>]*>([^<]+)<\/code>/.exec(html)?.[1];
  }

  before(async () => {
    gh = await startGatehouse(database);
    owner = await createTenant(gh.services, { name: "Owner workspace" });
    stranger = await createTenant(gh.services, { name: "Stranger workspace" });
    browser = new Browser(gh.url);
    await browser.signIn(owner.admin.email, PASSWORD);
    base = `/hub/apps/${owner.app.app.client_id}`;
  });
  after(() => gh.close());

  it("lists the admin's apps and creates a new one with its access token", async () => {
    const list = await browser.get("/hub");
    assert.equal(list.status, 200);
    assert.match(list.body, /Owner workspace app/);
    assert.doesNotMatch(list.body, /Stranger workspace app/);
    const created = await browser.submit("/hub/apps/new", {
      name: "Fresh app",
      workspace: owner.workspace.id_code,
    });
    assert.equal(created.status, 303);
    const page = await browser.follow(created);
    assert.match(page.body, /App created/);
    const clientId = /\/hub\/apps\/([0-9a-f-]{36})/.exec(created.location ?? "")?.[1] as string;
    const auth = await browser.get(`/hub/apps/${clientId}/authentication`);
    const token = revealed(auth.body) as string;
    assert.match(token, /^gat_/);
    assert.equal(await status(token), 200);
    const empty = await browser.submit("/hub/apps/new", { name: "   " });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Name is required/);
  });

  it("reveals the same token the app was given, regenerates and deletes it", async () => {
    const page = await browser.get(`${base}/authentication`);
    assert.equal(revealed(page.body), owner.token);
    const regenerated = await browser.submit(
      `${base}/authentication`,
      { confirm: "1" },
      `${base}/token/regenerate`,
    );
    assert.equal(regenerated.status, 303);
    const after = await browser.follow(regenerated);
    const fresh = revealed(after.body) as string;
    assert.notEqual(fresh, owner.token);
    assert.equal(await status(owner.token), 401);
    assert.equal(await status(fresh), 200);
    await browser.submit(`${base}/authentication`, { confirm: "1" }, `${base}/token/delete`);
    assert.equal(await status(fresh), 401);
    const none = await browser.get(`${base}/authentication`);
    assert.match(none.body, /No access token/);
    await browser.submit(`${base}/authentication`, {}, `${base}/token/regenerate`);
    owner.token = revealed((await browser.get(`${base}/authentication`)).body) as string;
    assert.equal(await status(owner.token), 200);
  });

  it("rotates the client secret behind its reveal", async () => {
    const before = revealed((await browser.get(base)).body);
    assert.equal(before, owner.app.clientSecret);
    await browser.submit(base, { confirm: "1" }, `${base}/rotate-secret`);
    const after = revealed((await browser.get(base)).body);
    assert.match(after ?? "", /^gcs_/);
    assert.notEqual(after, before);
  });

  it("manages OAuth and redirect URLs: HTTPS or loopback only, reorderable, first is the default", async () => {
    await browser.submit(`${base}/authentication`, { enabled: "true" }, `${base}/oauth`);
    const refused = await browser.submit(
      `${base}/authentication`,
      { uri: "http://example.com/cb" },
      `${base}/redirect-urls/add`,
    );
    assert.equal(refused.status, 400);
    assert.match(refused.body, /must use HTTPS/);
    for (const uri of ["https://one.example.com/cb", "http://localhost:3000/cb"]) {
      assert.equal(
        (await browser.submit(`${base}/authentication`, { uri }, `${base}/redirect-urls/add`)).status,
        303,
      );
    }
    await browser.submit(
      `${base}/authentication`,
      { uri: "http://localhost:3000/cb", direction: "up" },
      `${base}/redirect-urls/move`,
    );
    const page = await browser.get(`${base}/authentication`);
    const order = [...page.body.matchAll(/<li><code>([^<]+)<\/code>/g)].map((m) => m[1]);
    assert.deepEqual(order, ["http://localhost:3000/cb", "https://one.example.com/cb"]);
    assert.match(page.body, /Use OAuth: <strong>on/);
    await browser.submit(
      `${base}/authentication`,
      { uri: "https://one.example.com/cb" },
      `${base}/redirect-urls/remove`,
    );
    const after = await browser.get(`${base}/authentication`);
    assert.doesNotMatch(after.body, /one\.example\.com/);
  });

  it("saves permissions: extended ones wait for review, Canvas Kit locks its four on", async () => {
    await browser.submit(`${base}/authentication`, { scopes: "read_tags", reason: "x" }, `${base}/scopes`);
    const form = await browser.get(`${base}/authentication`);
    const csrf = csrfOf(form.body);
    const body = new URLSearchParams([
      ["_csrf", csrf],
      ["scopes", "read_tags"],
      ["scopes", "read_admins"],
      ["reason", "Show who is on shift"],
    ]);
    const saved = await fetch(`${gh.url}${base}/scopes`, {
      method: "POST",
      body,
      headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      redirect: "manual",
    });
    assert.equal(saved.status, 303);
    const page = await browser.get(`${base}/authentication`);
    assert.match(page.body, /Waiting for review/);
    assert.equal(await status(owner.token, "/admins"), 403, "pending grants nothing");
    await browser.submit(`${base}/authentication`, { enabled: "true" }, `${base}/canvas-kit`);
    const locked = await browser.get(`${base}/authentication`);
    assert.equal([...locked.body.matchAll(/Required by Canvas Kit/g)].length, 4);
    // Unticking everything keeps the locked four.
    await browser.submit(`${base}/authentication`, {}, `${base}/scopes`);
    const rows = await gh.services.db
      .selectFrom("app_scopes")
      .select("scope_id")
      .where("app_id", "=", owner.app.app.id)
      .execute();
    assert.deepEqual(rows.map((r) => r.scope_id).sort(), [
      "gather_app_data",
      "read_admins",
      "read_conversations",
      "read_users_companies",
    ]);
  });

  it("lets a platform reviewer of another workspace approve from the queue, which widens the same token; others get 403", async () => {
    const denied = await browser.get("/reviews");
    assert.equal(denied.status, 403);
    await setPlatformReviewer(gh.services, owner.admin.id, true);
    const own = await browser.get("/reviews");
    assert.equal(own.status, 200);
    assert.match(own.body, /Owner workspace app: Read admins/);
    assert.match(own.body, /within 24 h/);
    assert.match(own.body, /You cannot decide this request/, "not the reviewer of their own app");
    await setPlatformReviewer(gh.services, stranger.admin.id, true);
    const reviewer = new Browser(gh.url);
    await reviewer.signIn(stranger.admin.email, PASSWORD);
    const noReason = await reviewer.submit(
      "/reviews",
      { app: String(owner.app.app.id), scope: "gather_app_data", decision: "rejected" },
      "/reviews/decide",
    );
    assert.equal(noReason.status, 400);
    const approved = await reviewer.submit(
      "/reviews",
      { app: String(owner.app.app.id), scope: "read_admins", decision: "approved" },
      "/reviews/decide",
    );
    assert.equal(approved.status, 303);
    assert.equal(await status(owner.token, "/admins"), 200);
    const page = await browser.get(`${base}/authentication`);
    assert.match(page.body, /badge approved/);
  });

  it("shows an app only to admins of the workspace that owns it", async () => {
    const other = new Browser(gh.url);
    await other.signIn(stranger.admin.email, PASSWORD);
    for (const path of [base, `${base}/authentication`, `${base}/workspaces`]) {
      const page = await other.get(path);
      assert.equal(page.status, 404, path);
      assert.doesNotMatch(page.body, /gat_|gcs_/);
    }
    const post = await other.submit("/hub", {}, `${base}/token/regenerate`);
    assert.equal(post.status, 404);
    assert.equal(await status(owner.token), 200, "nothing changed");
    const signedOut = await new Browser(gh.url).get(`${base}/authentication`);
    assert.equal(signedOut.status, 303);
    assert.match(signedOut.location ?? "", /\/signin\?return_to=/);
  });

  it("refuses a change without its CSRF token and changes nothing", async () => {
    const response = await browser.post(`${base}/token/regenerate`, {});
    assert.equal(response.status, 403);
    assert.equal(await status(owner.token), 200);
  });

  it("shows the workspaces the app is installed on, with tokens only for the viewer's own", async () => {
    // The app installed on a workspace the viewer is no admin of, with a live access token there.
    const elsewhere = await write(gh.services, async (trx) => {
      const installation = await insertInstallation(gh.services, trx, {
        appId: owner.app.app.id,
        workspaceId: stranger.workspace.id,
        adminId: stranger.admin.id,
      });
      return issueToken(gh.services, trx, {
        installationId: installation.id,
        adminId: stranger.admin.id,
        kind: "access",
      });
    });
    const page = await browser.get(`${base}/workspaces`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Owner workspace/);
    assert.match(page.body, /Stranger workspace/);
    assert.equal(revealed(page.body), owner.token);
    assert.ok(!page.body.includes(elsewhere.token), "another workspace's token is not shown");
    assert.equal((page.body.match(/gat_/g) ?? []).length, 1, "one token on the page: the viewer's own");
    await write(gh.services, (trx) =>
      trx.deleteFrom("access_tokens").where("id", "=", elsewhere.row.id).execute(),
    );
    await write(gh.services, (trx) =>
      trx
        .deleteFrom("installations")
        .where("app_id", "=", owner.app.app.id)
        .where("workspace_id", "=", stranger.workspace.id)
        .execute(),
    );
  });

  it("uninstalls from the workspace's settings, refusing the token at once, and logs every change", async () => {
    const installed = await browser.get(`/settings/${owner.workspace.id_code}/apps`);
    assert.match(installed.body, /Read admins/);
    const installation = /name="installation" value="(\d+)"/.exec(installed.body)?.[1] as string;
    const done = await browser.submit(
      `/settings/${owner.workspace.id_code}/apps`,
      { installation, confirm: "1" },
      `/settings/${owner.workspace.id_code}/apps/uninstall`,
    );
    assert.equal(done.status, 303);
    assert.equal(await status(owner.token), 401);
    const log = await browser.get(`/settings/${owner.workspace.id_code}/activity`);
    for (const action of [
      "app.created",
      "token.regenerated",
      "token.deleted",
      "app.client_secret_rotated",
      "app.oauth_enabled",
      "app.redirect_urls_changed",
      "app.scopes_changed",
      "app.canvas_kit_on",
      "scope.approved",
      "app.uninstalled",
    ]) {
      assert.match(log.body, new RegExp(action.replace(".", "\\.")), action);
    }
    assert.match(log.body, /127\.0\.0\.1/);
    const strangerSettings = await new Browser(gh.url);
    await strangerSettings.signIn(stranger.admin.email, PASSWORD);
    assert.equal((await strangerSettings.get(`/settings/${owner.workspace.id_code}/apps`)).status, 404);
  });

  /** A signed-in admin of a workspace of their own, their app's path and the form token: for races. */
  async function racer() {
    const tenant = await createTenant(gh.services, { name: "Racing workspace" });
    const racing = new Browser(gh.url);
    await racing.signIn(tenant.admin.email, PASSWORD);
    const path = `/hub/apps/${tenant.app.app.client_id}`;
    const csrf = csrfOf((await racing.get(`${path}/authentication`)).body);
    /** Twenty forms at once, the i-th with `fields(i)` (a field may repeat, as checkboxes do). */
    const burst = (action: string, fields: (i: number) => Array<[string, string]>) =>
      Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const response = await fetch(`${gh.url}${path}/${action}`, {
            method: "POST",
            body: new URLSearchParams([["_csrf", csrf], ...fields(i)]),
            headers: { cookie: [...racing.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
            redirect: "manual",
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
    return { tenant, racing, path, burst };
  }

  it("leaves exactly one live access token after twenty parallel regenerations", async () => {
    const { tenant, racing, path, burst } = await racer();
    assert.deepEqual(new Set(await burst("token/regenerate", () => [["confirm", "1"]])), new Set([303]));
    const live = await gh.services.db
      .selectFrom("access_tokens")
      .select("id")
      .where("installation_id", "=", tenant.app.installationId)
      .where("revoked_at", "is", null)
      .execute();
    assert.equal(live.length, 1, "one live token");
    assert.equal(await status(revealed((await racing.get(`${path}/authentication`)).body) as string), 200);
  });

  it("saves one whole set of permissions out of twenty parallel saves", async () => {
    const { tenant, burst } = await racer();
    const sets = [
      ["read_tags"],
      ["read_admins", "read_tags"],
      ["read_admins", "read_conversations", "write_tags"],
    ];
    const statuses = await burst("scopes", (i) => (sets[i % 3] as string[]).map((s) => ["scopes", s]));
    assert.deepEqual(new Set(statuses), new Set([303]));
    const rows = await gh.services.db
      .selectFrom("app_scopes")
      .select("scope_id")
      .where("app_id", "=", tenant.app.app.id)
      .orderBy("scope_id")
      .execute();
    const saved = rows.map((r) => r.scope_id);
    assert.ok(
      sets.some((set) => set.join(" ") === saved.join(" ")),
      `one of the sets sent, not a mixture: ${saved.join(" ")}`,
    );
  });

  it("keeps every redirect URL twenty parallel adds confirmed, each once", async () => {
    const { tenant, burst } = await racer();
    const uri = (i: number) => `https://app${i % 4}.example.com/callback`;
    const statuses = await burst("redirect-urls/add", (i) => [["uri", uri(i)]]);
    assert.ok(
      statuses.every((s) => s === 303 || s === 400),
      statuses.join(","),
    );
    const saved = await gh.services.db
      .selectFrom("redirect_uris")
      .select(["uri", "position"])
      .where("app_id", "=", tenant.app.app.id)
      .orderBy("position")
      .execute();
    assert.deepEqual(saved.map((r) => r.uri).sort(), [0, 1, 2, 3].map(uri), "each address once, none lost");
    assert.deepEqual(
      saved.map((r) => r.position),
      [0, 1, 2, 3],
    );
  });
});
