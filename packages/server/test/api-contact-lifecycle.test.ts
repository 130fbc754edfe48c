import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IntercomClient, IntercomError } from "intercom-client";
import { type ApiAnswer, type ApiInit, callApi, type Json } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase("contact lifecycle API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let counter = 0;

  const call = (path: string, init: ApiInit = {}, token = tenant.token) => callApi(gh.url, token, path, init);
  const post = (path: string, body?: unknown, token = tenant.token) =>
    call(path, { method: "POST", ...(body !== undefined && { body }) }, token);
  const sdk = (of: Tenant = tenant) =>
    new IntercomClient({ token: of.token, baseUrl: gh.url, maxRetries: 0, fetch: validatingFetch });

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Lifecycle Co" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  async function contact(body: Record<string, unknown> = {}, of: Tenant = tenant): Promise<Json> {
    counter++;
    const answer = await post(
      "/contacts",
      { role: "user", email: `person${counter}@example.com`, ...body },
      of.token,
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  const found = async (id: string, token = tenant.token) => (await call(`/contacts/${id}`, {}, token)).status;
  const listedIds = async (token = tenant.token) => {
    const ids: string[] = [];
    let path = "/contacts?per_page=150";
    for (;;) {
      const page = await call(path, {}, token);
      assert.equal(page.status, 200);
      ids.push(...page.body.data.map((c: Json) => c.id));
      const next = page.body.pages.next;
      if (!next) return { ids, total: page.body.total_count as number };
      path = `/contacts?per_page=150&starting_after=${encodeURIComponent(next.starting_after)}`;
    }
  };
  const searched = async (email: string) => {
    const answer = await post("/contacts/search", { query: { field: "email", operator: "=", value: email } });
    assert.equal(answer.status, 200);
    return answer.body.data.map((c: Json) => c.id) as string[];
  };
  const rejectsWith = (status: number) => (error: unknown) =>
    error instanceof IntercomError && error.statusCode === status;

  it("finds a user by external_id, as the SDK asks, and no lead, stranger or unknown id", async () => {
    const user = await contact({ external_id: "crm 42/é", name: "Ext User" });
    const byId = await call(`/contacts/${user.id}`);
    const byExternal = await call(`/contacts/find_by_external_id/${encodeURIComponent("crm 42/é")}`);
    assert.equal(byExternal.status, 200, JSON.stringify(byExternal.body));
    assert.deepEqual(byExternal.body, byId.body, "the contact as GET /contacts/{id} shows it");

    const shown = await sdk().contacts.showContactByExternalId({ external_id: "crm 42/é" });
    assert.equal(shown.id, user.id);
    assert.equal(shown.name, "Ext User");

    // Intercom: "this endpoint only supports users and not leads".
    await contact({ role: "lead", external_id: "lead-ext-1" });
    const lead = await call("/contacts/find_by_external_id/lead-ext-1");
    assert.equal(lead.status, 404);
    assert.equal(lead.body.errors[0].code, "not_found");
    assert.equal((await call("/contacts/find_by_external_id/nobody-has-this")).status, 404);
    await contact({ external_id: "theirs-1" }, other);
    assert.equal((await call("/contacts/find_by_external_id/theirs-1")).status, 404, "another workspace's");
    assert.equal((await call("/contacts/find_by_external_id/theirs-1", {}, other.token)).status, 200);
    await assert.rejects(
      sdk().contacts.showContactByExternalId({ external_id: "lead-ext-1" }),
      rejectsWith(404),
    );
  });

  it("archives and unarchives a contact: hidden from finds, lists and searches meanwhile", async () => {
    const person = await contact({ external_id: "archived-1", name: "Soon Archived" });
    const before = await call(`/contacts/${person.id}`);
    const listedBefore = await listedIds();
    assert.ok(listedBefore.ids.includes(person.id));

    const archived = await sdk().contacts.archive({ contact_id: person.id });
    assert.deepEqual(archived, { id: person.id, external_id: "archived-1", type: "contact", archived: true });

    assert.equal(await found(person.id), 404);
    const listed = await listedIds();
    assert.ok(!listed.ids.includes(person.id));
    assert.equal(listed.total, listedBefore.total - 1, "total_count leaves it out too");
    assert.deepEqual(await searched(person.email), []);
    assert.equal((await call("/contacts/find_by_external_id/archived-1")).status, 404);
    const update = await call(`/contacts/${person.id}`, { method: "PUT", body: { name: "Changed" } });
    assert.equal(update.status, 404, "an archived contact can't be updated either");
    assert.equal((await call(`/contacts/${person.id}/tags`)).status, 404);
    // Nor can events or replies name it, and the counts leave it out.
    const event = await post("/events", { event_name: "ghost", created_at: 1_700_000_000, id: person.id });
    assert.equal(event.status, 404);
    assert.equal(event.body.errors[0].code, "not_found");
    const started = await post("/conversations", { from: { type: "user", id: person.id }, body: "Hello?" });
    assert.equal(started.status, 404);
    const counted = async () => (await call("/counts")).body.user.count as number;
    assert.equal(await counted(), listed.total - (await call("/counts")).body.lead.count);

    // Archiving again is the same as once.
    const again = await post(`/contacts/${person.id}/archive`);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, archived);

    const unarchived = await sdk().contacts.unarchive({ contact_id: person.id });
    assert.deepEqual(unarchived, {
      id: person.id,
      external_id: "archived-1",
      type: "contact",
      archived: false,
    });
    const back = await call(`/contacts/${person.id}`);
    assert.equal(back.status, 200);
    assert.equal(back.body.name, "Soon Archived", "the failed update changed nothing");
    assert.deepEqual({ ...back.body, updated_at: 0 }, { ...before.body, updated_at: 0 });
    assert.deepEqual(await searched(person.email), [person.id]);
    assert.equal((await listedIds()).total, listedBefore.total);
    assert.equal((await call("/contacts/find_by_external_id/archived-1")).status, 200);

    // Unarchiving a contact that is not archived leaves it as it is.
    const twice = await post(`/contacts/${person.id}/unarchive`);
    assert.equal(twice.status, 200);
    assert.equal(twice.body.archived, false);
    assert.equal(await found(person.id), 200);
  });

  it("hides an archived contact from its company's contacts and user_count, and shows it again when unarchived", async () => {
    const company = await post("/companies", { company_id: "archive-co", name: "Archive Co" });
    assert.equal(company.status, 200, company.text);
    const [kept, archived] = [await contact(), await contact()];
    for (const person of [kept, archived])
      assert.equal((await post(`/contacts/${person.id}/companies`, { id: company.body.id })).status, 200);
    const shown = async () => {
      const listed = await call(`/companies/${company.body.id}/contacts`);
      assert.equal(listed.status, 200, listed.text);
      const found = await call(`/companies/${company.body.id}`);
      return {
        ids: listed.body.data.map((c: Json) => c.id),
        total: listed.body.total_count,
        userCount: found.body.user_count,
      };
    };
    assert.deepEqual(await shown(), { ids: [kept.id, archived.id], total: 2, userCount: 2 });

    assert.equal((await post(`/contacts/${archived.id}/archive`)).status, 200);
    assert.deepEqual(await shown(), { ids: [kept.id], total: 1, userCount: 1 });
    assert.equal((await post(`/contacts/${kept.id}/archive`)).status, 200);
    assert.deepEqual(await shown(), { ids: [], total: 0, userCount: 0 });
    const listedCompanies = await call("/companies?per_page=60");
    assert.ok(
      !listedCompanies.body.data.some((c: Json) => c.id === company.body.id),
      "a company whose contacts are all archived is left out of the list, as one without contacts is",
    );

    for (const person of [kept, archived])
      assert.equal((await post(`/contacts/${person.id}/unarchive`)).status, 200);
    assert.deepEqual(await shown(), { ids: [kept.id, archived.id], total: 2, userCount: 2 });
  });

  it("deletes an archived contact by id", async () => {
    const person = await contact({ external_id: "archived-then-deleted" });
    assert.equal((await post(`/contacts/${person.id}/archive`)).status, 200);
    const deleted = await call(`/contacts/${person.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body, {
      id: person.id,
      external_id: "archived-then-deleted",
      type: "contact",
      deleted: true,
    });
    assert.equal((await post(`/contacts/${person.id}/unarchive`)).status, 404, "gone for good");
  });

  it("blocks a contact: archived with it, and not to be unarchived over the API", async () => {
    const person = await contact({ external_id: "spammer-1" });
    const blocked = await sdk().contacts.blockContact({ contact_id: person.id });
    assert.deepEqual(blocked, { id: person.id, external_id: "spammer-1", type: "contact", blocked: true });

    assert.equal(await found(person.id), 404);
    assert.ok(!(await listedIds()).ids.includes(person.id));
    assert.deepEqual(await searched(person.email), []);

    const unarchive = await post(`/contacts/${person.id}/unarchive`);
    assert.equal(unarchive.status, 400);
    assert.equal(unarchive.body.errors[0].code, "bad_request");
    assert.equal(await found(person.id), 404, "still hidden");

    const again = await post(`/contacts/${person.id}/block`);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, blocked);
    // Archiving a blocked contact is no way back either.
    assert.equal((await post(`/contacts/${person.id}/archive`)).body.archived, true);
    assert.equal(await found(person.id), 404);

    // An archived contact can be blocked; it stays hidden, now for good.
    const archivedFirst = await contact();
    await post(`/contacts/${archivedFirst.id}/archive`);
    assert.equal((await post(`/contacts/${archivedFirst.id}/block`)).body.blocked, true);
    assert.equal((await post(`/contacts/${archivedFirst.id}/unarchive`)).status, 400);

    const deleted = await call(`/contacts/${person.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal((await post(`/contacts/${person.id}/block`)).status, 404);
  });

  it("refuses to archive, unarchive or block an unknown id or another workspace's contact", async () => {
    const theirs = await contact({}, other);
    const unknown = "0123456789abcdef01234567";
    for (const action of ["archive", "unarchive", "block"]) {
      for (const id of [unknown, theirs.id]) {
        const answer = await post(`/contacts/${id}/${action}`);
        assert.equal(answer.status, 404, `${action} ${id}`);
        assert.equal(answer.body.errors[0].code, "not_found");
      }
      assert.equal((await post(`/contacts/not-an-id/${action}`)).status, 400);
    }
    await assert.rejects(sdk().contacts.archive({ contact_id: theirs.id }), rejectsWith(404));
    const theirView = await call(`/contacts/${theirs.id}`, {}, other.token);
    assert.equal(theirView.status, 200, "their contact is untouched");
    assert.ok((await listedIds(other.token)).ids.includes(theirs.id));
  });

  describe("merges a lead into a user: fields filled; tags, companies, notes, conversations, tickets and events moved", () => {
    let lead: Json, user: Json, ticket: ApiAnswer;
    let merged: Awaited<ReturnType<ReturnType<typeof sdk>["contacts"]["mergeLeadInUser"]>>;
    let onLead: string, shared: string, leadCompany: string, userCompany: string;
    let conversationId: string, leadNote: string, userNote: string;
    before(async () => {
      lead = await contact({
        role: "lead",
        email: "lead-side@example.com",
        name: "Lena Lead",
        phone: "+15550001",
        external_id: "lead-ext-merge",
        custom_attributes: { plan: "trial", source: "ads" },
      });
      user = await contact({ email: "user-side@example.com", custom_attributes: { plan: "pro" } });

      const tag = async (name: string, id: string) => {
        const made = await post("/tags", { name });
        assert.equal((await post(`/contacts/${id}/tags`, { id: made.body.id })).status, 200);
        return made.body.id as string;
      };
      onLead = await tag("From lead", lead.id);
      shared = await tag("Both", lead.id);
      await tag("Both", user.id);
      const company = async (companyId: string, id: string) => {
        const made = await post("/companies", { company_id: companyId, name: companyId });
        assert.equal((await post(`/contacts/${id}/companies`, { id: made.body.id })).status, 200);
        return made.body.id as string;
      };
      leadCompany = await company("lead-co", lead.id);
      userCompany = await company("user-co", user.id);

      const started = await post("/conversations", {
        from: { type: "lead", id: lead.id },
        body: "Hi, a lead here",
      });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      conversationId = started.body.conversation_id as string;
      const type = await post("/ticket_types", { name: "Merge question" });
      ticket = await post("/tickets", { ticket_type_id: type.body.id, contacts: [{ id: lead.id }] });
      assert.equal(ticket.status, 200, JSON.stringify(ticket.body));

      const note = async (id: string, body: string) => {
        const made = await post(`/contacts/${id}/notes`, { body });
        assert.equal(made.status, 200, JSON.stringify(made.body));
        return made.body.id as string;
      };
      leadNote = await note(lead.id, "Asked about pricing");
      userNote = await note(user.id, "Long-time customer");

      const at = Math.floor(Date.now() / 1000) - 600;
      const track = (id: string, event_name: string, created_at: number) =>
        post("/events", { id, event_name, created_at });
      assert.equal((await track(lead.id, "viewed-pricing", at)).status, 202);
      assert.equal((await track(lead.id, "same-second", at + 1)).status, 202);
      assert.equal((await track(user.id, "same-second", at + 1)).status, 202);

      merged = await sdk().contacts.mergeLeadInUser({ from: lead.id, into: user.id });
    });

    it("fills the user's fields from the lead where it had none", () => {
      assert.equal(merged.id, user.id);
      assert.equal(merged.role, "user");
      assert.equal(merged.email, "user-side@example.com", "the user keeps its own email");
      assert.equal(merged.name, "Lena Lead", "and takes the lead's name where it had none");
      assert.equal(merged.phone, "+15550001");
      assert.equal(merged.external_id, "lead-ext-merge");
      assert.deepEqual(merged.custom_attributes, { plan: "pro", source: "ads" });
    });

    it("combines their tags and companies", () => {
      assert.deepEqual(
        (merged.tags?.data ?? []).map((t) => t.id).sort(),
        [onLead, shared].sort(),
        "tags combined, the shared one once",
      );
      assert.deepEqual(
        (merged.companies?.data ?? []).map((c) => c.id).sort(),
        [leadCompany, userCompany].sort(),
      );
    });

    it("gives the user the lead's notes, and answers the user as GET shows it", async () => {
      assert.equal(merged.notes?.total_count, 2);
      const notes = await call(`/contacts/${user.id}/notes`);
      assert.deepEqual(
        notes.body.data.map((n: Json) => n.id).sort(),
        [leadNote, userNote].sort(),
        "the lead's notes are the user's now",
      );
      const shown = await call(`/contacts/${user.id}`);
      assert.deepEqual(shown.body, merged, "the answer is the user as GET shows it");
    });

    it("leaves no lead: not found, listed nor searched; its external id finds the user", async () => {
      assert.equal(await found(lead.id), 404);
      assert.ok(!(await listedIds()).ids.includes(lead.id));
      assert.deepEqual(await searched("lead-side@example.com"), []);
      assert.equal((await post(`/contacts/${lead.id}/unarchive`)).status, 404);
      const byExternal = await call("/contacts/find_by_external_id/lead-ext-merge");
      assert.equal(byExternal.body.id, user.id);
    });

    it("moves the lead's conversations and tickets to the user", async () => {
      const conversation = await call(`/conversations/${conversationId}`);
      assert.deepEqual(
        conversation.body.contacts.contacts.map((c: Json) => c.id),
        [user.id],
      );
      assert.equal(conversation.body.source.author.id, user.id);
      assert.equal(conversation.body.source.author.type, "user");
      const movedTicket = await call(`/tickets/${ticket.body.id}`);
      assert.deepEqual(
        movedTicket.body.contacts.contacts.map((c: Json) => c.id),
        [user.id],
      );
    });

    it("moves the lead's events, a same-second repeat of the user's counted once", async () => {
      const events = await call(`/events?type=user&intercom_user_id=${user.id}`);
      assert.deepEqual(
        events.body.events.map((e: Json) => e.event_name).sort(),
        ["same-second", "viewed-pricing"],
        "the lead's repeat of the user's event (same name, same second) is the same event",
      );
      const summary = await call(`/events?type=user&intercom_user_id=${user.id}&summary=true`);
      assert.deepEqual(
        summary.body.events.map((e: Json) => [e.name, e.count]),
        [
          ["same-second", 1],
          ["viewed-pricing", 1],
        ],
      );
    });
  });

  it("refuses a merge of anything but a lead into a user, and changes nothing", async () => {
    const user = await contact({ name: "User One" });
    const otherUser = await contact({ name: "User Two" });
    const lead = await contact({ role: "lead", name: "Lead One" });
    const otherLead = await contact({ role: "lead", name: "Lead Two" });
    const theirLead = await contact({ role: "lead" }, other);
    const archivedLead = await contact({ role: "lead", name: "Archived Lead" });
    await post(`/contacts/${archivedLead.id}/archive`);
    const unknown = "0123456789abcdef01234567";
    const snapshot = async () =>
      Promise.all(
        [user, otherUser, lead, otherLead].map(async (c) => (await call(`/contacts/${c.id}`)).body),
      );
    const before = await snapshot();

    const refused: Array<[unknown, number, string]> = [
      [{ from: otherUser.id, into: user.id }, 400, "invalid_merge"],
      [{ from: lead.id, into: otherLead.id }, 400, "invalid_merge"],
      [{ from: user.id, into: lead.id }, 400, "invalid_merge"],
      [{ from: lead.id, into: lead.id }, 400, "invalid_merge"],
      [{ from: unknown, into: user.id }, 404, "not_found"],
      [{ from: lead.id, into: unknown }, 404, "not_found"],
      [{ from: theirLead.id, into: user.id }, 404, "not_found"],
      [{ from: archivedLead.id, into: user.id }, 404, "not_found"],
      [{ from: lead.id }, 400, "parameter_not_found"],
      [{ into: user.id }, 400, "parameter_not_found"],
      [{ from: 42, into: user.id }, 400, "parameter_invalid"],
      [{ from: lead.id, into: [user.id] }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of refused) {
      const answer = await post("/contacts/merge", body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    await assert.rejects(
      sdk().contacts.mergeLeadInUser({ from: otherUser.id, into: user.id }),
      rejectsWith(400),
    );
    assert.deepEqual(await snapshot(), before, "every contact as it was");
    assert.equal((await call(`/contacts/${theirLead.id}`, {}, other.token)).status, 200);
    assert.equal((await post(`/contacts/${archivedLead.id}/unarchive`)).status, 200, "still there, archived");
  });
});
