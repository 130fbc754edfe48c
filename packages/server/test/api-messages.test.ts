import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import type { ContactRow } from "../src/storage/tables/contacts.ts";
import type { AdminRow } from "../src/storage/tables/identity.ts";
import {
  type ApiAnswer,
  type ApiInit,
  assertDuration,
  assertStampedSince,
  callApi,
  type Json,
  nowSeconds,
} from "./support/api.ts";
import { newPerson, startConversationWorld } from "./support/conversation-world.ts";
import { createTenant, describeEachDatabase, type Gatehouse, type Tenant } from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase("messages API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let teammate: AdminRow;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);
  const post = (path: string, body: unknown, token = tenant.token) =>
    call(token, path, { method: "POST", body });
  const get = async (id: string, token = tenant.token) => (await call(token, `/conversations/${id}`)).body;

  const person = (of: Tenant = tenant, fields: { role?: string } = {}) => newPerson(gh, of, "reader", fields);

  /** An in-app message from `admin` to a new contact; the answer and the contact. */
  async function messaged(of: Tenant = tenant, extra: Record<string, unknown> = {}, admin = of.admin.id) {
    const contact = await person(of);
    const answer = await post(
      "/messages",
      {
        message_type: "inapp",
        body: "Welcome aboard",
        from: { type: "admin", id: admin },
        to: { type: "user", id: contact.id },
        ...extra,
      },
      of.token,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return { message: answer.body, id: answer.body.conversation_id as string, contact };
  }

  /** What a workspace holds that a message would add to. */
  async function counts(of: Tenant) {
    const db = gh.services.db;
    const n = (row: { n: number | string | bigint }) => Number(row.n);
    return {
      conversations: n(
        await db
          .selectFrom("conversations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("workspace_id", "=", of.workspace.id)
          .executeTakeFirstOrThrow(),
      ),
      parts: n(
        await db
          .selectFrom("conversation_parts")
          .innerJoin("conversations", "conversations.id", "conversation_parts.conversation_id")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("conversations.workspace_id", "=", of.workspace.id)
          .executeTakeFirstOrThrow(),
      ),
      deliveries: n(
        await db
          .selectFrom("webhook_deliveries")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("workspace_id", "=", of.workspace.id)
          .executeTakeFirstOrThrow(),
      ),
    };
  }

  before(async () => {
    ({ gh, tenant, other, teammate } = await startConversationWorld(database, {
      workspace: "Outbound Co",
      teammate: "Sam Sender",
    }));
  });
  after(() => gh.close());

  describe("sends an in-app message: Intercom's admin_message, and a conversation that waits closed for the contact", () => {
    let contact: ContactRow;
    let sentSince: number;
    let sent: ApiAnswer;
    let id: string;
    let found: Json;
    before(async () => {
      contact = await person();
      sentSince = nowSeconds();
      sent = await post("/messages", {
        message_type: "inapp",
        body: "<p>Welcome aboard</p>",
        template: "plain",
        from: { type: "admin", id: teammate.id },
        to: { type: "user", id: contact.id },
      });
      id = sent.body.conversation_id as string;
      found = await get(id);
    });

    it("answers Intercom's admin_message", () => {
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.deepEqual(Object.keys(sent.body), [
        "type",
        "id",
        "created_at",
        "body",
        "message_type",
        "conversation_id",
        "owner",
      ]);
      assert.equal(sent.body.type, "admin_message");
      assert.equal(sent.body.body, "<p>Welcome aboard</p>");
      assert.equal(sent.body.message_type, "inapp");
      assert.match(sent.body.conversation_id, /^\d+$/);
      assertStampedSince(sent.body.created_at, sentSince);
      assert.equal(sent.body.owner.type, "admin");
      assert.equal(sent.body.owner.id, String(teammate.id));
      assert.equal(sent.body.owner.email, teammate.email);
    });

    it("makes a conversation that waits closed for the contact, assigned to the sender", () => {
      assert.equal(found.id, id);
      assert.equal(found.created_at, sent.body.created_at);
      assert.deepEqual(found.source, {
        type: "conversation",
        id: sent.body.id,
        delivered_as: "admin_initiated",
        subject: "",
        body: "<p>Welcome aboard</p>",
        author: { type: "admin", id: String(teammate.id), name: "Sam Sender", email: teammate.email },
        attachments: [],
        url: null,
        redacted: false,
      });
      assert.deepEqual(found.contacts, {
        type: "contact.list",
        contacts: [{ type: "contact", id: contact.id, external_id: contact.external_id }],
      });
      // Out of the inbox until the contact answers; nobody is waiting for anyone.
      assert.equal(found.state, "closed");
      assert.equal(found.open, false);
      assert.equal(found.read, false);
      assert.equal(found.waiting_since, null);
      assert.equal(found.first_contact_reply, null);
      assert.equal(found.admin_assignee_id, teammate.id, "replies go to the sender");
      assert.deepEqual(found.teammates, {
        type: "admin.list",
        teammates: [{ type: "admin", id: String(teammate.id) }],
      });
      const stats = found.statistics;
      assert.equal(stats.first_contact_reply_at, null);
      assert.equal(stats.last_contact_reply_at, null);
      assert.equal(stats.first_admin_reply_at, null);
      assert.equal(stats.last_admin_reply_at, found.created_at);
      for (const figure of [
        "time_to_assignment",
        "time_to_admin_reply",
        "time_to_first_close",
        "time_to_last_close",
        "median_time_to_reply",
        "first_assignment_at",
        "first_close_at",
        "last_close_at",
        "last_closed_by_id",
        "handling_time",
      ])
        assert.equal(stats[figure], null, figure);
      assert.equal(stats.count_reopens, 0);
      assert.equal(stats.count_assignments, 0);
      assert.equal(stats.count_conversation_parts, 0);
      assert.deepEqual(found.conversation_parts, {
        type: "conversation_part.list",
        conversation_parts: [],
        total_count: 0,
      });
    });

    it("lists it as the conversation shows it, without the parts", async () => {
      const listed = await call(tenant.token, "/conversations?per_page=150");
      const { conversation_parts: _parts, ...item } = found;
      assert.deepEqual(
        listed.body.conversations.find((c: Json) => c.id === id),
        item,
      );
    });

    it("is found by search as an admin's message", async () => {
      const search = async (value: Json[]) => {
        const answer = await post("/conversations/search", { query: { operator: "AND", value } });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body.conversations.map((c: Json) => c.id);
      };
      const mine = { field: "contact_ids", operator: "=", value: contact.id };
      assert.deepEqual(
        await search([
          mine,
          { field: "source.delivered_as", operator: "=", value: "admin_initiated" },
          { field: "source.author.type", operator: "=", value: "admin" },
          { field: "source.author.email", operator: "=", value: teammate.email },
          { field: "open", operator: "=", value: false },
        ]),
        [id],
      );
      assert.deepEqual(await search([mine, { field: "teammate_ids", operator: "=", value: teammate.id }]), [
        id,
      ]);
      assert.deepEqual(
        await search([mine, { field: "teammate_ids", operator: "=", value: tenant.admin.id }]),
        [],
      );
      assert.deepEqual(await search([mine, { field: "state", operator: "=", value: "open" }]), []);
    });
  });

  it("sends an email with its subject, names the contact by user_id or email, and can open in the inbox at once", async () => {
    const lead = await person(tenant, { role: "lead" });
    const email = await post("/messages", {
      message_type: "email",
      subject: "Your trial",
      body: "Three days left",
      template: "personal",
      from: { type: "admin", id: String(tenant.admin.id) },
      to: { type: "lead", user_id: lead.external_id },
      created_at: 1_700_000_000,
    });
    assert.equal(email.status, 200, JSON.stringify(email.body));
    assert.equal(email.body.message_type, "email");
    assert.equal(email.body.subject, "Your trial");
    assert.equal(email.body.created_at, 1_700_000_000);
    const mailed = await get(email.body.conversation_id);
    assert.equal(mailed.source.type, "email");
    assert.equal(mailed.source.subject, "Your trial");
    assert.equal(mailed.created_at, 1_700_000_000);
    assert.equal(mailed.statistics.last_admin_reply_at, 1_700_000_000);
    assert.equal(mailed.contacts.contacts[0].id, lead.id);

    const contact = await person();
    const inbox = await post("/messages", {
      message_type: "in_app",
      body: "Can we help?",
      from: { type: "admin", id: tenant.admin.id },
      to: { type: "user", email: contact.email },
      create_conversation_without_contact_reply: true,
    });
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    assert.equal(inbox.body.message_type, "inapp");
    assert.equal(inbox.body.subject, undefined);
    const opened = await get(inbox.body.conversation_id);
    assert.equal(opened.state, "open");
    assert.equal(opened.open, true);
    assert.equal(opened.waiting_since, null, "open in the inbox, but nobody waits for an answer");
    assert.equal(opened.statistics.first_contact_reply_at, null);
    assert.equal(opened.contacts.contacts[0].id, contact.id);
  });

  it("starts counting when the contact replies: no reopen, and conversation.user.replied", async () => {
    const listener = await createTenant(gh.services, { name: "Listening Outbound" });
    await setSubscription(gh.services, listener.app.app.id, {
      url: "https://example.invalid/hooks",
      topics: [
        "conversation.admin.single.created",
        "conversation.admin.replied",
        "conversation.admin.closed",
        "conversation.user.replied",
      ],
    });
    const { id, contact } = await messaged(listener, { created_at: 1_700_000_000 });
    const sent = await get(id, listener.token);
    const reply = (body: Json) => post(`/conversations/${id}/reply`, body, listener.token);

    // A follow-up before any answer, and a close: neither is counted, since nobody had written back.
    const followUp = await reply({
      message_type: "comment",
      type: "admin",
      admin_id: listener.admin.id,
      body: "Just checking in",
      created_at: 1_700_000_050,
    });
    assert.equal(followUp.status, 200, JSON.stringify(followUp.body));
    assert.equal(followUp.body.statistics.first_admin_reply_at, null);
    assert.equal(followUp.body.statistics.time_to_admin_reply, null);
    assert.equal(followUp.body.statistics.last_admin_reply_at, 1_700_000_050);
    assert.equal(followUp.body.statistics.median_time_to_reply, null);
    const closedEarly = await post(
      `/conversations/${id}/parts`,
      { message_type: "close", type: "admin", admin_id: listener.admin.id },
      listener.token,
    );
    assert.equal(closedEarly.status, 200);
    assert.equal(closedEarly.body.statistics.first_close_at, null);
    assert.equal(closedEarly.body.statistics.last_closed_by_id, String(listener.admin.id));

    const answered = await reply({
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "Thanks!",
      created_at: 1_700_000_100,
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    const [answer] = answered.body.conversation_parts.conversation_parts;
    assert.equal(answer.part_type, "comment", "the first answer starts the conversation, it reopens nothing");
    assert.equal(answer.author.id, contact.id);
    assert.equal(answered.body.state, "open");
    assert.equal(answered.body.read, false);
    assert.equal(answered.body.waiting_since, 1_700_000_100);
    assert.deepEqual(answered.body.first_contact_reply, {
      created_at: 1_700_000_100,
      type: "conversation",
      url: null,
    });
    assert.equal(answered.body.statistics.first_contact_reply_at, 1_700_000_100);
    assert.equal(answered.body.statistics.count_reopens, 0);

    const admin = await reply({
      message_type: "comment",
      type: "admin",
      admin_id: listener.admin.id,
      body: "Glad to help",
      created_at: 1_700_000_160,
    });
    assert.equal(admin.body.statistics.first_admin_reply_at, 1_700_000_160);
    assert.equal(admin.body.statistics.time_to_admin_reply, 60);
    assert.equal(admin.body.statistics.median_time_to_reply, 60);
    assert.equal(admin.body.waiting_since, null);

    const closed = await post(
      `/conversations/${id}/parts`,
      { message_type: "close", type: "admin", admin_id: listener.admin.id },
      listener.token,
    );
    const stats = closed.body.statistics;
    assert.equal(stats.first_close_at, stats.last_close_at);
    assertDuration(stats.time_to_first_close, 1_700_000_100, stats.first_close_at);
    // A second answer after that close does reopen it.
    const again = await reply({
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "One more thing",
    });
    assert.equal(again.body.conversation_parts.conversation_parts[0].part_type, "open");
    assert.equal(again.body.statistics.count_reopens, 1);
    assert.equal(again.body.statistics.first_contact_reply_at, 1_700_000_100);

    const queued = await gh.services.db
      .selectFrom("webhook_deliveries")
      .select(["topic", "item"])
      .where("app_id", "=", listener.app.app.id)
      .orderBy("id")
      .execute();
    assert.deepEqual(
      queued.map((q) => q.topic),
      [
        "conversation.admin.single.created",
        "conversation.admin.replied",
        "conversation.admin.closed",
        "conversation.user.replied",
        "conversation.admin.replied",
        "conversation.admin.closed",
        "conversation.user.replied",
      ],
    );
    // The notification carries the conversation as the API showed it once the message was sent.
    assert.deepEqual(JSON.parse((queued[0] as { item: string }).item), sent);
    const firstAnswer = JSON.parse((queued[3] as { item: string }).item) as Json;
    assert.equal(firstAnswer.conversation_parts.conversation_parts[0].part_type, "comment");
  });

  it("refuses bad messages with Intercom's errors, and a refusal changes nothing", async () => {
    const listener = await createTenant(gh.services, { name: "Refusals" });
    await setSubscription(gh.services, listener.app.app.id, {
      url: "https://example.invalid/hooks",
      topics: ["conversation.admin.single.created"],
    });
    const contact = await person(listener);
    const stranger = await person(other);
    const good = {
      message_type: "inapp",
      body: "Hello",
      from: { type: "admin", id: listener.admin.id },
      to: { type: "user", id: contact.id },
    };
    const before = await counts(listener);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...good, body: undefined }, 400, "parameter_invalid"],
      [{ ...good, body: null }, 400, "parameter_invalid"],
      [{ ...good, body: "  " }, 400, "parameter_invalid"],
      [{ ...good, body: 7 }, 400, "parameter_invalid"],
      [{ ...good, body: "x".repeat(65_536) }, 400, "parameter_invalid"],
      [{ ...good, message_type: "email", template: "plain" }, 422, "parameter_not_found"],
      [{ ...good, message_type: "email", subject: " " }, 422, "parameter_not_found"],
      [{ ...good, message_type: "email", subject: "Hi", body: null }, 400, "parameter_invalid"],
      [{ ...good, message_type: undefined }, 400, "parameter_not_found"],
      [{ ...good, message_type: "sms" }, 400, "parameter_invalid"],
      [{ ...good, subject: 5 }, 400, "parameter_invalid"],
      [{ ...good, template: "fancy" }, 400, "parameter_invalid"],
      [{ ...good, from: undefined }, 400, "parameter_not_found"],
      [{ ...good, from: "admin" }, 400, "parameter_invalid"],
      [{ ...good, from: { type: "user", id: contact.id } }, 400, "parameter_invalid"],
      [{ ...good, from: { type: "admin" } }, 400, "parameter_not_found"],
      [{ ...good, from: { type: "admin", id: "me" } }, 400, "parameter_invalid"],
      [{ ...good, from: { type: "admin", id: other.admin.id } }, 404, "admin_not_found"],
      [{ ...good, from: { type: "admin", id: 999_999_999 } }, 404, "admin_not_found"],
      [{ ...good, to: undefined }, 400, "parameter_not_found"],
      [{ ...good, to: [{ type: "user", id: contact.id }] }, 400, "parameter_invalid"],
      [{ ...good, to: { type: "visitor", id: contact.id } }, 400, "parameter_invalid"],
      [{ ...good, to: { type: "user" } }, 400, "parameter_not_found"],
      [{ ...good, to: { type: "user", id: 12 } }, 400, "parameter_invalid"],
      [{ ...good, to: { type: "user", id: stranger.id } }, 404, "not_found"],
      [{ ...good, to: { type: "user", id: "nobody-at-all" } }, 404, "not_found"],
      [{ ...good, cc: [{ type: "user", id: contact.id }] }, 400, "parameter_invalid"],
      [{ ...good, bcc: { type: "user", id: contact.id } }, 400, "parameter_invalid"],
      [{ ...good, created_at: "today" }, 400, "parameter_invalid"],
      [{ ...good, create_conversation_without_contact_reply: "yes" }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await post("/messages", body, listener.token);
      assert.equal(answer.status, status, `${JSON.stringify(body).slice(0, 200)} → ${answer.text}`);
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body).slice(0, 200));
    }
    // Without write_conversations the door is shut, whoever the message is from.
    const reader = await createTenant(gh.services, { scopes: ["read_conversations"] });
    const readerContact = await person(reader);
    const refused = await post(
      "/messages",
      { ...good, from: { type: "admin", id: reader.admin.id }, to: { type: "user", id: readerContact.id } },
      reader.token,
    );
    assert.equal(refused.status, 403);
    assert.deepEqual(await counts(reader), { conversations: 0, parts: 0, deliveries: 0 });
    assert.deepEqual(await counts(listener), before);
    // And the same message, put right, goes through and is heard.
    assert.equal((await post("/messages", good, listener.token)).status, 200);
    const after = await counts(listener);
    assert.deepEqual(after, {
      ...before,
      conversations: before.conversations + 1,
      deliveries: before.deliveries + 1,
    });
  });

  it("works with the official SDK: send, find, search and answer", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const contact = await person();
    const email = await client.messages.create({
      message_type: "email",
      subject: "Thanks for everything",
      body: "Hello there",
      template: "plain",
      from: { type: "admin", id: teammate.id },
      to: { type: "user", id: contact.id },
    });
    assert.equal(email.type, "admin_message");
    assert.equal(email.message_type, "email");
    assert.equal(email.subject, "Thanks for everything");
    const inapp = await client.messages.create({
      message_type: "inapp",
      body: "Psst",
      from: { type: "admin", id: tenant.admin.id },
      to: { type: "user", id: contact.id },
      create_conversation_without_contact_reply: true,
    });
    assert.equal(inapp.message_type, "inapp");
    assert.notEqual(inapp.conversation_id, email.conversation_id);

    const found = await client.conversations.find({ conversation_id: email.conversation_id });
    assert.equal(found.source?.delivered_as, "admin_initiated");
    assert.equal(found.source?.author?.type, "admin");
    assert.equal(found.state, "closed");

    const searched = await client.conversations.search({
      query: {
        operator: "AND",
        value: [
          { field: "contact_ids", operator: "=", value: contact.id },
          { field: "source.author.type", operator: "=", value: "admin" },
        ],
      },
    });
    const matches: string[] = [];
    for await (const conversation of searched) matches.push(conversation.id);
    assert.deepEqual(matches, [email.conversation_id, inapp.conversation_id]);

    // The contact answers the email; Intercom's "last" finds the conversation they last touched.
    const answered = await client.conversations.reply({
      conversation_id: email.conversation_id,
      body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "Sure" },
    });
    assert.equal(answered.state, "open");
    assert.equal(answered.statistics?.count_reopens, 0);
    const last = await client.conversations.reply({
      conversation_id: "last",
      body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "And another" },
    });
    assert.equal(last.id, email.conversation_id);
  });
});
