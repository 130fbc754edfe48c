import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Value } from "typebox/value";
import { reviewScopeRequest, setOAuthEnabled, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { uninstallApp } from "../src/platform/apps/installations.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { setAwayMode } from "../src/platform/identity/admins.ts";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import { NotificationEvent } from "../src/wire/notification-event.ts";
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
import { HttpsReceiver, OPENSSL_MISSING, type ReceivedRequest } from "./support/https-receiver.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
type Json = any;

const CALLBACK = "https://client.example.com/callback";

interface Notification {
  type: string;
  app_id: string;
  id: string;
  topic: string;
  delivery_attempts: number;
  first_sent_at: number;
  created_at: number;
  data: { type: string; item: Record<string, unknown> };
}

/** What a receiver must do: recompute the signature over the raw body with the client secret. */
function verified(request: ReceivedRequest, clientSecret: string): Notification {
  const expected = `sha1=${crypto.createHmac("sha1", clientSecret).update(request.body).digest("hex")}`;
  const given = String(request.headers["x-hub-signature"] ?? "");
  assert.ok(
    given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected)),
    "X-Hub-Signature is the HMAC-SHA1 of the body keyed with the client secret",
  );
  const sha256 = crypto.createHmac("sha256", clientSecret).update(request.body).digest("hex");
  assert.equal(request.headers["x-hub-signature-256"], `sha256=${sha256}`);
  assert.equal(request.headers["content-type"], "application/json");
  return JSON.parse(request.body) as Notification;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const suite = OPENSSL_MISSING
  ? (name: string) => describe(name, { skip: OPENSSL_MISSING }, () => {})
  : describeEachDatabase;

