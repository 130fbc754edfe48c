import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient, IntercomError } from "intercom-client";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import type { AdminRow } from "../src/storage/tables/identity.ts";
import { type ApiInit, assertStampedSince, callApi, nowSeconds } from "./support/api.ts";
import { newPerson, startConversationWorld } from "./support/conversation-world.ts";
import { createTenant, describeEachDatabase, type Gatehouse, type Tenant } from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests read Intercom's JSON as it comes.
type Json = any;

const TAG_KEYS = ["type", "id", "name", "applied_at", "applied_by"];

describeEachDatabase("conversation and ticket tags API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let teammate: AdminRow;
  let counter = 0;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);
  const post = (path: string, body: unknown, token = tenant.token) =>
    call(token, path, { method: "POST", body });
  const remove = (path: string, body: unknown, token = tenant.token) =>
    call(token, path, { method: "DELETE", body });

  const person = (of: Tenant) => newPerson(gh, of, "tagged");

  async function conversation(of: Tenant = tenant): Promise<string> {
    const contact = await person(of);
    const made = await post(
      "/conversations",
      { from: { type: "user", id: contact.id }, body: "Hi" },
      of.token,
    );
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.conversation_id as string;
  }

  async function ticket(of: Tenant = tenant): Promise<string> {
    const type = await post("/ticket_types", { name: `Bug ${++counter}` }, of.token);
    assert.equal(type.status, 200, JSON.stringify(type.body));
    const contact = await person(of);
    const made = await post(
      "/tickets",
      { ticket_type_id: type.body.id, contacts: [{ id: contact.id }] },
      of.token,
    );
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.id as string;
  }

  async function newTag(name: string, of: Tenant = tenant): Promise<string> {
    const made = await post("/tags", { name: `${name} ${++counter}` }, of.token);
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.id as string;
  }

  const getConversation = async (id: string, token = tenant.token) => {
    const found = await call(token, `/conversations/${id}`);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    return found.body;
  };
  const searchByTags = async (operator: string, value: unknown) => {
    const found = await post("/conversations/search", {
      query: { field: "tag_ids", operator, value },
      pagination: { per_page: 150 },
    });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    return (found.body.conversations as Json[]).map((c) => c.id as string).sort();
  };
  const links = (table: "conversation_tags" | "ticket_tags") =>
    gh.services.db.selectFrom(table).selectAll().orderBy("tag_id").execute();
  /** Everything a refusal could have touched. */
  const snapshot = async () => ({
    conversations: await links("conversation_tags"),
    tickets: await links("ticket_tags"),
    deliveries: await gh.services.db.selectFrom("webhook_deliveries").select("id").execute(),
    tags: await gh.services.db.selectFrom("tags").selectAll().orderBy("id").execute(),
  });

  before(async () => {
    ({ gh, tenant, other, teammate } = await startConversationWorld(database, {
      workspace: "Tagging Co",
      teammate: "Tess Tagger",
    }));
  });
  after(() => gh.close());

  it("tags a conversation, answering Intercom's tag, and shows it on the conversation; twice is once", async () => {
    const id = await conversation();
    const tagId = await newTag("Billing");
    const before = nowSeconds();
    const tagged = await post(`/conversations/${id}/tags`, { id: tagId, admin_id: String(tenant.admin.id) });
    assert.equal(tagged.status, 200, JSON.stringify(tagged.body));
    assert.deepEqual(Object.keys(tagged.body), TAG_KEYS);
    assert.equal(tagged.body.type, "tag");
    assert.equal(tagged.body.id, tagId);
    assert.match(tagged.body.name, /^Billing \d+$/);
    assertStampedSince(tagged.body.applied_at, before);
    assert.deepEqual(tagged.body.applied_by, { type: "admin", id: String(tenant.admin.id) });

    const found = await getConversation(id);
    assert.deepEqual(found.tags, { type: "tag.list", tags: [tagged.body] });

    // Again, by another admin and with the ids as numbers (as the spec's examples send them): the tag
    // stays as it was put on, once.
    const stored = await links("conversation_tags");
    const again = await post(`/conversations/${id}/tags`, { id: Number(tagId), admin_id: teammate.id });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, tagged.body);
    assert.deepEqual(await links("conversation_tags"), stored);
    assert.deepEqual((await getConversation(id)).tags.tags, [tagged.body]);

    // A second tag comes after the first, put on by whoever put it on.
    const second = await newTag("Urgent");
    const other = await post(`/conversations/${id}/tags`, { id: second, admin_id: String(teammate.id) });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    assert.deepEqual(other.body.applied_by, { type: "admin", id: String(teammate.id) });
    assert.deepEqual(
      (await getConversation(id)).tags.tags.map((t: Json) => [t.id, t.applied_by.id]),
      [
        [tagId, String(tenant.admin.id)],
        [second, String(teammate.id)],
      ],
    );
  });

  it("lists each conversation with its own tags and finds conversations by tag_ids", async () => {
    const [a, b, c] = [await conversation(), await conversation(), await conversation()];
    const [red, blue, unused] = [await newTag("Red"), await newTag("Blue"), await newTag("Unused")];
    const foreign = await newTag("Foreign", other);
    const admin_id = tenant.admin.id;
    for (const [conv, tag] of [
      [a, red],
      [b, red],
      [b, blue],
    ] as const)
      assert.equal((await post(`/conversations/${conv}/tags`, { id: tag, admin_id })).status, 200);

    const listed = await call(tenant.token, "/conversations?per_page=150");
    assert.equal(listed.status, 200);
    const tagsOf = (id: string) =>
      (listed.body.conversations as Json[])
        .find((item) => item.id === id)
        .tags.tags.map((t: Json) => t.id as string);
    assert.deepEqual(tagsOf(a), [red]);
    assert.deepEqual(tagsOf(b), [red, blue]);
    assert.deepEqual(tagsOf(c), []);
    const item = (listed.body.conversations as Json[]).find((i) => i.id === a);
    assert.deepEqual(Object.keys(item.tags.tags[0]), TAG_KEYS);

    assert.deepEqual(await searchByTags("=", red), [a, b].sort());
    assert.deepEqual(await searchByTags("=", Number(blue)), [b]);
    assert.deepEqual(await searchByTags("IN", [blue, unused]), [b]);
    assert.deepEqual(await searchByTags("=", unused), []);
    assert.deepEqual(await searchByTags("=", foreign), []);
    assert.deepEqual(await searchByTags("=", "not-a-tag"), []);
    const notRed = await searchByTags("!=", red);
    assert.ok(notRed.includes(c) && !notRed.includes(a) && !notRed.includes(b));
    const neither = await searchByTags("NIN", [red, blue]);
    assert.ok(neither.includes(c) && !neither.includes(a) && !neither.includes(b));
    // Combined with another field, as Intercom's nested queries combine them.
    const both = await post("/conversations/search", {
      query: {
        operator: "AND",
        value: [
          { field: "tag_ids", operator: "=", value: red },
          { field: "tag_ids", operator: "=", value: blue },
        ],
      },
    });
    assert.deepEqual(
      (both.body.conversations as Json[]).map((x) => x.id),
      [b],
    );
    const refused = await post("/conversations/search", {
      query: { field: "tag_ids", operator: ">", value: red },
    });
    assert.equal(refused.status, 400);
  });

  it("takes a tag off a conversation, answering the application it removed", async () => {
    const id = await conversation();
    const tagId = await newTag("Temporary");
    const tagged = await post(`/conversations/${id}/tags`, { id: tagId, admin_id: teammate.id });
    assert.equal(tagged.status, 200);
    assert.deepEqual(await searchByTags("=", tagId), [id]);

    const removed = await remove(`/conversations/${id}/tags/${tagId}`, { admin_id: String(tenant.admin.id) });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(removed.body, tagged.body);
    assert.deepEqual((await getConversation(id)).tags, { type: "tag.list", tags: [] });
    assert.deepEqual(await searchByTags("=", tagId), []);
    // The tag itself stays in the workspace.
    assert.equal((await call(tenant.token, `/tags/${tagId}`)).status, 200);

    // Already off: nothing to remove, nothing removed.
    const again = await remove(`/conversations/${id}/tags/${tagId}`, { admin_id: tenant.admin.id });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body, {
      type: "tag",
      id: tagId,
      name: tagged.body.name,
      applied_at: null,
      applied_by: null,
    });
  });

  it("tags and untags a ticket, once however often", async () => {
    const id = await ticket();
    const tagId = await newTag("Escalated");
    const before = nowSeconds();
    const tagged = await post(`/tickets/${id}/tags`, { id: tagId, admin_id: String(tenant.admin.id) });
    assert.equal(tagged.status, 200, JSON.stringify(tagged.body));
    assert.deepEqual(Object.keys(tagged.body), TAG_KEYS);
    assert.equal(tagged.body.id, tagId);
    assertStampedSince(tagged.body.applied_at, before);
    assert.deepEqual(tagged.body.applied_by, { type: "admin", id: String(tenant.admin.id) });
    const rows = () =>
      gh.services.db.selectFrom("ticket_tags").selectAll().where("ticket_id", "=", Number(id)).execute();
    assert.deepEqual(
      (await rows()).map((r) => [r.tag_id, r.applied_by]),
      [[Number(tagId), tenant.admin.id]],
    );
    // Intercom 2.14's ticket shows no tags; the ticket answers as before.
    const shown = await call(tenant.token, `/tickets/${id}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.id, id);

    const stored = await rows();
    const again = await post(`/tickets/${id}/tags`, { id: Number(tagId), admin_id: teammate.id });
    assert.deepEqual(again.body, tagged.body);
    assert.deepEqual(await rows(), stored);

    const removed = await remove(`/tickets/${id}/tags/${tagId}`, { admin_id: String(teammate.id) });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(removed.body, tagged.body);
    assert.deepEqual(await rows(), []);
  });

  it("drops a tag from conversations and tickets when the tag is deleted, or the record", async () => {
    const conv = await conversation();
    const tick = await ticket();
    const tagId = await newTag("Short-lived");
    const kept = await newTag("Kept");
    for (const path of [`/conversations/${conv}/tags`, `/tickets/${tick}/tags`])
      for (const tag of [tagId, kept])
        assert.equal((await post(path, { id: tag, admin_id: tenant.admin.id })).status, 200);
    assert.equal((await call(tenant.token, `/tags/${tagId}`, { method: "DELETE" })).status, 200);
    assert.deepEqual(
      (await getConversation(conv)).tags.tags.map((t: Json) => t.id),
      [kept],
    );
    const ticketRows = await gh.services.db
      .selectFrom("ticket_tags")
      .select("tag_id")
      .where("ticket_id", "=", Number(tick))
      .execute();
    assert.deepEqual(
      ticketRows.map((r) => String(r.tag_id)),
      [kept],
    );
    assert.equal((await call(tenant.token, `/tickets/${tick}`, { method: "DELETE" })).status, 200);
    assert.deepEqual(
      await gh.services.db
        .selectFrom("ticket_tags")
        .select("tag_id")
        .where("ticket_id", "=", Number(tick))
        .execute(),
      [],
    );
  });

  it("refuses what is not the workspace's, and malformed requests, with Intercom's errors; nothing changes", async () => {
    const conv = await conversation();
    const tick = await ticket();
    const tagId = await newTag("Guarded");
    const foreignTag = await newTag("Theirs", other);
    const foreignConversation = await conversation(other);
    const foreignTicket = await ticket(other);
    const admin_id = String(tenant.admin.id);
    // One tag already on each, for the removals to have something they must not take off.
    assert.equal((await post(`/conversations/${conv}/tags`, { id: tagId, admin_id })).status, 200);
    assert.equal((await post(`/tickets/${tick}/tags`, { id: tagId, admin_id })).status, 200);
    const unknownTag = String(Number(foreignTag) + 1000);
    const before = await snapshot();

    const cases: Array<[string, string, unknown, number, string, string?]> = [
      [
        "POST",
        `/conversations/${conv}/tags`,
        { id: unknownTag, admin_id },
        404,
        "tag_not_found",
        "Tag not found",
      ],
      ["POST", `/conversations/${conv}/tags`, { id: foreignTag, admin_id }, 404, "tag_not_found"],
      [
        "POST",
        `/conversations/${foreignConversation}/tags`,
        { id: tagId, admin_id },
        404,
        "not_found",
        "Conversation not found",
      ],
      ["POST", `/conversations/${foreignConversation}/tags`, { id: foreignTag, admin_id }, 404, "not_found"],
      ["POST", "/conversations/nope/tags", { id: tagId, admin_id }, 404, "not_found"],
      ["POST", "/conversations/99999999999999999/tags", { id: tagId, admin_id }, 404, "not_found"],
      ["POST", `/conversations/${conv}/tags`, { id: tagId }, 400, "parameter_not_found"],
      ["POST", `/conversations/${conv}/tags`, { admin_id }, 400, "parameter_not_found"],
      ["POST", `/conversations/${conv}/tags`, { id: tagId, admin_id: null }, 400, "parameter_not_found"],
      ["POST", `/conversations/${conv}/tags`, { id: true, admin_id }, 400, "parameter_invalid"],
      ["POST", `/conversations/${conv}/tags`, { id: [tagId], admin_id }, 400, "parameter_invalid"],
      [
        "POST",
        `/conversations/${conv}/tags`,
        { id: tagId, admin_id: { id: admin_id } },
        400,
        "parameter_invalid",
      ],
      ["POST", `/conversations/${conv}/tags`, { id: tagId, admin_id: "me" }, 400, "parameter_invalid"],
      [
        "POST",
        `/conversations/${conv}/tags`,
        { id: tagId, admin_id: other.admin.id },
        404,
        "admin_not_found",
      ],
      ["POST", `/conversations/${conv}/tags`, { id: tagId, admin_id: "0" }, 404, "admin_not_found"],
      ["POST", `/tickets/${tick}/tags`, { id: unknownTag, admin_id }, 404, "tag_not_found", "Tag not found"],
      ["POST", `/tickets/${tick}/tags`, { id: foreignTag, admin_id }, 404, "tag_not_found"],
      [
        "POST",
        `/tickets/${foreignTicket}/tags`,
        { id: tagId, admin_id },
        404,
        "ticket_not_found",
        "Ticket not found",
      ],
      ["POST", "/tickets/abc/tags", { id: tagId, admin_id }, 404, "ticket_not_found"],
      ["POST", `/tickets/${tick}/tags`, { id: tagId }, 400, "parameter_not_found"],
      ["POST", `/tickets/${tick}/tags`, { id: 1.5, admin_id }, 400, "parameter_invalid"],
      ["POST", `/tickets/${tick}/tags`, { id: tagId, admin_id: other.admin.id }, 404, "admin_not_found"],
      [
        "DELETE",
        `/conversations/${conv}/tags/${unknownTag}`,
        { admin_id },
        404,
        "tag_not_found",
        "Tag not found",
      ],
      ["DELETE", `/conversations/${conv}/tags/${foreignTag}`, { admin_id }, 404, "tag_not_found"],
      ["DELETE", `/conversations/${foreignConversation}/tags/${tagId}`, { admin_id }, 404, "not_found"],
      ["DELETE", `/conversations/${conv}/tags/${tagId}`, {}, 400, "parameter_not_found"],
      ["DELETE", `/conversations/${conv}/tags/${tagId}`, undefined, 400, "parameter_not_found"],
      ["DELETE", `/conversations/${conv}/tags/${tagId}`, { admin_id: false }, 400, "parameter_invalid"],
      [
        "DELETE",
        `/conversations/${conv}/tags/${tagId}`,
        { admin_id: other.admin.id },
        404,
        "admin_not_found",
      ],
      ["DELETE", `/tickets/${tick}/tags/${unknownTag}`, { admin_id }, 404, "tag_not_found"],
      ["DELETE", `/tickets/${foreignTicket}/tags/${tagId}`, { admin_id }, 404, "ticket_not_found"],
      ["DELETE", `/tickets/${tick}/tags/${tagId}`, { admin_id: "x" }, 400, "parameter_invalid"],
      ["DELETE", `/tickets/${tick}/tags/${tagId}`, { admin_id: other.admin.id }, 404, "admin_not_found"],
    ];
    for (const [method, path, body, status, code, message] of cases) {
      const answer = await call(tenant.token, path, { method, ...(body !== undefined && { body }) });
      const what = `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`;
      assert.equal(answer.status, status, what);
      assert.equal(answer.body.type, "error.list", what);
      assert.equal(answer.body.errors[0].code, code, what);
      if (message) assert.equal(answer.body.errors[0].message, message, what);
    }
    // The other workspace cannot reach ours either, with its own token.
    const theirs = await post(
      `/conversations/${conv}/tags`,
      { id: foreignTag, admin_id: other.admin.id },
      other.token,
    );
    assert.equal(theirs.status, 404);
    assert.equal(theirs.body.errors[0].message, "Conversation not found");
    const theirTicket = await post(
      `/tickets/${tick}/tags`,
      { id: foreignTag, admin_id: other.admin.id },
      other.token,
    );
    assert.equal(theirTicket.body.errors[0].code, "ticket_not_found");

    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(
      (await getConversation(conv)).tags.tags.map((t: Json) => t.id),
      [tagId],
    );
  });

  it("asks for Write tags, as Intercom's tag endpoints do", async () => {
    const conv = await conversation();
    const tagId = await newTag("Scoped");
    const withoutTags = await createTenant(gh.services, {
      scopes: gh.services.scopes
        .ofTier("standard")
        .map((s) => s.id)
        .filter((s) => s !== "write_tags"),
    });
    const refused = await post(
      `/conversations/${conv}/tags`,
      { id: tagId, admin_id: tenant.admin.id },
      withoutTags.token,
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].code, "forbidden");
    assert.deepEqual((await getConversation(conv)).tags.tags, []);
  });

  it("raises conversation_part.tag.created with the conversation and tags_added, in the tagging's transaction", async () => {
    const listener = await createTenant(gh.services, { name: "Tag listener" });
    await setSubscription(gh.services, listener.app.app.id, {
      url: "https://example.invalid/hooks",
      topics: ["conversation_part.tag.created"],
    });
    const conv = await conversation(listener);
    const tick = await ticket(listener);
    const first = await newTag("Hooked", listener);
    const second = await newTag("Hooked too", listener);
    const admin_id = listener.admin.id;
    const tag = (id: string) => post(`/conversations/${conv}/tags`, { id, admin_id }, listener.token);
    const applied = (await tag(first)).body;
    await tag(first); // already on: no news
    await tag(String(Number(second) + 1000)); // refused: no news
    await post(`/tickets/${tick}/tags`, { id: first, admin_id }, listener.token); // tickets have no topic
    await remove(`/conversations/${conv}/tags/${first}`, { admin_id }, listener.token); // nor untagging
    const secondApplied = (await tag(second)).body;

    const queued = await gh.services.db
      .selectFrom("webhook_deliveries")
      .select(["topic", "item"])
      .where("app_id", "=", listener.app.app.id)
      .orderBy("id")
      .execute();
    assert.deepEqual(
      queued.map((q) => q.topic),
      ["conversation_part.tag.created", "conversation_part.tag.created"],
    );
    const [one, two] = queued.map((q) => JSON.parse(q.item) as Json);
    assert.equal(one.type, "conversation");
    assert.equal(one.id, conv);
    assert.deepEqual(one.tags, { type: "tag.list", tags: [applied] });
    assert.deepEqual(one.tags_added, { type: "tag.list", tags: [applied] });
    // By the second tagging the first tag was off again.
    assert.deepEqual(two.tags.tags, [secondApplied]);
    assert.deepEqual(two.tags_added.tags, [secondApplied]);
  });

  it("works with the official SDK: tagConversation, untagConversation, tagTicket, untagTicket", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const conv = await conversation();
    const tick = await ticket();
    const tagId = await newTag("From the SDK");
    const admin_id = String(tenant.admin.id);

    const tagged = await client.tags.tagConversation({ conversation_id: conv, id: tagId, admin_id });
    assert.equal(tagged.type, "tag");
    assert.equal(tagged.id, tagId);
    assert.deepEqual(tagged.applied_by, { type: "admin", id: admin_id });
    const found = await client.conversations.find({ conversation_id: conv });
    assert.deepEqual(
      found.tags?.tags?.map((t) => t.id),
      [tagId],
    );
    const searched = await client.conversations.search({
      query: { field: "tag_ids", operator: "=", value: tagId },
    });
    assert.deepEqual(
      searched.data.map((c) => c.id),
      [conv],
    );

    const untagged = await client.tags.untagConversation({ conversation_id: conv, tag_id: tagId, admin_id });
    assert.deepEqual(untagged, tagged);
    assert.deepEqual((await client.conversations.find({ conversation_id: conv })).tags?.tags, []);

    const onTicket = await client.tags.tagTicket({ ticket_id: tick, id: tagId, admin_id });
    assert.equal(onTicket.id, tagId);
    assert.deepEqual(onTicket.applied_by, { type: "admin", id: admin_id });
    const offTicket = await client.tags.untagTicket({ ticket_id: tick, tag_id: tagId, admin_id });
    assert.deepEqual(offTicket, onTicket);

    await assert.rejects(
      client.tags.tagConversation({ conversation_id: conv, id: "999999999", admin_id }),
      (error: unknown) =>
        error instanceof IntercomError &&
        error.statusCode === 404 &&
        (error.body as Json).errors[0].code === "tag_not_found",
    );
    await assert.rejects(
      client.tags.tagTicket({ ticket_id: "999999999", id: tagId, admin_id }),
      (error: unknown) =>
        error instanceof IntercomError &&
        error.statusCode === 404 &&
        (error.body as Json).errors[0].code === "ticket_not_found",
    );
    assert.deepEqual(
      await gh.services.db
        .selectFrom("ticket_tags")
        .selectAll()
        .where("ticket_id", "=", Number(tick))
        .execute(),
      [],
    );
  });
});
