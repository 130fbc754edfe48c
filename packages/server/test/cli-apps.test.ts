import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { cliOf, settled } from "./support/cli.ts";
import { bearer, describeEachDatabase, type Gatehouse, startGatehouse } from "./support/gatehouse.ts";

/** What newcomers reached for and did not find: deleting an app, its secret again, visitors, scope edits. */
describeEachDatabase("the gatehouse command's app lifecycle", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;
  let workspace: string;

  async function json(...args: string[]) {
    const result = await cli(...args, "--json");
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  }

  async function makeApp(name: string, ...more: string[]) {
    return json(
      "app",
      "create",
      "--workspace",
      workspace,
      "--admin",
      "ada@acme.test",
      "--name",
      name,
      ...more,
    );
  }

  /** The status `/me` answers once the running server has heard of the CLI's change. */
  const settledStatus = (token: string, expected: number) =>
    settled(
      async () => {
        const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
        await response.arrayBuffer();
        return response.status;
      },
      (seen) => seen === expected,
    );

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    cli = cliOf(gh);
    workspace = (await json("workspace", "create", "--name", "Acme")).id_code;
    await json(
      "admin",
      "create",
      "--email",
      "ada@acme.test",
      "--name",
      "Ada",
      "--workspace",
      workspace,
      "--role",
      "owner",
    );
  });
  after(() => gh.close());

  it("adds and removes scopes beside the current ones, and a later save keeps the reason for review", async () => {
    const app = await makeApp("Scoped", "--all-standard-scopes");
    const standard = (await json("app", "scopes", "--app", app.client_id)).length;
    assert.ok(standard > 10);
    const added = await json(
      "app",
      "scopes",
      "--app",
      app.client_id,
      "--add",
      "read_admins",
      "--reason",
      "We list admins",
    );
    assert.equal(added.length, standard + 1, "no standard scope was dropped");
    const admins = added.find((s: { scope: string }) => s.scope === "read_admins");
    assert.deepEqual([admins.review, admins.reason], ["pending", "We list admins"]);
    const again = await json("app", "scopes", "--app", app.client_id, "--add", "read_news");
    const news = again.find((s: { scope: string }) => s.scope === "read_news");
    assert.deepEqual([news.review, news.reason], ["pending", "We list admins"], "the earlier reason is kept");
    const removed = await json("app", "scopes", "--app", app.client_id, "--remove", "read_news,read_tags");
    const ids = removed.map((s: { scope: string }) => s.scope);
    assert.equal(ids.length, standard);
    assert.ok(!ids.includes("read_tags") && !ids.includes("read_news") && ids.includes("read_admins"));
    const unknown = await cli("app", "scopes", "--app", app.client_id, "--add", "read_everything");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /'read_everything' is not a known permission scope/);
  });

  it("warns when OAuth is turned on with no redirect URL, and not once one is set", async () => {
    const app = await makeApp("Warned");
    const bare = await cli("app", "oauth", "--app", app.client_id, "--enable", "--json");
    assert.equal(bare.code, 0);
    assert.equal(JSON.parse(bare.stdout).oauth_enabled, true);
    assert.match(bare.stderr, /Warning: OAuth is on but Warned has no redirect URL/);
    assert.match(bare.stderr, /--redirect-uri/);
    const set = await cli(
      "app",
      "oauth",
      "--app",
      app.client_id,
      "--enable",
      "--redirect-uri",
      "https://warned.example/callback",
    );
    assert.equal(set.code, 0);
    assert.equal(set.stderr, "");
  });

  it("shows the client secret again, and rotates it", async () => {
    const app = await makeApp("Secretive");
    const shown = await cli("app", "secret", "--app", app.client_id);
    assert.equal(shown.stdout, `${app.client_secret}\n`);
    const rotated = await json("app", "secret", "--app", app.client_id, "--rotate");
    assert.match(rotated.client_secret, /^gcs_/);
    assert.notEqual(rotated.client_secret, app.client_secret);
    assert.equal((await json("app", "secret", "--app", app.client_id)).client_secret, rotated.client_secret);
  });

  it("deletes an app: uninstalled, tokens revoked and published, webhooks cancelled, logged, found no more", async () => {
    const app = await makeApp("Doomed", "--scopes", "read_tags");
    assert.equal(await settledStatus(app.access_token, 200), 200);
    const db = gh.services.db;
    const row = await db
      .selectFrom("apps")
      .select(["id", "workspace_id"])
      .where("client_id", "=", app.client_id)
      .executeTakeFirstOrThrow();
    const installation = await db
      .selectFrom("installations")
      .select("id")
      .where("app_id", "=", row.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("webhook_deliveries")
      .values({
        notification_id: `notif_${crypto.randomUUID()}`,
        app_id: row.id,
        installation_id: installation.id,
        workspace_id: row.workspace_id,
        topic: "contact.user.created",
        item: "{}",
        next_attempt_at: Date.now() + 60_000,
        created_at: Date.now(),
      })
      .execute();

    const deleted = await json("app", "delete", "--app", app.client_id);
    assert.deepEqual(deleted, {
      client_id: app.client_id,
      deleted: true,
      uninstalled: 1,
      revoked_tokens: 1,
      cancelled_deliveries: 1,
    });
    assert.equal(await settledStatus(app.access_token, 401), 401);
    const feed = await db
      .selectFrom("token_revocations")
      .innerJoin("access_tokens", "access_tokens.id", "token_revocations.token_id")
      .select("token_revocations.event")
      .where("access_tokens.installation_id", "=", installation.id)
      .execute();
    assert.deepEqual(
      feed.map((f) => f.event),
      ["uninstalled"],
    );
    const deliveries = await db
      .selectFrom("webhook_deliveries")
      .select("state")
      .where("app_id", "=", row.id)
      .execute();
    assert.deepEqual(
      deliveries.map((d) => d.state),
      ["cancelled"],
    );
    const logged = await db
      .selectFrom("activity_log")
      .select("details")
      .where("action", "=", "app.deleted")
      .execute();
    assert.equal(logged.length, 1);
    assert.equal(JSON.parse(logged[0]?.details ?? "{}").client_id, app.client_id);

    const listed = await json("app", "list", "--workspace", workspace);
    assert.ok(!listed.some((a: { client_id: string }) => a.client_id === app.client_id));
    for (const args of [
      ["app", "delete", "--app", app.client_id],
      ["token", "show", "--app", app.client_id],
      ["app", "secret", "--app", app.client_id],
    ]) {
      const gone = await cli(...args);
      assert.equal(gone.code, 1, args.join(" "));
      assert.match(gone.stderr, /No app with client_id/);
    }
    const authorize = await fetch(
      `${gh.url}/oauth/authorize?client_id=${app.client_id}&response_type=code&state=s`,
      { redirect: "manual" },
    );
    await authorize.arrayBuffer();
    assert.ok(authorize.status >= 400 && authorize.status < 500, `authorize answered ${authorize.status}`);
  });

  it("sets an app's description and icon at creation and with `app profile`, refusing what the hub refuses", async () => {
    const app = await makeApp(
      "Pictured",
      "--description",
      "  Tags conversations.  ",
      "--icon-url",
      "https://cdn.example.com/p.png",
    );
    assert.deepEqual(
      [app.description, app.icon_url],
      ["Tags conversations.", "https://cdn.example.com/p.png"],
    );
    const changed = await json("app", "profile", "--app", app.client_id, "--description", "Tags and routes.");
    assert.deepEqual(changed, {
      client_id: app.client_id,
      description: "Tags and routes.",
      icon_url: "https://cdn.example.com/p.png",
    });
    for (const [args, says] of [
      [["--icon-url", "javascript:alert(1)"], /icon URL must use HTTPS/],
      [["--icon-url", "http://cdn.example.com/p.png"], /icon URL must use HTTPS/],
      [["--description", "x".repeat(281)], /--description must be at most 280 characters/],
      [["--description", "two\nlines"], /--description must be one line of text/],
      [[], /Give --description, --icon-url, or both/],
    ] as const) {
      const refused = await cli("app", "profile", "--app", app.client_id, ...args);
      assert.equal(refused.code, 1, args.join(" "));
      assert.match(refused.stderr, says);
    }
    const badCreate = await cli(
      "app",
      "create",
      "--workspace",
      workspace,
      "--admin",
      "ada@acme.test",
      "--name",
      "Never made",
      "--icon-url",
      "data:image/png;base64,AAAA",
    );
    assert.equal(badCreate.code, 1);
    const listed = await json("app", "list", "--workspace", workspace);
    assert.ok(!listed.some((a: { name: string }) => a.name === "Never made"), "nothing half-made");
    const cleared = await json(
      "app",
      "profile",
      "--app",
      app.client_id,
      "--description",
      "",
      "--icon-url",
      "",
    );
    assert.deepEqual([cleared.description, cleared.icon_url], [null, null]);
    const plain = await cli("app", "profile", "--app", app.client_id, "--description", "Back.");
    assert.match(plain.stdout, /description: Back\./);
  });

  it("lists a workspace's visitors, newest first", async () => {
    const first = await json("visitor", "create", "--workspace", workspace, "--name", "First");
    const second = await json("visitor", "create", "--workspace", workspace, "--email", "s@v.test");
    const listed = await json("visitor", "list", "--workspace", workspace);
    assert.deepEqual(
      listed.map((v: { id: string }) => v.id),
      [second.id, first.id],
    );
    assert.equal(listed[1].name, "First");
    const plain = await cli("visitor", "list", "--workspace", workspace);
    assert.match(plain.stdout, /^id +user_id +pseudonym/);
    assert.equal((await json("visitor", "list", "--workspace", workspace, "--limit", "1")).length, 1);
    const bad = await cli("visitor", "list", "--workspace", workspace, "--limit", "0");
    assert.equal(bad.code, 1);
  });
});