suite("webhooks", (database) => {
  let gh: Gatehouse;
  let receiver: HttpsReceiver;
  let env: Record<string, string>;

  before(async () => {
    receiver = await HttpsReceiver.start();
    env = {
      ...receiver.env,
      GATEHOUSE_WEBHOOK_POLL_MS: "20",
      // Long enough that the test can stop the server between a failed attempt and its retry.
      GATEHOUSE_WEBHOOK_RETRY_BASE_MS: "1500",
      GATEHOUSE_WEBHOOK_MAX_ATTEMPTS: "4",
    };
    gh = await startGatehouse(database, { env });
  });
  after(async () => {
    await gh.close();
    await receiver.close();
  });

  /** A tenant whose app holds the standard scopes and the approved admin scopes, subscribed to `topics`. */
  async function subscribed(topics: string[], endpoint: string): Promise<Tenant> {
    const tenant = await createTenant(gh.services);
    const standard = gh.services.scopes.ofTier("standard").map((s) => s.id);
    await setRequestedScopes(gh.services, tenant.app.app.id, [...standard, "read_admins", "update_admins"]);
    for (const scopeId of ["read_admins", "update_admins"]) {
      await reviewScopeRequest(gh.services, {
        appId: tenant.app.app.id,
        scopeId,
        decision: "approved",
        reviewerId: tenant.admin.id,
      });
    }
    await setSubscription(gh.services, tenant.app.app.id, { url: receiver.url(endpoint), topics });
    return tenant;
  }

  async function deliveries(appId: number) {
    return gh.services.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("app_id", "=", appId)
      .orderBy("id")
      .execute();
  }

  it("refuses a topic the app holds no scope for, naming the scope, and an endpoint that is not HTTPS", async () => {
    const tenant = await createTenant(gh.services, { scopes: ["read_tags"] });
    await assert.rejects(
      setSubscription(gh.services, tenant.app.app.id, {
        url: receiver.url("page"),
        topics: ["contact.user.created"],
      }),
      (error: Error & { status?: number; headers?: Record<string, string> }) => {
        assert.equal(error.status, 403);
        assert.match(error.message, /contact\.user\.created/);
        assert.match(error.message, /Read and list users and companies/);
        assert.match(error.headers?.["WWW-Authenticate"] ?? "", /scope="read_users_companies/);
        return true;
      },
    );
    await assert.rejects(
      setSubscription(gh.services, tenant.app.app.id, { url: "http://example.com/hooks", topics: [] }),
      /HTTPS/,
    );
    await assert.rejects(
      setSubscription(gh.services, tenant.app.app.id, {
        url: receiver.url("page"),
        topics: ["no.such.topic"],
      }),
      /not a webhook topic/,
    );
    const stored = await gh.services.db.selectFrom("webhook_subscriptions").selectAll().execute();
    assert.ok(!stored.some((row) => row.app_id === tenant.app.app.id), "nothing was stored");
  });

  it("delivers an API-raised event as Intercom's signed notification", async () => {
    const tenant = await subscribed(["admin.away_mode_updated"], "signed");
    const response = await gh.fetch(`${gh.url}/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      headers: { ...bearer(tenant.token), "content-type": "application/json" },
      body: JSON.stringify({ away_mode_enabled: true, away_mode_reassign: false }),
    });
    assert.equal(response.status, 200);
    const [request] = await receiver.waitFor("signed", 1);
    const notification = verified(request as ReceivedRequest, tenant.app.clientSecret);
    assert.equal(notification.type, "notification_event");
    assert.equal(notification.topic, "admin.away_mode_updated");
    assert.equal(notification.app_id, tenant.workspace.id_code);
    assert.match(notification.id, /^notif_/);
    assert.equal(notification.delivery_attempts, 1);
    assert.equal(notification.data.type, "notification_event_data");
    assert.equal(notification.data.item.type, "admin");
    assert.equal(notification.data.item.id, String(tenant.admin.id));
    assert.equal(notification.data.item.away_mode_enabled, true);
    assert.ok(Value.Check(NotificationEvent, notification), "the envelope is wire's notification_event");
    await until(
      async () => (await deliveries(tenant.app.app.id)).every((d) => d.state === "delivered"),
      "the delivery to be recorded",
    );
    const [row] = await deliveries(tenant.app.app.id);
    assert.equal(row?.last_status, 200);
    assert.equal(row?.attempts, 1);
  });

  it("contacts created, updated and deleted through the API raise Intercom's contact topics", async () => {
    const tenant = await subscribed(
      ["contact.user.created", "contact.lead.created", "contact.user.updated", "contact.deleted"],
      "contacts",
    );
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await gh.fetch(gh.url + path, {
        method,
        headers: {
          ...bearer(tenant.token),
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      assert.equal(response.status, 200, `${method} ${path}`);
      return (await response.json()) as { id: string };
    };
    const user = await api("POST", "/contacts", { email: "ada@example.com", role: "user" });
    await api("POST", "/contacts", { email: "lead@example.com", role: "lead" });
    await api("PUT", `/contacts/${user.id}`, { name: "Ada Lovelace" });
    await api("DELETE", `/contacts/${user.id}`);
    const received = (await receiver.waitFor("contacts", 4)).map((r) => verified(r, tenant.app.clientSecret));
    const byTopic = new Map(received.map((n) => [n.topic, n.data.item]));
    assert.deepEqual([...byTopic.keys()].sort(), [
      "contact.deleted",
      "contact.lead.created",
      "contact.user.created",
      "contact.user.updated",
    ]);
    assert.equal(byTopic.get("contact.user.created")?.email, "ada@example.com");
    assert.equal(byTopic.get("contact.user.created")?.type, "contact");
    assert.equal(byTopic.get("contact.user.updated")?.name, "Ada Lovelace");
    assert.deepEqual(byTopic.get("contact.deleted"), {
      id: user.id,
      external_id: null,
      type: "contact",
      deleted: true,
    });
    assert.equal(byTopic.get("contact.lead.created")?.role, "lead");
  });

  it("a ticket's life through the API raises Intercom's ticket topics, each carrying the ticket as it then is", async () => {
    const topics = [
      "ticket.created",
      "ticket.attribute.updated",
      "ticket.state.updated",
      "ticket.admin.assigned",
      "ticket.note.created",
      "ticket.contact.replied",
      "ticket.closed",
    ];
    const tenant = await subscribed(topics, "tickets");
    const api = async (method: string, path: string, body?: unknown, status = 200) => {
      const response = await gh.fetch(gh.url + path, {
        method,
        headers: { ...bearer(tenant.token), "content-type": "application/json" },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, never>;
      assert.equal(response.status, status, `${method} ${path}: ${JSON.stringify(json)}`);
      return json as Json;
    };
    const contact = await api("POST", "/contacts", { email: "ticketed@example.com", role: "user" });
    const type = await api("POST", "/ticket_types", { name: "Bug" });
    const states = (await api("GET", "/ticket_states")).data as Array<{ id: string; category: string }>;
    const inProgress = states.find((state) => state.category === "in_progress");
    assert.ok(inProgress);

    const ticket = await api("POST", "/tickets", {
      ticket_type_id: type.id,
      contacts: [{ id: contact.id }],
      ticket_attributes: { _default_title_: "It broke" },
    });
    await api("PUT", `/tickets/${ticket.id}`, { ticket_attributes: { _default_title_: "It broke badly" } });
    await api("PUT", `/tickets/${ticket.id}`, { ticket_state_id: inProgress.id });
    await api("PUT", `/tickets/${ticket.id}`, { assignee_id: String(tenant.admin.id) });
    await api("POST", `/tickets/${ticket.id}/reply`, {
      message_type: "note",
      type: "admin",
      admin_id: tenant.admin.id,
      body: "Looking",
    });
    // An admin's comment has no topic of its own.
    await api("POST", `/tickets/${ticket.id}/reply`, {
      message_type: "comment",
      type: "admin",
      admin_id: tenant.admin.id,
      body: "On it",
    });
    await api("POST", `/tickets/${ticket.id}/reply`, {
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "Thanks",
    });
    await api("PUT", `/tickets/${ticket.id}`, { open: false });
    // Refused changes raise nothing.
    await api("PUT", `/tickets/${ticket.id}`, { ticket_state_id: "0" }, 400);
    await api("PUT", `/tickets/${ticket.id}`, { assignee_id: "999999" }, 404);

    const received = (await receiver.waitFor("tickets", topics.length)).map((r) =>
      verified(r, tenant.app.clientSecret),
    );
    assert.deepEqual(received.map((n) => n.topic).sort(), [...topics].sort());
    const item = (topic: string) => received.find((n) => n.topic === topic)?.data.item as Json;
    for (const n of received) {
      assert.equal(n.data.item.type, "ticket");
      assert.equal(n.data.item.id, ticket.id);
    }
    assert.equal(item("ticket.created").ticket_attributes._default_title_, "It broke");
    assert.equal(item("ticket.attribute.updated").ticket_attributes._default_title_, "It broke badly");
    assert.equal(item("ticket.state.updated").ticket_state.id, inProgress.id);
    assert.equal(item("ticket.admin.assigned").admin_assignee_id, String(tenant.admin.id));
    assert.equal(item("ticket.note.created").ticket_parts.ticket_parts.at(-1).part_type, "note");
    assert.equal(item("ticket.contact.replied").ticket_parts.ticket_parts.at(-1).author.id, contact.id);
    assert.equal(item("ticket.closed").open, false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await deliveries(tenant.app.app.id)).length, topics.length, "nothing else was queued");
  });

  it("notifies only the installations whose grant covers the topic", async () => {
    const builder = await createTenant(gh.services);
    const standard = gh.services.scopes.ofTier("standard").map((s) => s.id);
    await setRequestedScopes(gh.services, builder.app.app.id, [...standard, "read_admins"]);
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
    // Installed elsewhere while "Read admins" waits for review: that admin never consented to it.
    const installer = await createTenant(gh.services);
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, PASSWORD);
    const consent = await browser.get(`/oauth?client_id=${builder.app.app.client_id}&state=s1`);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
      workspace: installer.workspace.id_code,
    });
    assert.match(answer.location ?? "", /code=/);
    await reviewScopeRequest(gh.services, {
      appId: builder.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: builder.admin.id,
    });
    await setSubscription(gh.services, builder.app.app.id, {
      url: receiver.url("grant"),
      topics: ["admin.away_mode_updated"],
    });
    await setAwayMode(gh.services, installer.workspace.id, installer.admin.id, {
      enabled: true,
      reassign: false,
    });
    await setAwayMode(gh.services, builder.workspace.id, builder.admin.id, {
      enabled: true,
      reassign: false,
    });
    const rows = await deliveries(builder.app.app.id);
    assert.deepEqual(
      rows.map((r) => r.workspace_id),
      [builder.workspace.id],
      "the installing workspace did not grant Read admins, so it raises nothing for this app",
    );
  });

  it("retries with backoff and loses nothing across a restart mid-retry", async () => {
    const tenant = await subscribed(["admin.away_mode_updated"], "restart");
    receiver.answerNext("restart", 503);
    await setAwayMode(gh.services, tenant.workspace.id, tenant.admin.id, { enabled: true, reassign: true });
    await receiver.waitFor("restart", 1);
    await until(async () => {
      const [row] = await deliveries(tenant.app.app.id);
      return row?.last_status === 503;
    }, "the failed attempt to be recorded");
    const [failed] = await deliveries(tenant.app.app.id);
    assert.equal(failed?.state, "pending");
    assert.equal(failed?.attempts, 1);
    assert.ok((failed?.next_attempt_at ?? 0) > Date.now(), "the retry waits");

    // Restart before the retry is due: the outbox is in the database, not in the process.
    await gh.stop();
    gh = await startGatehouse(database, { env, sharing: gh });
    const [firstRequest, retryRequest] = await receiver.waitFor("restart", 2);
    const first = verified(firstRequest as ReceivedRequest, tenant.app.clientSecret);
    const retry = verified(retryRequest as ReceivedRequest, tenant.app.clientSecret);
    assert.equal(retry.id, first.id, "the same notification, so a receiver can drop duplicates");
    assert.equal(first.delivery_attempts, 1);
    assert.equal(retry.delivery_attempts, 2);
    assert.equal(retry.first_sent_at, first.first_sent_at);
    await until(async () => (await deliveries(tenant.app.app.id))[0]?.state === "delivered", "delivery");
    const [row] = await deliveries(tenant.app.app.id);
    assert.equal(row?.attempts, 2);
  });

  it("gives up after the last attempt and records why", async () => {
    const tenant = await subscribed(["admin.away_mode_updated"], "give-up");
    await gh.stop();
    gh = await startGatehouse(database, {
      env: { ...env, GATEHOUSE_WEBHOOK_RETRY_BASE_MS: "20", GATEHOUSE_WEBHOOK_MAX_ATTEMPTS: "3" },
      sharing: gh,
    });
    receiver.answerNext("give-up", 500, 500, 500);
    await setAwayMode(gh.services, tenant.workspace.id, tenant.admin.id, { enabled: false, reassign: false });
    await until(async () => (await deliveries(tenant.app.app.id))[0]?.state === "failed", "giving up");
    const [row] = await deliveries(tenant.app.app.id);
    assert.equal(row?.attempts, 3);
    assert.equal(row?.last_status, 500);
    await gh.stop();
    gh = await startGatehouse(database, { env, sharing: gh });
  });

  it("stops deliveries on uninstall, also those waiting for a retry", async () => {
    const tenant = await subscribed(["admin.away_mode_updated"], "uninstall");
    receiver.answerNext("uninstall", 503);
    await setAwayMode(gh.services, tenant.workspace.id, tenant.admin.id, { enabled: true, reassign: false });
    await receiver.waitFor("uninstall", 1);
    await until(async () => (await deliveries(tenant.app.app.id))[0]?.last_status === 503, "the failure");
    await uninstallApp(gh.services, tenant.app.installationId, tenant.admin.id);
    await setAwayMode(gh.services, tenant.workspace.id, tenant.admin.id, { enabled: false, reassign: false });
    const rows = await deliveries(tenant.app.app.id);
    assert.equal(rows.length, 1, "nothing new is queued for an uninstalled app");
    assert.equal(rows[0]?.state, "cancelled");
    // Past the time the retry was due: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(receiver.at("uninstall").length, 1);
  });

  it("the app's Webhooks page saves topics, refuses one without its scope, pings, and lists deliveries", async () => {
    const tenant = await createTenant(gh.services, { scopes: ["read_users_companies", "read_tags"] });
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const path = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    const page = await browser.get(path);
    assert.equal(page.status, 200);
    assert.match(page.body, /contact\.user\.created/);
    const csrf = csrfOf(page.body);
    const refused = await browser.post(path, {
      _csrf: csrf,
      url: receiver.url("page"),
      topics: "conversation.admin.replied",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /needs the permission .*Read conversations/);
    const noCsrf = await browser.post(path, { url: receiver.url("page"), topics: "contact.user.created" });
    assert.equal(noCsrf.status, 403);
    const saved = await browser.post(path, {
      _csrf: csrf,
      url: receiver.url("page"),
      topics: "contact.user.created",
    });
    assert.equal(saved.status, 303);
    const ping = await browser.post(`${path}/ping`, { _csrf: csrf });
    assert.equal(ping.status, 303);
    const [request] = await receiver.waitFor("page", 1);
    const notification = verified(request as ReceivedRequest, tenant.app.clientSecret);
    assert.equal(notification.topic, "ping");
    assert.equal(notification.data.item.type, "ping");
    await until(async () => (await deliveries(tenant.app.app.id))[0]?.state === "delivered", "the ping");
    const listed = await browser.get(path);
    assert.match(listed.body, /<code>ping<\/code>/);
    assert.match(listed.body, /Delivered/);
    assert.match(
      listed.body,
      /checked[^>]*value="contact\.user\.created"|value="contact\.user\.created"[^>]*checked/,
    );
  });

  it("leaves one subscription, one of those sent, after twenty parallel saves of the Webhooks form", async () => {
    const tenant = await createTenant(gh.services, { scopes: ["read_users_companies"] });
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const path = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    const csrf = csrfOf((await browser.get(path)).body);
    const urls = Array.from({ length: 20 }, (_, i) => receiver.url(`race-${i}`));
    const statuses = await Promise.all(
      urls.map(
        async (url) =>
          (await browser.post(path, { _csrf: csrf, url, topics: "contact.user.created" })).status,
      ),
    );
    assert.deepEqual(new Set(statuses), new Set([303]));
    const saved = await gh.services.db
      .selectFrom("webhook_subscriptions")
      .select("url")
      .where("app_id", "=", tenant.app.app.id)
      .execute();
    assert.equal(saved.length, 1);
    assert.ok(urls.includes(saved[0]?.url as string));
    const topics = await gh.services.db
      .selectFrom("webhook_topics")
      .select("topic")
      .where("app_id", "=", tenant.app.app.id)
      .execute();
    assert.deepEqual(
      topics.map((t) => t.topic),
      ["contact.user.created"],
    );
  });
});
