import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient, IntercomError } from "intercom-client";
import type { AdminRow } from "../src/storage/tables/identity.ts";
import { newPerson, startConversationWorld } from "./support/conversation-world.ts";
import { bearer, describeEachDatabase, type Gatehouse, type Tenant } from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
type Json = any;

const DELETED = "<p><i>This message was deleted</i></p>";

describeEachDatabase("conversation participants and redaction API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let teammate: AdminRow;

  async function call(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
    const response = await gh.fetch(gh.url + path, {
      method: init.method ?? "GET",
      headers: {
        ...bearer(init.token ?? tenant.token),
        ...(init.body !== undefined && { "content-type": "application/json" }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : undefined };
  }
  const post = (path: string, body: unknown, token?: string) =>
    call(path, { method: "POST", body, ...(token && { token }) });
  const remove = (path: string, body?: unknown) => call(path, { method: "DELETE", body });
  const get = async (id: string, token = tenant.token) => {
    const answer = await call(`/conversations/${id}`, { token });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };

  const person = (of: Tenant = tenant, fields: { role?: string } = {}) =>
    newPerson(gh, of, "participant", fields);

  /** A conversation a new contact starts, with one attachment on the opening message. */
  async function started(of: Tenant = tenant, body = "Hello there") {
    const contact = await person(of);
    const answer = await post(
      "/conversations",
      {
        from: { type: "user", id: contact.id },
        body,
        attachment_urls: ["https://example.com/files/card.png"],
      },
      of.token,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return { id: answer.body.conversation_id as string, contact };
  }

  const attach = (id: string, customer: unknown, adminId: unknown = String(teammate.id)) =>
    post(`/conversations/${id}/customers`, { admin_id: adminId, customer });
  const contactIds = (conversation: Json) => conversation.contacts.contacts.map((c: Json) => c.id as string);
  const contactCount = async (workspaceId: number) =>
    Number(
      (
        await gh.services.db
          .selectFrom("contacts")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("workspace_id", "=", workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const partsInDatabase = (id: string) =>
    gh.services.db
      .selectFrom("conversation_parts")
      .selectAll()
      .where("conversation_id", "=", Number(id))
      .orderBy("id")
      .execute();

  before(async () => {
    ({ gh, tenant, other, teammate } = await startConversationWorld(database, {
      workspace: "Group Co",
      teammate: "Gia Teammate",
    }));
  });
  after(() => gh.close());

  it("attaches contacts named by id, user_id or email, answers the customers, and records participant_added parts", async () => {
    const { id, contact: starter } = await started();
    const user = await person();
    const lead = await person(tenant, { role: "lead" });
    const byEmail = await person();

    const first = await attach(id, { intercom_user_id: user.id });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, {
      customers: [
        { type: "user", id: starter.id },
        { type: "user", id: user.id },
      ],
    });
    const second = await attach(id, { user_id: lead.external_id }, teammate.id);
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.deepEqual(second.body.customers.at(-1), { type: "lead", id: lead.id });
    const third = await attach(id, { email: (byEmail.email as string).toUpperCase() });
    assert.equal(third.status, 200, JSON.stringify(third.body));
    assert.deepEqual(third.body.customers.at(-1), { type: "user", id: byEmail.id });

    // An email nobody in the workspace has makes a new lead with it, as Intercom does.
    const before = await contactCount(tenant.workspace.id);
    const fresh = await attach(id, { email: "Brand.New@Example.com" }, tenant.admin.id);
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.equal(await contactCount(tenant.workspace.id), before + 1);
    const made = fresh.body.customers.at(-1);
    assert.equal(made.type, "lead");
    const lookedUp = await call(`/contacts/${made.id}`);
    assert.equal(lookedUp.status, 200);
    assert.equal(lookedUp.body.role, "lead");
    assert.equal(lookedUp.body.email, "brand.new@example.com");

    // Attaching someone who already takes part changes nothing.
    const partsBefore = await partsInDatabase(id);
    const again = await attach(id, { intercom_user_id: user.id });
    assert.equal(again.status, 200);
    assert.equal(again.body.customers.length, 5);
    assert.deepEqual(await partsInDatabase(id), partsBefore);

    const found = await get(id);
    assert.deepEqual(contactIds(found), [starter.id, user.id, lead.id, byEmail.id, made.id]);
    assert.deepEqual(found.contacts.contacts[2], {
      type: "contact",
      id: lead.id,
      external_id: lead.external_id,
    });
    const parts = found.conversation_parts.conversation_parts;
    assert.deepEqual(
      parts.map((p: Json) => [p.part_type, p.author.type, p.author.id]),
      [
        ["participant_added", "admin", String(teammate.id)],
        ["participant_added", "admin", String(teammate.id)],
        ["participant_added", "admin", String(teammate.id)],
        ["participant_added", "admin", String(tenant.admin.id)],
      ],
    );
    assert.equal(parts[0].body, null);
    assert.equal(parts[0].state, "open");
    assert.equal(parts[0].author.name, "Gia Teammate");
    assert.equal(found.statistics.count_conversation_parts, 4);
    assert.deepEqual(
      found.teammates.teammates.map((t: Json) => t.id),
      [String(teammate.id), String(tenant.admin.id)],
    );
    assert.equal(found.state, "open", "adding a participant leaves the conversation as it was");

    // A participant may now reply to the conversation as a contact of it.
    const replied = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "user",
      intercom_user_id: lead.id,
      body: "Looping in",
    });
    assert.equal(replied.status, 200, JSON.stringify(replied.body));
  });

  it("detaches a contact, records a participant_removed part, and refuses to remove the last one", async () => {
    const { id, contact: starter } = await started();
    const joiner = await person();
    assert.equal((await attach(id, { intercom_user_id: joiner.id })).status, 200);

    const detached = await remove(`/conversations/${id}/customers/${starter.id}`, {
      admin_id: String(tenant.admin.id),
    });
    assert.equal(detached.status, 200, JSON.stringify(detached.body));
    assert.deepEqual(detached.body, { customers: [{ type: "user", id: joiner.id }] });
    const found = await get(id);
    assert.deepEqual(contactIds(found), [joiner.id]);
    const last = found.conversation_parts.conversation_parts.at(-1);
    assert.equal(last.part_type, "participant_removed");
    assert.equal(last.author.id, String(tenant.admin.id));
    assert.equal(last.body, null);
    assert.equal(found.statistics.count_conversation_parts, 2);

    // Who left can no longer write as a contact of the conversation.
    const refusedReply = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "user",
      intercom_user_id: starter.id,
      body: "Still here?",
    });
    assert.equal(refusedReply.status, 400);

    const refused = await remove(`/conversations/${id}/customers/${joiner.id}`, {
      admin_id: tenant.admin.id,
    });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.deepEqual(refused.body.errors[0], {
      code: "parameter_invalid",
      message: "Removing the last customer is not allowed",
      field: "contact_id",
    });
    assert.deepEqual(await get(id), found, "the refusal changed nothing");

    // Brought back, they come after whoever stayed.
    assert.equal((await attach(id, { intercom_user_id: starter.id })).status, 200);
    assert.deepEqual(contactIds(await get(id)), [joiner.id, starter.id]);
  });

  it("refuses bad attach and detach requests with Intercom's errors and changes nothing", async () => {
    const { id, contact: starter } = await started();
    const member = await person();
    assert.equal((await attach(id, { intercom_user_id: member.id })).status, 200);
    const outsider = await person();
    const stranger = await person(other);
    const elsewhere = await started(other);
    const foreignAdmin = other.admin.id;
    const snapshot = await get(id);
    const parts = await partsInDatabase(id);
    const counts = [await contactCount(tenant.workspace.id), await contactCount(other.workspace.id)];

    const attaches: Array<[string, unknown, number, string, string?]> = [
      ["999999999", { admin_id: teammate.id, customer: { intercom_user_id: outsider.id } }, 404, "not_found"],
      ["abc", { admin_id: teammate.id, customer: { intercom_user_id: outsider.id } }, 404, "not_found"],
      [
        elsewhere.id,
        { admin_id: teammate.id, customer: { intercom_user_id: outsider.id } },
        404,
        "not_found",
        "Resource Not Found",
      ],
      [id, { customer: { intercom_user_id: outsider.id } }, 400, "parameter_not_found"],
      [id, { admin_id: "admin", customer: { intercom_user_id: outsider.id } }, 400, "parameter_invalid"],
      [id, { admin_id: foreignAdmin, customer: { intercom_user_id: outsider.id } }, 404, "admin_not_found"],
      [id, { admin_id: teammate.id }, 400, "parameter_not_found"],
      [id, { admin_id: teammate.id, customer: "someone" }, 400, "parameter_invalid"],
      [id, { admin_id: teammate.id, customer: [outsider.id] }, 400, "parameter_invalid"],
      [id, { admin_id: teammate.id, customer: {} }, 400, "parameter_not_found"],
      [id, { admin_id: teammate.id, customer: { intercom_user_id: 42 } }, 400, "parameter_invalid"],
      [
        id,
        { admin_id: teammate.id, customer: { intercom_user_id: stranger.id } },
        404,
        "not_found",
        "User Not Found",
      ],
      [id, { admin_id: teammate.id, customer: { user_id: "nobody-here" } }, 404, "not_found"],
      [id, { admin_id: teammate.id, customer: { email: "not an email" } }, 400, "parameter_invalid"],
      [id, { admin_id: teammate.id, customer: { email: ["x@example.com"] } }, 400, "parameter_invalid"],
    ];
    for (const [conversation, body, status, code, message] of attaches) {
      const answer = await post(`/conversations/${conversation}/customers`, body);
      assert.equal(answer.status, status, `${conversation} ${JSON.stringify(body)}`);
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
      if (message) assert.equal(answer.body.errors[0].message, message);
    }

    const detaches: Array<[string, string, unknown, number, string, string?]> = [
      ["999999999", member.id, { admin_id: teammate.id }, 404, "not_found", "Resource Not Found"],
      [elsewhere.id, elsewhere.contact.id, { admin_id: teammate.id }, 404, "not_found"],
      [id, member.id, undefined, 400, "parameter_not_found"],
      [id, member.id, {}, 400, "parameter_not_found"],
      [id, member.id, { admin_id: { id: 1 } }, 400, "parameter_invalid"],
      [id, member.id, { admin_id: foreignAdmin }, 404, "admin_not_found"],
      [id, stranger.id, { admin_id: teammate.id }, 404, "not_found", "User Not Found"],
      [id, outsider.id, { admin_id: teammate.id }, 404, "not_found", "User Not Found"],
      [id, "123_doesnt_exist", { admin_id: teammate.id }, 404, "not_found", "User Not Found"],
    ];
    for (const [conversation, contact, body, status, code, message] of detaches) {
      const answer = await remove(`/conversations/${conversation}/customers/${contact}`, body);
      assert.equal(answer.status, status, `${conversation} ${contact} ${JSON.stringify(body)}`);
      assert.equal(
        answer.body.errors[0].code,
        code,
        `${conversation} ${contact} ${JSON.stringify(answer.body)}`,
      );
      if (message) assert.equal(answer.body.errors[0].message, message);
    }

    // Another workspace's token cannot reach this conversation either.
    const crossed = await post(
      `/conversations/${id}/customers`,
      { admin_id: foreignAdmin, customer: { intercom_user_id: stranger.id } },
      other.token,
    );
    assert.equal(crossed.status, 404);

    assert.deepEqual(await get(id), snapshot);
    assert.deepEqual(contactIds(snapshot), [starter.id, member.id]);
    assert.deepEqual(await partsInDatabase(id), parts);
    assert.deepEqual(contactIds(await get(elsewhere.id, other.token)), [elsewhere.contact.id]);
    assert.deepEqual(
      [await contactCount(tenant.workspace.id), await contactCount(other.workspace.id)],
      counts,
      "no lead was made by a refused request",
    );
  });

  it("redacts a part or the opening message: the body reads as deleted, attachments go, redacted shows", async () => {
    const { id, contact } = await started(tenant, "My card is 4242 4242 4242 4242");
    const replied = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "admin",
      admin_id: teammate.id,
      body: "Please don't share your card number",
      attachment_urls: ["https://example.com/files/policy.pdf"],
    });
    assert.equal(replied.status, 200);
    const contactReply = await post(`/conversations/${id}/reply`, {
      message_type: "comment",
      type: "user",
      intercom_user_id: contact.id,
      body: "Sorry! The code is QX-7731",
      attachment_urls: ["https://example.com/files/back.png"],
    });
    assert.equal(contactReply.status, 200);
    const [adminPart] = replied.body.conversation_parts.conversation_parts;
    const [contactPart] = contactReply.body.conversation_parts.conversation_parts;
    const before = await get(id);

    const redacted = await post("/conversations/redact", {
      type: "conversation_part",
      conversation_id: id,
      conversation_part_id: contactPart.id,
    });
    assert.equal(redacted.status, 200, JSON.stringify(redacted.body));
    assert.equal(redacted.body.type, "conversation");
    assert.equal(redacted.body.id, id);
    assert.equal(redacted.body.conversation_parts.total_count, 2, "the answer is the whole conversation");
    const shown = redacted.body.conversation_parts.conversation_parts[1];
    assert.equal(shown.id, contactPart.id);
    assert.equal(shown.body, DELETED);
    assert.equal(shown.redacted, true);
    assert.deepEqual(shown.attachments, []);
    assert.equal(shown.part_type, "comment");
    assert.deepEqual(shown.author, contactPart.author, "the author stays");
    assert.equal(shown.created_at, contactPart.created_at);
    assert.ok(shown.updated_at >= contactPart.updated_at);
    assert.ok(redacted.body.updated_at >= before.updated_at);
    assert.deepEqual(redacted.body.conversation_parts.conversation_parts[0], adminPart);
    assert.equal(redacted.body.source.redacted, false);

    // Ids as numbers, as the spec's example sends them; an admin's part with a body may be redacted too.
    const adminRedacted = await post("/conversations/redact", {
      type: "conversation_part",
      conversation_id: Number(id),
      conversation_part_id: Number(adminPart.id),
    });
    assert.equal(adminRedacted.status, 200, JSON.stringify(adminRedacted.body));

    const source = await post("/conversations/redact", {
      type: "source",
      conversation_id: id,
      source_id: id,
    });
    assert.equal(source.status, 200, JSON.stringify(source.body));
    assert.deepEqual(source.body.source, {
      ...before.source,
      body: DELETED,
      attachments: [],
      redacted: true,
    });

    // Redacting again changes nothing.
    const settled = await get(id);
    for (const again of [
      { type: "source", conversation_id: id, source_id: id },
      { type: "conversation_part", conversation_id: id, conversation_part_id: contactPart.id },
    ]) {
      const answer = await post("/conversations/redact", again);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, settled);
    }

    const found = await get(id);
    assert.equal(found.source.body, DELETED);
    assert.equal(found.source.redacted, true);
    assert.deepEqual(
      found.conversation_parts.conversation_parts.map((p: Json) => [p.body, p.redacted, p.attachments]),
      [
        [DELETED, true, []],
        [DELETED, true, []],
      ],
    );
    assert.equal(found.statistics.count_conversation_parts, 2, "redacting adds no part");
    assert.equal(found.state, before.state);
    assert.deepEqual(found.contacts, before.contacts);
    // The words are gone from the database, not only from the answer.
    const row = await gh.services.db
      .selectFrom("conversations")
      .selectAll()
      .where("id", "=", Number(id))
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify([row, await partsInDatabase(id)]);
    // Words, not bare digits: a stored timestamp or id may hold any run of digits.
    for (const secret of ["4242 4242", "QX-7731", "card.png", "back.png", "policy.pdf", "share your card"])
      assert.ok(!stored.includes(secret), `${secret} is gone`);
  });

  it("refuses redactions it cannot make with Intercom's errors and changes nothing", async () => {
    const { id } = await started(tenant, "Keep me");
    const commented = await post(`/conversations/${id}/reply`, {
      message_type: "note",
      type: "admin",
      admin_id: teammate.id,
      body: "A note",
    });
    const closed = await post(`/conversations/${id}/parts`, {
      message_type: "close",
      type: "admin",
      admin_id: teammate.id,
    });
    const added = await attach(id, { intercom_user_id: (await person()).id });
    assert.equal(added.status, 200);
    const withParts = await get(id);
    const [note, close, participant] = withParts.conversation_parts.conversation_parts;
    assert.equal(note.id, commented.body.conversation_parts.conversation_parts[0].id);
    assert.equal(close.id, closed.body.conversation_parts.conversation_parts[0].id);
    assert.equal(close.body, null);
    assert.equal(participant.part_type, "participant_added");
    const elsewhere = await started(other, "Not yours");
    const elsewherePart = await post(
      `/conversations/${elsewhere.id}/reply`,
      { message_type: "note", type: "admin", admin_id: other.admin.id, body: "Theirs" },
      other.token,
    );
    const theirPart = elsewherePart.body.conversation_parts.conversation_parts[0].id as string;
    const another = await started();
    // Gatehouse's API starts conversations only from contacts; an admin-initiated one is made here directly.
    await gh.services.db
      .updateTable("conversations")
      .set({ source_author_type: "admin", source_author_id: String(tenant.admin.id) })
      .where("id", "=", Number(another.id))
      .execute();
    const snapshot = await get(id);
    const anotherSnapshot = await get(another.id);
    const elsewhereSnapshot = await get(elsewhere.id, other.token);

    const part = (conversation: unknown, partId: unknown) => ({
      type: "conversation_part",
      conversation_id: conversation,
      conversation_part_id: partId,
    });
    const cases: Array<[unknown, number, string]> = [
      [{ conversation_id: id, conversation_part_id: note.id }, 400, "parameter_not_found"],
      [{ type: "message", conversation_id: id, conversation_part_id: note.id }, 400, "parameter_invalid"],
      [{ type: 7, conversation_id: id, conversation_part_id: note.id }, 400, "parameter_invalid"],
      [{ type: "conversation_part", conversation_part_id: note.id }, 400, "parameter_not_found"],
      [{ type: "conversation_part", conversation_id: id }, 400, "parameter_not_found"],
      [{ type: "source", conversation_id: id, conversation_part_id: note.id }, 400, "parameter_not_found"],
      [part({ id }, note.id), 400, "parameter_invalid"],
      [part(id, [note.id]), 400, "parameter_invalid"],
      [
        part("really_123_doesnt_exist", "really_123_doesnt_exist"),
        404,
        "conversation_part_or_message_not_found",
      ],
      [part("999999999", note.id), 404, "conversation_part_or_message_not_found"],
      [part(id, "999999999"), 404, "conversation_part_or_message_not_found"],
      [part(id, -1), 404, "conversation_part_or_message_not_found"],
      [part(id, theirPart), 404, "conversation_part_or_message_not_found"],
      [part(elsewhere.id, theirPart), 404, "conversation_part_or_message_not_found"],
      [part(another.id, note.id), 404, "conversation_part_or_message_not_found"],
      [
        { type: "source", conversation_id: id, source_id: another.id },
        404,
        "conversation_part_or_message_not_found",
      ],
      [
        { type: "source", conversation_id: elsewhere.id, source_id: elsewhere.id },
        404,
        "conversation_part_or_message_not_found",
      ],
      [part(id, close.id), 400, "conversation_part_not_redactable"],
      [part(id, participant.id), 400, "conversation_part_not_redactable"],
      [
        { type: "source", conversation_id: another.id, source_id: another.id },
        400,
        "conversation_part_not_redactable",
      ],
    ];
    for (const [body, status, code] of cases) {
      const answer = await post("/conversations/redact", body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.type, "error.list");
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const missing = await post("/conversations/redact", part(id, "999999999"));
    assert.equal(missing.body.errors[0].message, "Conversation part or message not found");

    assert.deepEqual(await get(id), snapshot);
    assert.deepEqual(await get(another.id), anotherSnapshot);
    assert.deepEqual(await get(elsewhere.id, other.token), elsewhereSnapshot);
  });

  it("works with the official SDK: attach, detach and redact, read back with find", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const { id, contact: starter } = await started();
    const joiner = await person();

    const attached = (await client.conversations.attachContactAsAdmin({
      conversation_id: id,
      admin_id: String(teammate.id),
      customer: { intercom_user_id: joiner.id },
    })) as unknown as Json;
    assert.deepEqual(attached.customers, [
      { type: "user", id: starter.id },
      { type: "user", id: joiner.id },
    ]);
    const byEmail = (await client.conversations.attachContactAsAdmin({
      conversation_id: id,
      admin_id: String(teammate.id),
      customer: { email: "sdk.lead@example.com" },
    })) as unknown as Json;
    const lead = byEmail.customers.at(-1);
    assert.equal(lead.type, "lead");

    const detached = (await client.conversations.detachContactAsAdmin({
      conversation_id: id,
      contact_id: starter.id,
      admin_id: String(tenant.admin.id),
    })) as unknown as Json;
    assert.deepEqual(detached.customers, [
      { type: "user", id: joiner.id },
      { type: "lead", id: lead.id },
    ]);
    await client.conversations.detachContactAsAdmin({
      conversation_id: id,
      contact_id: lead.id,
      admin_id: String(tenant.admin.id),
    });
    await assert.rejects(
      client.conversations.detachContactAsAdmin({
        conversation_id: id,
        contact_id: joiner.id,
        admin_id: String(tenant.admin.id),
      }),
      (error: unknown) => error instanceof IntercomError && error.statusCode === 422,
    );

    const replied = await client.conversations.reply({
      conversation_id: id,
      body: { message_type: "comment", type: "user", intercom_user_id: joiner.id, body: "My secret" },
    });
    const partId = replied.conversation_parts?.conversation_parts?.[0]?.id as string;
    const redacted = await client.conversations.redactConversationPart({
      type: "conversation_part",
      conversation_id: id,
      conversation_part_id: partId,
    });
    assert.equal(redacted.id, id);
    const redactedSource = await client.conversations.redactConversationPart({
      type: "source",
      conversation_id: id,
      source_id: id,
    });
    assert.equal(redactedSource.source?.redacted, true);
    await assert.rejects(
      client.conversations.redactConversationPart({
        type: "conversation_part",
        conversation_id: "really_123_doesnt_exist",
        conversation_part_id: "really_123_doesnt_exist",
      }),
      (error: unknown) => error instanceof IntercomError && error.statusCode === 404,
    );

    const found = await client.conversations.find({ conversation_id: id });
    assert.deepEqual(
      found.contacts?.contacts?.map((c) => c.id),
      [joiner.id],
    );
    assert.deepEqual(
      found.conversation_parts?.conversation_parts?.map((p) => [p.part_type, p.author?.type, p.redacted]),
      [
        ["participant_added", "admin", false],
        ["participant_added", "admin", false],
        ["participant_removed", "admin", false],
        ["participant_removed", "admin", false],
        ["comment", "user", true],
      ],
    );
    assert.equal(found.conversation_parts?.conversation_parts?.at(-1)?.body, DELETED);
    assert.equal(found.source?.body, DELETED);
  });
});
