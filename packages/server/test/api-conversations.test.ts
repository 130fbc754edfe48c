import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { IntercomClient } from "intercom-client";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import { createContact } from "../src/resources/contacts/contacts.ts";
import { createTeam } from "../src/resources/teams.ts";
import type { ContactRow } from "../src/storage/tables/contacts.ts";
import type { AdminRow } from "../src/storage/tables/identity.ts";
import { type ApiInit, assertDuration, assertStampedSince, callApi, nowSeconds } from "./support/api.ts";
import { newPerson, startConversationWorld } from "./support/conversation-world.ts";
import { createTenant, describeEachDatabase, type Gatehouse, type Tenant } from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
type Json = any;

const CONVERSATION_KEYS = [
  "type",
  "id",
  "created_at",
  "updated_at",
  "waiting_since",
  "snoozed_until",
  "source",
  "contacts",
  "first_contact_reply",
  "admin_assignee_id",
  "team_assignee_id",
  "open",
  "state",
  "read",
  "tags",
  "priority",
  "sla_applied",
  "statistics",
  "conversation_rating",
  "teammates",
  "title",
  "custom_attributes",
  "topics",
  "ticket",
  "linked_objects",
  "ai_agent",
  "ai_agent_participated",
];

const PART_KEYS = [
  "type",
  "id",
  "part_type",
  "body",
  "created_at",
  "updated_at",
  "notified_at",
  "assigned_to",
  "author",
  "attachments",
  "external_id",
  "redacted",
  "metadata",
  "email_message_metadata",
  "state",
  "tags",
  "event_details",
  "app_package_code",
];

