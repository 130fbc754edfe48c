import assert from "node:assert/strict";
import { it } from "node:test";
import { createApp, reviewScopeRequest, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { addMember, createAdmin, removeMember } from "../src/platform/identity/admins.ts";
import { callApi } from "./support/api.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import { createTenant, TENANT_PASSWORD as PASSWORD, type Tenant } from "./support/gatehouse.ts";
import { webhookSuite as suite, webhookHarness } from "./support/webhook-receiving.ts";

suite("webhook topics for admins, admins' messages and unsnoozes", (database) => {
  const h = webhookHarness(database);
  const { queuedTopics, received } = h;
  /** The real CLI, as scripts call it (`--json`). */
  const cli = (...args: string[]) => cliOf(h.gh)(...args, "--json");

  /** A tenant whose app holds the standard scopes and an approved "Read admins", subscribed to `topics`. */
  async function subscribed(topics: string[], endpoint: string, name?: string): Promise<Tenant> {
    const { services } = h.gh;
    const tenant = await createTenant(services, name ? { name } : {});
    const standard = services.scopes.ofTier("standard").map((s) => s.id);
    await setRequestedScopes(services, tenant.app.app.id, [...standard, "read_admins"]);
    await reviewScopeRequest(services, {
      appId: tenant.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: tenant.admin.id,
    });
    return h.subscribed(topics, endpoint, tenant);
  }

  const adminAsShown = async (tenant: Tenant, adminId: number) => {
    const answer = await callApi(h.gh.url, tenant.token, `/admins/${adminId}`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body;
  };

  it("signing in and out of the pages raises admin.logged_in and admin.logged_out in each of the admin's workspaces", async () => {
    const topics = ["admin.logged_in", "admin.logged_out"];
    const home = await subscribed(topics, "sessions-home");
    const second = await subscribed(topics, "sessions-second");
    const elsewhere = await subscribed(topics, "sessions-elsewhere");
    await addMember(h.gh.services, second.workspace.id, home.admin.id, "admin");

    const wrong = new Browser(h.gh.url);
    const page = await wrong.get("/signin");
    const refused = await wrong.post("/signin", {
      _csrf: csrfOf(page.body),
      email: home.admin.email,
      password: "not the password at all",
    });
    assert.equal(refused.status, 401);
    assert.deepEqual(await queuedTopics(home), [], "a failed sign-in signs nobody in");

    const browser = new Browser(h.gh.url);
    await browser.signIn(home.admin.email, PASSWORD);
    const session = browser.cookies.get("gh_session") as string;
    assert.deepEqual(await queuedTopics(home), ["admin.logged_in"]);
    assert.deepEqual(await queuedTopics(second), ["admin.logged_in"]);

    const signedIn = await browser.get("/oauth?client_id=x");
    const out = await browser.post("/signout", { _csrf: csrfOf(signedIn.body) });
    assert.equal(out.status, 303);
    // The ended session, signed out of again, ends nothing more.
    const replayed = new Browser(h.gh.url);
    replayed.cookies.set("gh_session", session);
    const again = await replayed.get("/signin");
    await replayed.post("/signout", { _csrf: csrfOf(again.body) });

    for (const tenant of [home, second]) assert.deepEqual(await queuedTopics(tenant), topics);
    assert.deepEqual(await queuedTopics(elsewhere), [], "a workspace the admin is not in hears nothing");

    for (const [tenant, endpoint] of [
      [home, "sessions-home"],
      [second, "sessions-second"],
    ] as const) {
      const notifications = await received(endpoint, tenant, 2);
      // Due deliveries go out in parallel, so they may arrive in any order (as Intercom's do).
      assert.deepEqual(notifications.map((n) => n.topic).sort(), topics);
      const shown = await adminAsShown(tenant, home.admin.id);
      for (const n of notifications) assert.deepEqual(n.data.item, shown);
      assert.equal(shown.email, home.admin.email);
    }
  });

  it("adding an admin to a workspace and removing them raise admin.added_to_workspace and admin.removed_from_workspace", async () => {
    const tenant = await subscribed(
      ["admin.added_to_workspace", "admin.removed_from_workspace"],
      "membership",
      `Membership ${database.dialect}`,
    );
    const newcomer = await createAdmin(h.gh.services, {
      email: `newcomer-${database.dialect}@example.com`,
      name: "Nia Newcomer",
    });
    const code = tenant.workspace.id_code;
    const added = await cli("admin", "add", "--email", newcomer.email, "--workspace", code);
    assert.equal(added.code, 0, added.stderr);
    const whileMember = await adminAsShown(tenant, newcomer.id);
    // Adding them twice fails, and says nothing.
    assert.notEqual((await cli("admin", "add", "--email", newcomer.email, "--workspace", code)).code, 0);
    const removed = await cli("admin", "remove", "--email", newcomer.email, "--workspace", code);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal((await callApi(h.gh.url, tenant.token, `/admins/${newcomer.id}`)).status, 404);
    // Removing them again, or the workspace's only owner, is refused and says nothing either.
    assert.notEqual((await cli("admin", "remove", "--email", newcomer.email, "--workspace", code)).code, 0);
    const owner = await cli("admin", "remove", "--email", tenant.admin.email, "--workspace", code);
    assert.notEqual(owner.code, 0);
    assert.match(owner.stderr, /only owner/);
    assert.equal((await adminAsShown(tenant, tenant.admin.id)).id, String(tenant.admin.id));

    assert.deepEqual(await queuedTopics(tenant), [
      "admin.added_to_workspace",
      "admin.removed_from_workspace",
    ]);
    const notifications = await received("membership", tenant, 2);
    assert.deepEqual(notifications.map((n) => n.topic).sort(), [
      "admin.added_to_workspace",
      "admin.removed_from_workspace",
    ]);
    for (const n of notifications) assert.deepEqual(n.data.item, whileMember);
  });

  it("a removed admin's tokens stop working in that workspace at once", async () => {
    const tenant = await createTenant(h.gh.services);
    const leaver = await createAdmin(h.gh.services, {
      email: `leaver-${database.dialect}@example.com`,
      name: "Lee Leaver",
    });
    await addMember(h.gh.services, tenant.workspace.id, leaver.id, "admin");
    const app = await createApp(h.gh.services, {
      workspaceId: tenant.workspace.id,
      adminId: leaver.id,
      name: "Leaver's app",
      scopes: ["read_admins"],
    });
    const me = () => callApi(h.gh.url, app.accessToken.token, "/me");
    assert.equal((await me()).status, 200);
    await removeMember(h.gh.services, tenant.workspace.id, leaver.id);
    assert.equal((await me()).status, 401);
    assert.equal((await callApi(h.gh.url, tenant.token, "/me")).status, 200, "the others' tokens still work");
  });

  it("an admin's message raises conversation.admin.single.created; opening a snoozed conversation, or its snooze running out, conversation.admin.unsnoozed", async () => {
    const tenant = await subscribed(
      [
        "conversation.admin.single.created",
        "conversation.admin.snoozed",
        "conversation.admin.unsnoozed",
        "conversation.admin.opened",
      ],
      "conversations",
    );
    const api = (path: string, body?: unknown) =>
      callApi(h.gh.url, tenant.token, path, body === undefined ? {} : { method: "POST", body });
    const contact = await api("/contacts", { role: "user", email: "reader@example.com" });
    const sent = await api("/messages", {
      message_type: "inapp",
      body: "Hello from us",
      from: { type: "admin", id: tenant.admin.id },
      to: { type: "user", id: contact.body.id },
    });
    assert.equal(sent.status, 200, sent.text);
    const id = sent.body.conversation_id as string;
    const asSent = (await api(`/conversations/${id}`)).body;

    const manage = (body: Record<string, unknown>) =>
      api(`/conversations/${id}/parts`, { type: "admin", admin_id: tenant.admin.id, ...body });
    const snooze = () =>
      manage({ message_type: "snoozed", snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    const snoozed = await snooze();
    assert.equal(snoozed.body.state, "snoozed");
    const unsnoozed = await manage({ message_type: "open" });
    assert.equal(unsnoozed.status, 200, unsnoozed.text);
    assert.equal(unsnoozed.body.state, "open");
    assert.equal(unsnoozed.body.statistics.count_reopens, 0);
    // Opening it once closed is an open, not an unsnooze.
    assert.equal((await manage({ message_type: "close" })).status, 200);
    const opened = await manage({ message_type: "open" });
    assert.equal(opened.status, 200);

    // A snooze that runs out wakes the conversation when it ends, with no write to notice it: the snooze
    // timer records Intercom's timer_unsnooze part, by whoever snoozed, and raises one unsnooze.
    await snooze();
    await h.gh.services.db
      .updateTable("conversations")
      .set({ snoozed_until: Date.now() - 1000 })
      .where("id", "=", Number(id))
      .execute();
    const stateNow = async () =>
      (
        await h.gh.services.db
          .selectFrom("conversations")
          .select("state")
          .where("id", "=", Number(id))
          .executeTakeFirstOrThrow()
      ).state;
    for (let waited = 0; (await stateNow()) !== "open"; waited += 50) {
      assert.ok(waited < 10_000, "the snooze timer wakes the conversation within seconds");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const partTypes = async () =>
      (
        await h.gh.services.db
          .selectFrom("conversation_parts")
          .select("part_type")
          .where("conversation_id", "=", Number(id))
          .orderBy("id")
          .execute()
      ).map((p) => p.part_type);
    const woken = await partTypes();
    assert.equal(woken.at(-1), "timer_unsnooze");
    // The next write finds it awake: no second wake, no second unsnooze.
    const read = await callApi(h.gh.url, tenant.token, `/conversations/${id}`, {
      method: "PUT",
      body: { read: true },
    });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.state, "open");
    assert.deepEqual(await partTypes(), woken);

    const expected = [
      "conversation.admin.single.created",
      "conversation.admin.snoozed",
      "conversation.admin.unsnoozed",
      "conversation.admin.opened",
      "conversation.admin.snoozed",
      "conversation.admin.unsnoozed",
    ];
    assert.deepEqual(await queuedTopics(tenant), expected);
    const notifications = await received("conversations", tenant, expected.length);
    const item = (topic: string) => notifications.filter((n) => n.topic === topic).map((n) => n.data.item);
    assert.deepEqual(item("conversation.admin.single.created"), [asSent]);
    assert.equal(asSent.source.author.id, String(tenant.admin.id));
    const unsnoozes = item("conversation.admin.unsnoozed");
    assert.equal(unsnoozes.length, 2);
    assert.ok(unsnoozes.some((u) => JSON.stringify(u) === JSON.stringify(unsnoozed.body)));
    const byTimer = unsnoozes.find((u) => JSON.stringify(u) !== JSON.stringify(unsnoozed.body));
    assert.equal(byTimer?.id, id);
    assert.equal(byTimer?.state, "open");
    assert.equal(byTimer?.snoozed_until, null);
    assert.deepEqual(item("conversation.admin.opened"), [opened.body]);
  });
});