describeEachDatabase("conversations API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let teammate: AdminRow;
  let counter = 0;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  const person = (of: Tenant = tenant, fields: { role?: string } = {}) => newPerson(gh, of, "talker", fields);

  /** A conversation a new contact starts; its id and the contact. */
  async function started(body = "Hello there", of: Tenant = tenant) {
    const contact = await person(of);
    const answer = await call(of.token, "/conversations", {
      method: "POST",
      body: { from: { type: "user", id: contact.id }, body },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return { id: answer.body.conversation_id as string, contact };
  }

  const post = (path: string, body: unknown, token = tenant.token) =>
    call(token, path, { method: "POST", body });
  const get = async (id: string, token = tenant.token) => (await call(token, `/conversations/${id}`)).body;
  const partsInDatabase = (id: string) =>
    gh.services.db
      .selectFrom("conversation_parts")
      .selectAll()
      .where("conversation_id", "=", Number(id))
      .orderBy("id")
      .execute();
  const conversationCount = async (workspaceId: number) =>
    Number(
      (
        await gh.services.db
          .selectFrom("conversations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("workspace_id", "=", workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    // The snooze timer looks only once, at start: here a write is what finds a snooze that ran out (the
    // timer's own waking is tested with the webhooks it raises).
    ({ gh, tenant, other, teammate } = await startConversationWorld(
      database,
      { workspace: "Talk Co", teammate: "Tess Mate" },
      { GATEHOUSE_SNOOZE_POLL_MS: "3600000" },
    ));
  });
  after(() => gh.close());

  describe("starts a conversation from a contact, answers Intercom's message, and shows Intercom's conversation", () => {
    it("a user's message opens a conversation, shown in Intercom's shape", async () => {
      const contact = await person();
      const before = nowSeconds();
      const made = await post("/conversations", {
        from: { type: "user", id: contact.id },
        body: "Hello there",
      });
      assert.equal(made.status, 200);
      assert.deepEqual(Object.keys(made.body), [
        "type",
        "id",
        "created_at",
        "body",
        "message_type",
        "conversation_id",
      ]);
      assert.equal(made.body.type, "user_message");
      assert.equal(made.body.body, "Hello there");
      assert.equal(made.body.message_type, "inapp");
      assert.match(made.body.conversation_id, /^\d+$/);
      assertStampedSince(made.body.created_at, before);

      const found = await get(made.body.conversation_id);
      assert.deepEqual(Object.keys(found), [...CONVERSATION_KEYS, "conversation_parts"]);
      assert.equal(found.type, "conversation");
      assert.equal(found.id, made.body.conversation_id);
      assert.equal(found.created_at, made.body.created_at);
      assert.deepEqual(found.source, {
        type: "conversation",
        id: made.body.id,
        delivered_as: "customer_initiated",
        subject: "",
        body: "Hello there",
        author: { type: "user", id: contact.id, name: contact.name, email: contact.email },
        attachments: [],
        url: null,
        redacted: false,
      });
      assert.deepEqual(found.contacts, {
        type: "contact.list",
        contacts: [{ type: "contact", id: contact.id, external_id: contact.external_id }],
      });
      assert.deepEqual(found.first_contact_reply, {
        created_at: found.created_at,
        type: "conversation",
        url: null,
      });
      assert.equal(found.open, true);
      assert.equal(found.state, "open");
      assert.equal(found.read, false);
      assert.equal(found.waiting_since, found.created_at, "the contact waits from their first message");
      assert.equal(found.snoozed_until, null);
      assert.equal(found.admin_assignee_id, null);
      assert.equal(found.team_assignee_id, null);
      assert.deepEqual(found.tags, { type: "tag.list", tags: [] });
      assert.equal(found.priority, "not_priority");
      assert.deepEqual(found.teammates, { type: "admin.list", teammates: [] });
      assert.equal(found.title, null);
      assert.deepEqual(found.custom_attributes, {});
      assert.deepEqual(found.linked_objects, { type: "list", data: [], total_count: 0, has_more: false });
      assert.equal(found.ai_agent_participated, false);
      assert.equal(found.statistics.type, "conversation_statistics");
      assert.equal(found.statistics.first_contact_reply_at, found.created_at);
      assert.equal(found.statistics.last_contact_reply_at, found.created_at);
      assert.equal(found.statistics.first_admin_reply_at, null);
      assert.equal(found.statistics.count_conversation_parts, 0);
      assert.deepEqual(found.conversation_parts, {
        type: "conversation_part.list",
        conversation_parts: [],
        total_count: 0,
      });
    });

    it("a lead writes as a lead; a subject and an earlier creation time are kept", async () => {
      const lead = await person(tenant, { role: "lead" });
      const fromLead = await post("/conversations", {
        from: { type: "lead", id: lead.id },
        body: "Hi from a lead",
        subject: "Pricing",
        created_at: 1_700_000_000,
        attachment_urls: ["https://example.com/files/screen%20shot.png"],
      });
      assert.equal(fromLead.status, 200);
      assert.equal(fromLead.body.subject, "Pricing");
      assert.equal(fromLead.body.created_at, 1_700_000_000);
      const leadConversation = await get(fromLead.body.conversation_id);
      assert.equal(leadConversation.source.author.type, "lead");
      assert.equal(leadConversation.source.subject, "Pricing");
      assert.deepEqual(leadConversation.source.attachments, [
        { type: "upload", name: "screen shot.png", url: "https://example.com/files/screen%20shot.png" },
      ]);
      assert.equal(leadConversation.waiting_since, 1_700_000_000);
      // `contact` names either role.
      assert.equal(
        (await post("/conversations", { from: { type: "contact", id: lead.id }, body: "Again" })).status,
        200,
      );
    });
  });

  it("refuses bad conversations with Intercom's errors and writes nothing", async () => {
    const contact = await person();
    const stranger = await person(other);
    const count = await conversationCount(tenant.workspace.id);
    const cases: Array<[unknown, number, string]> = [
      [{ body: "Hi" }, 400, "parameter_not_found"],
      [{ from: "someone", body: "Hi" }, 400, "parameter_invalid"],
      [{ from: { type: "admin", id: contact.id }, body: "Hi" }, 400, "parameter_invalid"],
      [{ from: { type: "user" }, body: "Hi" }, 400, "parameter_not_found"],
      [{ from: { type: "user", id: 42 }, body: "Hi" }, 400, "parameter_invalid"],
      [{ from: { type: "user", id: contact.id } }, 400, "parameter_not_found"],
      [{ from: { type: "user", id: contact.id }, body: "   " }, 400, "parameter_not_found"],
      [{ from: { type: "user", id: contact.id }, body: 7 }, 400, "parameter_invalid"],
      [
        { from: { type: "user", id: contact.id }, body: "Hi", created_at: "yesterday" },
        400,
        "parameter_invalid",
      ],
      [
        { from: { type: "user", id: contact.id }, body: "Hi", attachment_urls: ["ftp://x/y"] },
        400,
        "parameter_invalid",
      ],
      [{ from: { type: "user", id: "123_doesnt_exist" }, body: "Hi" }, 404, "not_found"],
      [{ from: { type: "user", id: stranger.id }, body: "Hi" }, 404, "not_found"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await post("/conversations", body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const notFound = await post("/conversations", {
      from: { type: "user", id: "123_doesnt_exist" },
      body: "Hi",
    });
    assert.equal(notFound.body.errors[0].message, "User Not Found");
    assert.equal(await conversationCount(tenant.workspace.id), count);
  });

  describe("records admin replies, notes and quick replies with their authors and times", () => {
    // In order, as a scenario: each reply adds a part to the same conversation.
    let id: string;
    let contact: ContactRow;
    let part: Json;
    before(async () => {
      ({ id, contact } = await started());
    });

    it("an admin's comment answers with its part, ends the wait and starts the statistics", async () => {
      const replied = await post(`/conversations/${id}/reply`, {
        message_type: "comment",
        type: "admin",
        admin_id: String(teammate.id),
        body: "<p>How can I help?</p>",
      });
      assert.equal(replied.status, 200, JSON.stringify(replied.body));
      assert.deepEqual(Object.keys(replied.body), [...CONVERSATION_KEYS, "conversation_parts"]);
      assert.equal(replied.body.conversation_parts.total_count, 1, "a reply answers with the part it made");
      [part] = replied.body.conversation_parts.conversation_parts;
      assert.deepEqual(Object.keys(part), PART_KEYS);
      assert.equal(part.type, "conversation_part");
      assert.match(part.id, /^\d+$/);
      assert.equal(part.part_type, "comment");
      assert.equal(part.body, "<p>How can I help?</p>");
      assert.deepEqual(part.author, {
        type: "admin",
        id: String(teammate.id),
        name: "Tess Mate",
        email: teammate.email,
      });
      assert.equal(part.state, "open");
      assert.equal(part.notified_at, part.created_at);
      assert.equal(part.assigned_to, null);
      assert.equal(part.redacted, false);
      assert.equal(replied.body.waiting_since, null, "an admin's answer ends the contact's wait");
      assert.deepEqual(replied.body.teammates, {
        type: "admin.list",
        teammates: [{ type: "admin", id: String(teammate.id) }],
      });
      const stats = replied.body.statistics;
      assert.equal(stats.first_admin_reply_at, part.created_at);
      assert.equal(stats.last_admin_reply_at, part.created_at);
      assertDuration(stats.time_to_admin_reply, replied.body.created_at, part.created_at);
      assertDuration(stats.median_time_to_reply, replied.body.created_at, part.created_at);
      assert.equal(stats.count_conversation_parts, 1);
    });

    it("a note is dated by its created_at and is not a reply", async () => {
      const noted = await post(`/conversations/${id}/reply`, {
        message_type: "note",
        type: "admin",
        admin_id: tenant.admin.id,
        body: "Internal: VIP",
        created_at: 1_700_000_100,
      });
      assert.equal(noted.status, 200);
      const note = noted.body.conversation_parts.conversation_parts[0];
      assert.equal(note.part_type, "note");
      assert.equal(note.created_at, 1_700_000_100, "a reply's created_at dates its part");
      assert.equal(note.author.id, String(tenant.admin.id));
      assert.equal(noted.body.statistics.last_admin_reply_at, part.created_at, "a note is not a reply");
    });

    it("a quick reply carries its options and no body", async () => {
      const quick = await post(`/conversations/${id}/reply`, {
        message_type: "quick_reply",
        type: "admin",
        admin_id: tenant.admin.id,
        reply_options: [
          { text: "Yes", uuid: "a5e1c524-5ddd-4c3e-9328-6bca5d6e3edb" },
          { text: "No", uuid: "f4a98af1-be56-4948-a57e-e1a83f8484c6" },
        ],
      });
      assert.equal(quick.status, 200, JSON.stringify(quick.body));
      const options = quick.body.conversation_parts.conversation_parts[0];
      assert.equal(options.part_type, "quick_reply");
      assert.equal(options.body, null);
      assert.deepEqual(options.metadata.quick_reply_options, [
        { text: "Yes", uuid: "a5e1c524-5ddd-4c3e-9328-6bca5d6e3edb", translations: null },
        { text: "No", uuid: "f4a98af1-be56-4948-a57e-e1a83f8484c6", translations: null },
      ]);
    });

    it("the contact answers, named by email: a comment, and they wait again", async () => {
      const answered = await post(`/conversations/${id}/reply`, {
        message_type: "comment",
        type: "user",
        email: contact.email,
        body: "Thanks!",
      });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      const comment = answered.body.conversation_parts.conversation_parts[0];
      assert.equal(comment.part_type, "comment");
      assert.deepEqual(comment.author, {
        type: "user",
        id: contact.id,
        name: contact.name,
        email: contact.email,
      });
      assert.equal(answered.body.waiting_since, comment.created_at);
      assert.equal(answered.body.read, false);
    });

    it("shows every part in order, with its author", async () => {
      const all = await get(id);
      assert.deepEqual(
        all.conversation_parts.conversation_parts.map((p: Json) => p.part_type),
        ["comment", "note", "quick_reply", "comment"],
      );
      assert.equal(all.conversation_parts.total_count, 4);
      assert.equal(all.statistics.count_conversation_parts, 4);
      assert.deepEqual(
        (await partsInDatabase(id)).map((p) => [p.author_type, p.author_id]),
        [
          ["admin", String(teammate.id)],
          ["admin", String(tenant.admin.id)],
          ["admin", String(tenant.admin.id)],
          ["user", contact.id],
        ],
      );
    });
  });

  it("closes, and a contact's reply opens the conversation again, as Intercom records it", async () => {
    const { id, contact } = await started();
    const closed = await post(`/conversations/${id}/parts`, {
      message_type: "close",
      type: "admin",
      admin_id: tenant.admin.id,
      body: "Goodbye :)",
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.state, "closed");
    assert.equal(closed.body.open, false);
    const close = closed.body.conversation_parts.conversation_parts[0];
    assert.equal(close.part_type, "close");
    assert.equal(close.body, "Goodbye :)");
    assert.equal(close.state, "closed");
    assert.equal(close.author.id, String(tenant.admin.id));
    assert.equal(closed.body.statistics.last_closed_by_id, String(tenant.admin.id));
    assert.equal(closed.body.statistics.first_close_at, close.created_at);
    assert.equal(closed.body.statistics.last_close_at, close.created_at);
    assertDuration(closed.body.statistics.time_to_first_close, closed.body.created_at, close.created_at);

    const reopened = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "Thanks again :)",
    });
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    assert.equal(reopened.body.state, "open");
    assert.equal(reopened.body.open, true);
    const open = reopened.body.conversation_parts.conversation_parts[0];
    assert.equal(open.part_type, "open", "Intercom records the reopening reply as an open part");
    assert.equal(open.body, "Thanks again :)");
    assert.equal(open.author.type, "user");
    assert.equal(open.author.id, contact.id);
    assert.equal(open.state, "open");
    assert.equal(reopened.body.statistics.count_reopens, 1);
    assert.equal(reopened.body.statistics.last_contact_reply_at, open.created_at);
    // The contact had not waited since the admin closed without replying: they still wait from the start.
    assert.equal(reopened.body.waiting_since, reopened.body.created_at);

    // Named by user_id, on an open conversation: a plain comment, nothing reopened.
    const again = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "user",
      user_id: contact.external_id,
      body: "One more thing",
    });
    assert.equal(again.body.conversation_parts.conversation_parts[0].part_type, "comment");
    assert.equal(again.body.statistics.count_reopens, 1);
  });

  it("snoozes, opens, assigns and unassigns, each recorded as a part", async () => {
    const { id } = await started();
    const until = Math.floor(Date.now() / 1000) + 3600;
    const snoozed = await post(`/conversations/${id}/parts`, {
      message_type: "snoozed",
      admin_id: String(tenant.admin.id),
      snoozed_until: until,
    });
    assert.equal(snoozed.status, 200, JSON.stringify(snoozed.body));
    assert.equal(snoozed.body.state, "snoozed");
    assert.equal(snoozed.body.open, true);
    assert.equal(snoozed.body.snoozed_until, until);
    assert.equal(snoozed.body.conversation_parts.conversation_parts[0].part_type, "snoozed");

    const opened = await post(`/conversations/${id}/parts`, {
      message_type: "open",
      admin_id: tenant.admin.id,
    });
    assert.equal(opened.body.state, "open");
    assert.equal(opened.body.snoozed_until, null);
    assert.equal(opened.body.conversation_parts.conversation_parts[0].part_type, "open");
    assert.equal(opened.body.statistics.count_reopens, 0, "waking a snooze is not a reopen");

    const assigned = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "admin",
      admin_id: tenant.admin.id,
      assignee_id: String(teammate.id),
      body: "Over to Tess",
    });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body.admin_assignee_id, teammate.id);
    const assignment = assigned.body.conversation_parts.conversation_parts[0];
    assert.equal(assignment.part_type, "assignment");
    assert.equal(assignment.body, "Over to Tess");
    assert.deepEqual(assignment.assigned_to, { type: "admin", id: String(teammate.id) });
    assert.equal(assignment.author.id, String(tenant.admin.id));
    assert.equal(assigned.body.statistics.count_assignments, 1);
    assert.equal(assigned.body.statistics.first_assignment_at, assignment.created_at);

    await post(`/conversations/${id}/parts`, { message_type: "close", type: "admin", admin_id: teammate.id });
    const reassigned = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "admin",
      admin_id: teammate.id,
      assignee_id: tenant.admin.id,
    });
    assert.equal(reassigned.body.conversation_parts.conversation_parts[0].part_type, "assign_and_reopen");
    assert.equal(reassigned.body.state, "open");
    assert.equal(reassigned.body.admin_assignee_id, tenant.admin.id);
    assert.equal(reassigned.body.statistics.count_reopens, 1);
    assert.equal(reassigned.body.statistics.count_assignments, 2);

    const unassigned = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "admin",
      admin_id: teammate.id,
      assignee_id: "0",
    });
    assert.equal(unassigned.body.admin_assignee_id, null);
    assert.deepEqual(unassigned.body.conversation_parts.conversation_parts[0].assigned_to, {
      type: "nobody_admin",
      id: null,
    });
    const stored = await gh.services.db
      .selectFrom("conversations")
      .select(["admin_assignee_id", "count_conversation_parts"])
      .where("id", "=", Number(id))
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...stored }, { admin_assignee_id: null, count_conversation_parts: 6 });
  });

  it("assigns to a team of the workspace, beside its admin, and search finds it there", async () => {
    const team = await createTeam(gh.services, tenant.workspace.id, { name: `Support ${++counter}` });
    const foreign = await createTeam(gh.services, other.workspace.id, { name: `Theirs ${counter}` });
    const { id } = await started();
    await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "admin",
      admin_id: tenant.admin.id,
      assignee_id: tenant.admin.id,
    });
    const toTeam = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "team",
      admin_id: tenant.admin.id,
      assignee_id: String(team.id),
      body: "Over to support",
    });
    assert.equal(toTeam.status, 200, JSON.stringify(toTeam.body));
    assert.equal(toTeam.body.team_assignee_id, team.id);
    assert.equal(toTeam.body.admin_assignee_id, tenant.admin.id, "the admin stays");
    const part = toTeam.body.conversation_parts.conversation_parts[0];
    assert.equal(part.part_type, "assignment");
    assert.deepEqual(part.assigned_to, { type: "team", id: String(team.id) });
    assert.equal(part.body, "Over to support");

    const search = (value: number) =>
      post("/conversations/search", { query: { field: "team_assignee_id", operator: "=", value } });
    assert.deepEqual(
      (await search(team.id)).body.conversations.map((c: Json) => c.id),
      [id],
    );

    const refused = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "team",
      admin_id: tenant.admin.id,
      assignee_id: String(foreign.id),
    });
    assert.equal(refused.status, 404);
    assert.equal(refused.body.errors[0].code, "assignee_not_found");
    assert.equal((await get(id)).team_assignee_id, team.id, "another workspace's team changed nothing");

    const unassigned = await post(`/conversations/${id}/parts`, {
      message_type: "assignment",
      type: "team",
      admin_id: tenant.admin.id,
      assignee_id: "0",
    });
    assert.equal(unassigned.body.team_assignee_id, null);
    assert.deepEqual((await search(team.id)).body.conversations, []);
  });

  it("reads a snooze that has run out as open, and records its waking with the next write", async () => {
    const { id } = await started();
    const until = Math.floor(Date.now() / 1000) + 3600;
    await post(`/conversations/${id}/parts`, {
      message_type: "snoozed",
      admin_id: teammate.id,
      snoozed_until: until,
    });
    // The snooze ends: as if an hour had passed.
    const ended = Date.now() - 1000;
    await gh.services.db
      .updateTable("conversations")
      .set({ snoozed_until: ended })
      .where("id", "=", Number(id))
      .execute();
    const woken = await get(id);
    assert.equal(woken.state, "open");
    assert.equal(woken.snoozed_until, null);
    const search = await post("/conversations/search", {
      query: {
        operator: "AND",
        value: [
          { field: "id", operator: "=", value: id },
          { field: "state", operator: "=", value: "open" },
        ],
      },
    });
    assert.equal(search.body.total_count, 1);
    const noted = await post(`/conversations/${id}/reply`, {
      message_type: "note",
      type: "admin",
      admin_id: tenant.admin.id,
      body: "Back on it",
    });
    const [wake, note] = noted.body.conversation_parts.conversation_parts;
    assert.equal(wake.part_type, "timer_unsnooze");
    assert.equal(wake.created_at, Math.floor(ended / 1000));
    assert.equal(wake.author.id, String(teammate.id), "the snooze wakes in the name of whoever set it");
    assert.equal(wake.state, "open");
    assert.equal(note.part_type, "note");
    const row = await gh.services.db
      .selectFrom("conversations")
      .select(["state", "snoozed_until"])
      .where("id", "=", Number(id))
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { state: "open", snoozed_until: null });
  });

  it("marks read and sets title and custom attributes, each attribute change a part", async () => {
    const { id } = await started();
    const updated = await call(tenant.token, `/conversations/${id}`, {
      method: "PUT",
      body: {
        read: true,
        title: "Billing question",
        custom_attributes: { issue_type: "Billing", priority: "High" },
      },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.read, true);
    assert.equal(updated.body.title, "Billing question");
    assert.deepEqual(updated.body.custom_attributes, { issue_type: "Billing", priority: "High" });
    const parts = updated.body.conversation_parts.conversation_parts;
    assert.equal(updated.body.conversation_parts.total_count, 2);
    assert.deepEqual(
      parts.map((p: Json) => [p.part_type, p.event_details, p.author.id]),
      [
        [
          "conversation_attribute_updated_by_admin",
          { attribute: { name: "issue_type" }, value: { name: "Billing" } },
          String(tenant.admin.id),
        ],
        [
          "conversation_attribute_updated_by_admin",
          { attribute: { name: "priority" }, value: { name: "High" } },
          String(tenant.admin.id),
        ],
      ],
    );
    const same = await call(tenant.token, `/conversations/${id}`, {
      method: "PUT",
      body: { custom_attributes: { issue_type: "Billing", seats: 3 } },
    });
    assert.equal(same.body.conversation_parts.total_count, 1, "only what changed is recorded");
    assert.deepEqual(same.body.custom_attributes, { issue_type: "Billing", priority: "High", seats: 3 });
    const cleared = await call(tenant.token, `/conversations/${id}`, {
      method: "PUT",
      body: { read: false, custom_attributes: { priority: null } },
    });
    assert.deepEqual(cleared.body.custom_attributes, { issue_type: "Billing", seats: 3 });
    assert.equal(cleared.body.read, false);

    const before = await get(id);
    for (const [body, status, code] of [
      [{ read: "yes" }, 400, "parameter_invalid"],
      [{ title: 5 }, 400, "parameter_invalid"],
      [{ custom_attributes: { nested: { a: 1 } } }, 400, "parameter_invalid"],
      [{ custom_attributes: [1] }, 400, "parameter_invalid"],
      [{ company_id: "0123456789abcdef01234567" }, 404, "company_not_found"],
    ] as Array<[unknown, number, string]>) {
      const answer = await call(tenant.token, `/conversations/${id}`, { method: "PUT", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code);
    }
    assert.deepEqual(await get(id), before);
  });

  it("refuses bad replies and management with Intercom's errors, writing nothing", async () => {
    const { id, contact } = await started();
    const outsider = await person();
    const stranger = await person(other);
    const partsBefore = (await partsInDatabase(id)).length;
    const reply = (body: unknown) => post(`/conversations/${id}/reply`, body);
    const manage = (body: unknown) => post(`/conversations/${id}/parts`, body);
    const admin = { message_type: "comment", type: "admin", body: "Hi" };
    const user = { message_type: "comment", type: "user", body: "Hi" };
    const cases: Array<[Promise<{ status: number; body: Json }>, number, string]> = [
      [reply({ ...admin }), 400, "parameter_not_found"],
      [reply({ ...admin, admin_id: other.admin.id }), 404, "admin_not_found"],
      [reply({ ...admin, admin_id: "99999999999" }), 404, "admin_not_found"],
      [reply({ ...admin, admin_id: "me" }), 400, "parameter_invalid"],
      [reply({ ...admin, admin_id: tenant.admin.id, message_type: "shout" }), 400, "parameter_invalid"],
      [reply({ ...admin, admin_id: tenant.admin.id, body: undefined }), 400, "parameter_not_found"],
      [reply({ ...admin, admin_id: tenant.admin.id, type: undefined }), 400, "parameter_invalid"],
      [
        reply({ message_type: "quick_reply", type: "admin", admin_id: tenant.admin.id, reply_options: [] }),
        400,
        "parameter_invalid",
      ],
      [reply({ ...user }), 400, "parameter_not_found"],
      [reply({ ...user, intercom_user_id: outsider.id }), 400, "parameter_invalid"],
      [reply({ ...user, intercom_user_id: stranger.id }), 404, "not_found"],
      [reply({ ...user, email: "nobody@example.com" }), 404, "not_found"],
      [reply({ ...user, intercom_user_id: contact.id, message_type: "note" }), 400, "parameter_invalid"],
      [reply({ ...user, intercom_user_id: contact.id, created_at: -1 }), 400, "parameter_invalid"],
      [manage({ admin_id: tenant.admin.id }), 400, "parameter_not_found"],
      [manage({ message_type: "delete", admin_id: tenant.admin.id }), 400, "parameter_invalid"],
      [manage({ message_type: "close", type: "admin" }), 400, "parameter_not_found"],
      [manage({ message_type: "close", type: "admin", admin_id: other.admin.id }), 404, "admin_not_found"],
      [manage({ message_type: "close", type: "team", admin_id: tenant.admin.id }), 400, "parameter_invalid"],
      [manage({ message_type: "snoozed", admin_id: tenant.admin.id }), 400, "parameter_not_found"],
      [
        manage({ message_type: "snoozed", admin_id: tenant.admin.id, snoozed_until: 1_000 }),
        400,
        "parameter_invalid",
      ],
      [
        manage({ message_type: "assignment", type: "admin", admin_id: tenant.admin.id }),
        400,
        "parameter_not_found",
      ],
      [
        manage({
          message_type: "assignment",
          type: "admin",
          admin_id: tenant.admin.id,
          assignee_id: other.admin.id,
        }),
        404,
        "assignee_not_found",
      ],
      [
        manage({ message_type: "assignment", type: "team", admin_id: tenant.admin.id, assignee_id: "5" }),
        404,
        "assignee_not_found",
      ],
      [
        manage({ message_type: "assignment", type: "admin", admin_id: tenant.admin.id, assignee_id: [1] }),
        400,
        "parameter_invalid",
      ],
    ];
    for (const [pending, status, code] of cases) {
      const answer = await pending;
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(answer.body));
    }
    for (const missing of ["999999", "99999999999999", "abc", "1.5"]) {
      for (const [path, body] of [
        [`/conversations/${missing}/reply`, { ...admin, admin_id: tenant.admin.id }],
        [
          `/conversations/${missing}/parts`,
          { message_type: "close", type: "admin", admin_id: tenant.admin.id },
        ],
      ] as const) {
        const answer = await post(path, body);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.body.errors[0].code, "not_found");
      }
      const found = await call(tenant.token, `/conversations/${missing}`);
      assert.equal(found.status, 404);
      assert.equal(found.body.errors[0].message, "Resource Not Found");
    }
    assert.equal((await partsInDatabase(id)).length, partsBefore);
  });

  it("replies to a contact's last conversation", async () => {
    const contact = await person();
    const first = await post("/conversations", { from: { type: "user", id: contact.id }, body: "First" });
    const second = await post("/conversations", { from: { type: "user", id: contact.id }, body: "Second" });
    const answer = await post("/conversations/last/reply", {
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "Following up",
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.id, second.body.conversation_id);
    assert.equal((await get(first.body.conversation_id)).conversation_parts.total_count, 0);
    const admin = await post("/conversations/last/reply", {
      message_type: "comment",
      type: "admin",
      admin_id: tenant.admin.id,
      body: "No",
    });
    assert.equal(admin.status, 400);
    const quiet = await person();
    const none = await post("/conversations/last/reply", {
      message_type: "comment",
      type: "user",
      intercom_user_id: quiet.id,
      body: "Anyone?",
    });
    assert.equal(none.status, 404);
  });

  it("lists conversations with cursor pagination, as 2.14 specifies", async () => {
    const lister = await createTenant(gh.services, { name: "Lister" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await started(`Message ${i}`, lister)).id);
    const first = await call(lister.token, "/conversations?per_page=2");
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body), ["type", "pages", "total_count", "conversations"]);
    assert.equal(first.body.type, "conversation.list");
    assert.equal(first.body.total_count, 5);
    assert.equal(first.body.pages.type, "pages");
    assert.equal(first.body.pages.page, 1);
    assert.equal(first.body.pages.per_page, 2);
    assert.equal(first.body.pages.total_pages, 3);
    assert.deepEqual(
      Object.keys(first.body.conversations[0]),
      CONVERSATION_KEYS,
      "list items carry no parts",
    );
    const seen: string[] = [];
    let page = first.body;
    let pages = 1;
    for (;;) {
      seen.push(...page.conversations.map((c: Json) => c.id));
      if (!page.pages.next) break;
      assert.equal(page.pages.next.per_page, 2);
      page = (
        await call(lister.token, `/conversations?per_page=2&starting_after=${page.pages.next.starting_after}`)
      ).body;
      pages++;
      assert.equal(page.pages.page, pages);
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ids);
    const defaults = await call(lister.token, "/conversations");
    assert.equal(defaults.body.pages.per_page, 20);
    assert.equal(defaults.body.pages.next, undefined);
    for (const query of ["per_page=0", "per_page=151", "per_page=two", "starting_after=nonsense"]) {
      const answer = await call(lister.token, `/conversations?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.type, "error.list");
    }
  });

  describe("searches conversation fields with Intercom's query language", () => {
    let searcher: Tenant;
    let alan: ContactRow;
    let billing: string, login: string, third: string;

    before(async () => {
      searcher = await createTenant(gh.services, { name: "Searcher" });
      const ada = await createContact(gh.services, searcher.workspace.id, {
        email: "ada@lovelace.dev",
        name: "Ada",
      });
      alan = await createContact(gh.services, searcher.workspace.id, {
        email: "alan@turing.dev",
        name: "Alan",
      });
      const start = async (contact: ContactRow, body: string) =>
        (await post("/conversations", { from: { type: "user", id: contact.id }, body }, searcher.token)).body
          .conversation_id as string;
      billing = await start(ada, "I need support with billing, please.");
      login = await start(alan, "Cannot log in");
      third = await start(ada, "Hello again");
      await post(
        `/conversations/${login}/parts`,
        { message_type: "close", type: "admin", admin_id: searcher.admin.id },
        searcher.token,
      );
      await post(
        `/conversations/${third}/parts`,
        {
          message_type: "assignment",
          type: "admin",
          admin_id: searcher.admin.id,
          assignee_id: searcher.admin.id,
        },
        searcher.token,
      );
      await call(searcher.token, `/conversations/${billing}`, {
        method: "PUT",
        body: { read: true, custom_attributes: { plan: "pro", seats: 10 } },
      });
    });

    const search = async (query: unknown, pagination?: unknown) => {
      const answer = await post(
        "/conversations/search",
        { query, ...(pagination !== undefined && { pagination }) },
        searcher.token,
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };
    const ids = async (query: unknown) => (await search(query)).conversations.map((c: Json) => c.id).sort();
    const sorted = (...list: string[]) => [...list].sort();

    it("answers a conversation.list of every match", async () => {
      const all = await search({ field: "created_at", operator: ">", value: "1306054154" });
      assert.equal(all.type, "conversation.list");
      assert.equal(all.total_count, 3);
      assert.equal(all.pages.per_page, 20);
    });

    it("matches by state, open, read and assignee", async () => {
      assert.deepEqual(await ids({ field: "state", operator: "=", value: "closed" }), [login]);
      assert.deepEqual(await ids({ field: "open", operator: "=", value: true }), sorted(billing, third));
      assert.deepEqual(await ids({ field: "read", operator: "=", value: true }), [billing]);
      assert.deepEqual(await ids({ field: "admin_assignee_id", operator: "=", value: searcher.admin.id }), [
        third,
      ]);
      assert.deepEqual(
        await ids({ field: "admin_assignee_id", operator: "=", value: "0" }),
        sorted(billing, login),
      );
    });

    it("matches by the source's author and by whole words of its body", async () => {
      assert.deepEqual(
        await ids({ field: "source.author.email", operator: "=", value: "ada@lovelace.dev" }),
        sorted(billing, third),
      );
      assert.deepEqual(await ids({ field: "source.author.name", operator: "^", value: "Al" }), [login]);
      assert.deepEqual(await ids({ field: "source.body", operator: "=", value: "support" }), [billing]);
      assert.deepEqual(
        await ids({ field: "source.body", operator: "=", value: "billing" }),
        [billing],
        "punctuation ends a word",
      );
      assert.deepEqual(await ids({ field: "source.body", operator: "=", value: "need support" }), []);
      assert.deepEqual(await ids({ field: "source.body", operator: "~", value: "log in" }), [login]);
    });

    it("matches by contacts, teammates and id", async () => {
      assert.deepEqual(await ids({ field: "contact_ids", operator: "=", value: alan.id }), [login]);
      assert.deepEqual(
        await ids({ field: "contact_ids", operator: "NIN", value: [alan.id] }),
        sorted(billing, third),
      );
      assert.deepEqual(
        await ids({ field: "teammate_ids", operator: "IN", value: [String(searcher.admin.id)] }),
        sorted(billing, login, third),
      );
      assert.deepEqual(await ids({ field: "id", operator: "=", value: Number(login) }), [login]);
    });

    it("matches by custom attributes, statistics, priority and tags", async () => {
      assert.deepEqual(await ids({ field: "custom_attributes.seats", operator: ">", value: 5 }), [billing]);
      assert.deepEqual(
        await ids({ field: "statistics.last_closed_by_id", operator: "=", value: String(searcher.admin.id) }),
        [login],
      );
      assert.deepEqual(await ids({ field: "statistics.count_assignments", operator: ">", value: 0 }), [
        third,
      ]);
      assert.deepEqual(
        await ids({ field: "priority", operator: "=", value: "not_priority" }),
        sorted(billing, login, third),
      );
      assert.deepEqual(await ids({ field: "tag_ids", operator: "=", value: "1" }), []);
    });

    it("nests OR and AND", async () => {
      assert.deepEqual(
        await ids({
          operator: "OR",
          value: [
            { field: "state", operator: "=", value: "closed" },
            {
              operator: "AND",
              value: [
                { field: "read", operator: "=", value: true },
                { field: "source.author.email", operator: "$", value: "@lovelace.dev" },
              ],
            },
          ],
        }),
        sorted(billing, login),
      );
    });

    it("pages search results by cursor", async () => {
      const paged = await search({ field: "id", operator: "!=", value: "0" }, { per_page: 2 });
      assert.equal(paged.conversations.length, 2);
      const rest = await search(
        { field: "id", operator: "!=", value: "0" },
        { per_page: 2, starting_after: paged.pages.next.starting_after },
      );
      assert.equal(rest.conversations.length, 1);
      assert.equal(rest.pages.page, 2);
    });

    it("refuses unknown fields, wrong operators and malformed values with parameter_invalid", async () => {
      for (const query of [
        { field: "password", operator: "=", value: "x" },
        { field: "constructor", operator: "=", value: "x" },
        { field: "state", operator: ">", value: "open" },
        { field: "created_at", operator: "=", value: "yesterday" },
        { field: "admin_assignee_id", operator: "=", value: "someone" },
        { field: "contact_ids", operator: "~", value: "x" },
        { field: "open", operator: "=", value: "yes" },
        { operator: "AND", value: [] },
      ]) {
        const answer = await post("/conversations/search", { query }, searcher.token);
        assert.equal(answer.status, 400, JSON.stringify(query));
        assert.equal(answer.body.errors[0].code, "parameter_invalid", JSON.stringify(query));
      }
    });
  });

  it("answers any search with results or parameter_invalid, never a server error", async () => {
    const field = fc.constantFrom(
      "id",
      "state",
      "open",
      "read",
      "created_at",
      "waiting_since",
      "snoozed_until",
      "admin_assignee_id",
      "team_assignee_id",
      "source.body",
      "source.author.email",
      "contact_ids",
      "teammate_ids",
      "tag_ids",
      "priority",
      "statistics.count_reopens",
      "statistics.last_closed_by_id",
      "custom_attributes.plan",
      "nope",
    );
    const operator = fc.constantFrom("=", "!=", "IN", "NIN", "<", ">", "~", "!~", "^", "$", "AND", "LIKE");
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean()), { maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ field, operator, value }), async (query) => {
        const { status, body } = await post("/conversations/search", { query });
        assert.ok(
          status === 200 || status === 400,
          `${status} for ${JSON.stringify(query)}: ${JSON.stringify(body)}`,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("keeps its figures true when writes arrive at once", async () => {
    const { id, contact } = await started();
    const writes = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? post(`/conversations/${id}/reply`, {
            message_type: "comment",
            type: "user",
            intercom_user_id: contact.id,
            body: `Contact ${i}`,
          })
        : post(`/conversations/${id}/reply`, {
            message_type: i % 3 === 1 ? "comment" : "note",
            type: "admin",
            admin_id: tenant.admin.id,
            body: `Admin ${i}`,
          }),
    );
    for (const answer of await Promise.all(writes)) assert.equal(answer.status, 200);
    const found = await get(id);
    const parts = await partsInDatabase(id);
    assert.equal(parts.length, 12);
    assert.equal(found.statistics.count_conversation_parts, 12);
    assert.equal(found.conversation_parts.total_count, 12);
    const replies = parts.filter((p) => p.part_type === "comment" && p.author_type === "admin");
    assert.equal(found.statistics.last_admin_reply_at, Math.floor((replies.at(-1)?.created_at ?? 0) / 1000));
  });

  it("keeps workspaces apart", async () => {
    const { id, contact } = await started();
    const before = await get(id);
    assert.equal((await call(other.token, `/conversations/${id}`)).status, 404);
    assert.equal(
      (await call(other.token, `/conversations/${id}`, { method: "PUT", body: { read: true } })).status,
      404,
    );
    assert.equal(
      (
        await post(
          `/conversations/${id}/reply`,
          { message_type: "note", type: "admin", admin_id: other.admin.id, body: "x" },
          other.token,
        )
      ).status,
      404,
    );
    assert.equal(
      (
        await post(
          `/conversations/${id}/parts`,
          { message_type: "close", type: "admin", admin_id: other.admin.id },
          other.token,
        )
      ).status,
      404,
    );
    assert.equal(
      (
        await post(
          "/conversations/last/reply",
          { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "x" },
          other.token,
        )
      ).status,
      404,
    );
    const listed = await call(other.token, "/conversations?per_page=150");
    assert.ok(!listed.body.conversations.some((c: Json) => c.id === id));
    const searched = await post(
      "/conversations/search",
      { query: { field: "id", operator: "=", value: id } },
      other.token,
    );
    assert.equal(searched.body.total_count, 0);
    assert.deepEqual(await get(id), before);
  });

  it("raises conversation webhooks in the write's transaction", async () => {
    const listener = await createTenant(gh.services, { name: "Listener" });
    await setSubscription(gh.services, listener.app.app.id, {
      url: "https://example.invalid/hooks",
      topics: [
        "conversation.user.created",
        "conversation.admin.replied",
        "conversation.admin.closed",
        "conversation.user.replied",
      ],
    });
    const { id, contact } = await started("Hi", listener);
    await post(
      `/conversations/${id}/reply`,
      { message_type: "comment", type: "admin", admin_id: listener.admin.id, body: "Yes?" },
      listener.token,
    );
    await post(
      `/conversations/${id}/parts`,
      { message_type: "close", type: "admin", admin_id: listener.admin.id },
      listener.token,
    );
    await post(
      `/conversations/${id}/reply`,
      { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "Wait" },
      listener.token,
    );
    // A bad reply raises nothing.
    await post(
      `/conversations/${id}/reply`,
      { message_type: "comment", type: "admin", admin_id: other.admin.id, body: "x" },
      listener.token,
    );
    const queued = await gh.services.db
      .selectFrom("webhook_deliveries")
      .select(["topic", "item"])
      .where("app_id", "=", listener.app.app.id)
      .orderBy("id")
      .execute();
    assert.deepEqual(
      queued.map((q) => q.topic),
      [
        "conversation.user.created",
        "conversation.admin.replied",
        "conversation.admin.closed",
        "conversation.user.replied",
      ],
    );
    const items = queued.map((q) => JSON.parse(q.item) as Json);
    assert.ok(items.every((item) => item.type === "conversation" && item.id === id));
    assert.equal(items[2].state, "closed");
    assert.equal(items[3].conversation_parts.conversation_parts[0].part_type, "open");
  });

  it("deletes a conversation for good, with its parts and links, and notifies conversation.deleted", async () => {
    const listener = await createTenant(gh.services, { name: "Deleter" });
    await setSubscription(gh.services, listener.app.app.id, {
      url: "https://example.invalid/hooks",
      topics: ["conversation.deleted"],
    });
    const { id, contact } = await started("Delete me", listener);
    await post(
      `/conversations/${id}/reply`,
      { message_type: "note", type: "admin", admin_id: listener.admin.id, body: "Secret" },
      listener.token,
    );
    const type = await call(listener.token, "/ticket_types", {
      method: "POST",
      body: { name: "Follow-up", category: "Back-office" },
    });
    const ticket = await call(listener.token, "/tickets", {
      method: "POST",
      body: { ticket_type_id: type.body.id, contacts: [{ id: contact.id }], conversation_to_link_id: id },
    });
    assert.equal(ticket.status, 200, JSON.stringify(ticket.body));

    // Another workspace's token cannot reach it, and a refusal deletes nothing.
    for (const [token, path] of [
      [other.token, `/conversations/${id}`],
      [listener.token, "/conversations/999999"],
      [listener.token, "/conversations/abc"],
    ] as const) {
      const refused = await call(token, path, { method: "DELETE" });
      assert.equal(refused.status, 404, path);
      assert.equal(refused.body.errors[0].code, "not_found");
    }
    assert.equal((await call(listener.token, `/conversations/${id}`)).status, 200);

    const deleted = await call(listener.token, `/conversations/${id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, { id, object: "conversation", deleted: true });
    assert.equal((await call(listener.token, `/conversations/${id}`)).status, 404);
    assert.equal((await call(listener.token, `/conversations/${id}`, { method: "DELETE" })).status, 404);
    assert.deepEqual(await partsInDatabase(id), [], "its parts went with it");
    const linked = await call(listener.token, `/tickets/${ticket.body.id}`);
    assert.equal(linked.status, 200, "the linked ticket stays");
    assert.deepEqual(linked.body.linked_objects.data, [], "and no longer links to it");
    const queued = await gh.services.db
      .selectFrom("webhook_deliveries")
      .select(["topic", "item"])
      .where("app_id", "=", listener.app.app.id)
      .execute();
    assert.deepEqual(
      queued.map((q) => [q.topic, JSON.parse(q.item)]),
      [["conversation.deleted", { id, object: "conversation", deleted: true }]],
    );

    const client = new IntercomClient({ token: listener.token, baseUrl: gh.url, fetch: validatingFetch });
    const { id: second } = await started("And me", listener);
    const answer = await client.conversations.deleteConversation({ conversation_id: Number(second) });
    assert.equal(answer.deleted, true);
    assert.equal((await call(listener.token, `/conversations/${second}`)).status, 404);
  });

  it("works with the official SDK: create, reply, close, find, list and search", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const contact = await person();
    const message = await client.conversations.create({
      from: { type: "user", id: contact.id },
      body: "From the SDK",
    });
    assert.equal(message.type, "user_message");
    const conversationId = message.conversation_id as string;
    const replied = await client.conversations.reply({
      conversation_id: conversationId,
      body: {
        message_type: "comment",
        type: "admin",
        admin_id: String(tenant.admin.id),
        body: "Answered by the SDK",
      },
    });
    assert.equal(replied.conversation_parts?.conversation_parts?.[0]?.body, "Answered by the SDK");
    const userReply = await client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "comment", type: "user", intercom_user_id: contact.id, body: "Thanks, SDK" },
    });
    assert.equal(userReply.waiting_since !== null, true);
    const closed = await client.conversations.manage({
      conversation_id: conversationId,
      body: {
        message_type: "close",
        type: "admin",
        admin_id: String(tenant.admin.id),
        body: "Closed by the SDK",
      },
    });
    assert.equal(closed.state, "closed");
    const updated = await client.conversations.update({
      conversation_id: conversationId,
      read: true,
      custom_attributes: { source: "sdk" },
    });
    assert.equal(updated.read, true);
    const found = await client.conversations.find({ conversation_id: conversationId });
    assert.equal(found.source?.body, "From the SDK");
    assert.deepEqual(
      found.conversation_parts?.conversation_parts?.map((p) => [p.part_type, p.author?.type]),
      [
        ["comment", "admin"],
        ["comment", "user"],
        ["close", "admin"],
        ["conversation_attribute_updated_by_admin", "admin"],
      ],
    );
    assert.equal(found.custom_attributes?.source, "sdk");
    const searched = await client.conversations.search({
      query: {
        operator: "AND",
        value: [
          { field: "contact_ids", operator: "=", value: contact.id },
          { field: "state", operator: "=", value: "closed" },
        ],
      },
    });
    const matches: string[] = [];
    for await (const conversation of searched) matches.push(conversation.id);
    assert.deepEqual(matches, [conversationId]);
    const listed: string[] = [];
    for await (const conversation of await client.conversations.list({ per_page: 2 }))
      listed.push(conversation.id);
    assert.ok(listed.includes(conversationId));
    assert.equal(new Set(listed).size, listed.length, "the SDK follows the cursors without repeating a page");
  });
});
