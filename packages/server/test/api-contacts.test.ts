import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase("contacts API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Contacts Co" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  it("creates, finds, updates and deletes a contact in Intercom's shape", async () => {
    const created = await call(tenant.token, "/contacts", {
      method: "POST",
      body: {
        email: "Jdoe@Example.com",
        name: "J Doe",
        external_id: "ext-1",
        custom_attributes: { plan: "pro", seats: 3 },
        owner_id: tenant.admin.id,
        signed_up_at: 1_700_000_000,
      },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const contact = created.body;
    assert.equal(contact.type, "contact");
    assert.match(contact.id, /^[0-9a-f]{24}$/);
    assert.equal(contact.workspace_id, tenant.workspace.id_code);
    assert.equal(contact.role, "user");
    assert.equal(contact.email, "jdoe@example.com");
    assert.equal(contact.email_domain, "example.com");
    assert.deepEqual(contact.custom_attributes, { plan: "pro", seats: 3 });
    assert.equal(contact.owner_id, tenant.admin.id);
    assert.equal(contact.signed_up_at, 1_700_000_000);
    assert.deepEqual(contact.tags, {
      type: "list",
      data: [],
      url: `/contacts/${contact.id}/tags`,
      total_count: 0,
      has_more: false,
    });
    assert.equal((await call(tenant.token, `/contacts/${contact.id}`)).body.name, "J Doe");
    const updated = await call(tenant.token, `/contacts/${contact.id}`, {
      method: "PUT",
      body: { name: "Jane Doe", role: "user" },
    });
    assert.equal(updated.body.name, "Jane Doe");
    assert.equal(updated.body.role, "user");
    assert.equal(updated.body.email, "jdoe@example.com", "fields not sent stay as they were");
    const deleted = await call(tenant.token, `/contacts/${contact.id}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id: contact.id, external_id: "ext-1", type: "contact", deleted: true });
    const gone = await call(tenant.token, `/contacts/${contact.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errors[0].code, "not_found");
  });

  it("merges custom attributes a change names into those kept, as every other record's are", async () => {
    const own = await createTenant(gh.services, { name: "Merges" });
    const made = await call(own.token, "/contacts", {
      method: "POST",
      body: { email: "merge@example.com", custom_attributes: { plan: "pro", seats: 3, region: "eu" } },
    });
    const id = made.body.id as string;
    const changed = await call(own.token, `/contacts/${id}`, {
      method: "PUT",
      body: { custom_attributes: { seats: 5, region: null, vip: true } },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const expected = { plan: "pro", seats: 5, region: null, vip: true };
    assert.deepEqual(changed.body.custom_attributes, expected, "a left-out attribute stays; null clears one");
    assert.deepEqual((await call(own.token, `/contacts/${id}`)).body.custom_attributes, expected);

    // Twenty changes at once, each naming its own attribute: every one is kept.
    const names = Array.from({ length: 20 }, (_, i) => `burst_${i}`);
    const answers = await Promise.all(
      names.map((name) =>
        call(own.token, `/contacts/${id}`, { method: "PUT", body: { custom_attributes: { [name]: 1 } } }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const held = (await call(own.token, `/contacts/${id}`)).body.custom_attributes;
    assert.deepEqual(Object.keys(held).sort(), [...Object.keys(expected), ...names].sort());
  });

  it("refuses a change that would give a user another user's email, or make a user a lead, as Intercom does", async () => {
    const own = await createTenant(gh.services, { name: "Clashes" });
    const api = (method: string, path: string, body?: unknown) =>
      call(own.token, path, { method, ...(body !== undefined && { body }) });
    const a = (await api("POST", "/contacts", { role: "user", email: "a@example.com" })).body;
    const b = (await api("POST", "/contacts", { role: "user", email: "b@example.com" })).body;
    const lead = (await api("POST", "/contacts", { role: "lead", email: "a@example.com" })).body;
    const held = async (id: string) => {
      const { role, email } = (await api("GET", `/contacts/${id}`)).body;
      return { role, email };
    };

    for (const [id, change] of [
      [b.id, { email: "a@example.com" }],
      [b.id, { email: "A@Example.COM" }],
      [lead.id, { role: "user" }],
    ] as const) {
      const refused = await api("PUT", `/contacts/${id}`, change);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.errors[0].code, "conflict");
      assert.equal(
        refused.body.errors[0].message,
        `A contact matching those details already exists with id=${a.id}`,
      );
    }
    assert.deepEqual(await held(b.id), { role: "user", email: "b@example.com" });
    assert.deepEqual(await held(lead.id), { role: "lead", email: "a@example.com" });

    // grouparoo's tests against Intercom itself: "it can't go back to being a lead".
    const demoted = await api("PUT", `/contacts/${a.id}`, { role: "lead", name: "Still a user" });
    assert.equal(demoted.status, 400, JSON.stringify(demoted.body));
    assert.deepEqual(demoted.body.errors[0], {
      code: "client_error",
      message: "Contact with user role can't be converted to a lead",
    });
    assert.deepEqual(await held(a.id), { role: "user", email: "a@example.com" });
    assert.equal((await api("GET", `/contacts/${a.id}`)).body.name, null, "nothing of the change is kept");

    // What stays allowed: a user keeping its own email, a lead taking a user's, a lead kept a lead.
    assert.equal(
      (await api("PUT", `/contacts/${a.id}`, { email: "a@example.com", role: "user" })).status,
      200,
    );
    const second = (await api("POST", "/contacts", { role: "lead", email: "second-lead@example.com" })).body;
    assert.equal(
      (await api("PUT", `/contacts/${second.id}`, { email: "a@example.com", role: "lead" })).status,
      200,
    );

    // Ten users taking one new email at once: one gets it.
    const users = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api("POST", "/contacts", { role: "user", email: `racer${i}@example.com` }),
      ),
    );
    const answers = await Promise.all(
      users.map((u) => api("PUT", `/contacts/${u.body.id}`, { email: "prize@example.com" })),
    );
    assert.deepEqual(
      answers.map((x) => x.status).sort(),
      [200, ...Array(9).fill(409)],
      JSON.stringify(answers.map((x) => x.body)),
    );
  });

  it("counts no pages of an empty list or search, as Intercom's recorded answers do (total_pages 0)", async () => {
    const empty = await createTenant(gh.services, { name: "Nobody yet" });
    const nothing = { field: "email", operator: "=", value: "nobody@example.com" };
    for (const [method, path, body] of [
      ["GET", "/contacts", undefined],
      ["POST", "/contacts/search", { query: nothing }],
      ["POST", "/conversations/search", { query: { field: "id", operator: "=", value: "1" } }],
      ["POST", "/tickets/search", { query: { field: "id", operator: "=", value: "1" } }],
    ] as const) {
      const answer = await call(empty.token, path, { method, ...(body && { body }) });
      assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.total_count, 0, path);
      assert.equal(answer.body.pages.total_pages, 0, path);
      assert.equal(answer.body.pages.page, 1, path);
      assert.equal(answer.body.pages.next, undefined, path);
    }
  });

  it("gives every lead an external_id of its own, a UUID, as Intercom's leads carry; a user has only the one it is given", async () => {
    // Every lead in api.intercom.io's recorded answers (grouparoo's fixtures) and in 2.14's examples
    // carries a UUID external_id that nobody sent.
    const own = await createTenant(gh.services, { name: "Lead ids" });
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const lead = await call(own.token, "/contacts", {
      method: "POST",
      body: { role: "lead", email: "l@example.com" },
    });
    assert.match(lead.body.external_id, UUID);
    const other = await call(own.token, "/contacts", { method: "POST", body: { role: "lead" } });
    assert.match(other.body.external_id, UUID);
    assert.notEqual(other.body.external_id, lead.body.external_id);
    const found = await call(own.token, "/contacts/search", {
      method: "POST",
      body: { query: { field: "external_id", operator: "=", value: lead.body.external_id } },
    });
    assert.deepEqual(
      found.body.data.map((c: { id: string }) => c.id),
      [lead.body.id],
      "found by it",
    );
    const user = await call(own.token, "/contacts", {
      method: "POST",
      body: { role: "user", email: "u@example.com" },
    });
    assert.equal(user.body.external_id, null);
    // A lead made a user keeps its id unless it is given one (grouparoo: "can change an external_id while
    // switching role to user").
    const signedUp = await call(own.token, `/contacts/${lead.body.id}`, {
      method: "PUT",
      body: { role: "user" },
    });
    assert.equal(signedUp.body.external_id, lead.body.external_id);
    const renamed = await call(own.token, `/contacts/${other.body.id}`, {
      method: "PUT",
      body: { role: "user", external_id: "crm-77" },
    });
    assert.equal(renamed.body.external_id, "crm-77");
  });

  it("pages through contacts with cursors", async () => {
    for (let i = 0; i < 5; i++)
      await call(tenant.token, "/contacts", { method: "POST", body: { email: `page${i}@example.com` } });
    const seen: string[] = [];
    let path = "/contacts?per_page=2";
    let pages = 0;
    for (;;) {
      const { status, body } = await call(tenant.token, path);
      assert.equal(status, 200);
      assert.equal(body.type, "list");
      assert.equal(body.total_count, 5);
      assert.equal(body.pages.total_pages, 3);
      assert.equal(body.pages.page, pages + 1);
      seen.push(...body.data.map((c: { email: string }) => c.email));
      pages++;
      if (!body.pages.next) break;
      path = `/contacts?per_page=2&starting_after=${encodeURIComponent(body.pages.next.starting_after)}`;
    }
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      [0, 1, 2, 3, 4].map((i) => `page${i}@example.com`),
    );
    const bad = await call(tenant.token, "/contacts?starting_after=not-a-cursor");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].code, "parameter_invalid");
  });

  it("tags and untags a contact", async () => {
    const contact = (
      await call(tenant.token, "/contacts", { method: "POST", body: { email: "tagged@example.com" } })
    ).body;
    const tag = (await call(tenant.token, "/tags", { method: "POST", body: { name: "VIP" } })).body;
    const applied = await call(tenant.token, `/contacts/${contact.id}/tags`, {
      method: "POST",
      body: { id: tag.id },
    });
    assert.deepEqual(applied.body, { type: "tag", id: tag.id, name: "VIP" });
    await call(tenant.token, `/contacts/${contact.id}/tags`, { method: "POST", body: { id: tag.id } });
    const listed = await call(tenant.token, `/contacts/${contact.id}/tags`);
    assert.deepEqual(listed.body.data, [{ type: "tag", id: tag.id, name: "VIP" }], "tagging twice is once");
    assert.equal((await call(tenant.token, `/contacts/${contact.id}`)).body.tags.total_count, 1);
    await call(tenant.token, `/contacts/${contact.id}/tags/${tag.id}`, { method: "DELETE" });
    assert.deepEqual((await call(tenant.token, `/contacts/${contact.id}/tags`)).body.data, []);
    const foreignTag = (await call(other.token, "/tags", { method: "POST", body: { name: "Theirs" } })).body;
    const cross = await call(tenant.token, `/contacts/${contact.id}/tags`, {
      method: "POST",
      body: { id: foreignTag.id },
    });
    assert.equal(cross.status, 404, "another workspace's tag cannot be applied");
  });

  it("a page of contacts shows each one's tags, companies and notes as its own GET does", async () => {
    const lister = await createTenant(gh.services, { name: "Related Co" });
    const post = async (path: string, body: unknown) => {
      const answer = await call(lister.token, path, { method: "POST", body });
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };
    const [busy, tagged, bare] = [
      await post("/contacts", { email: "busy@example.com" }),
      await post("/contacts", { email: "tagged@example.com" }),
      await post("/contacts", { role: "lead", name: "Bare" }),
    ];
    const tags = [await post("/tags", { name: "Zeta" }), await post("/tags", { name: "Alpha" })];
    for (const tag of tags) await post(`/contacts/${tagged.id}/tags`, { id: tag.id });
    await post(`/contacts/${busy.id}/tags`, { id: tags[1].id });
    // More companies and notes than a contact's JSON names: it shows the first ten and the true count.
    for (let i = 0; i < 12; i++) {
      const company = await post("/companies", { company_id: `related-${i}`, name: `Related ${i}` });
      await post(`/contacts/${busy.id}/companies`, { id: company.id });
      if (i < 2) await post(`/contacts/${tagged.id}/companies`, { id: company.id });
      await post(`/contacts/${busy.id}/notes`, { body: `Note ${i}`, admin_id: lister.admin.id });
    }

    const page = await call(lister.token, "/contacts?per_page=10");
    assert.equal(page.status, 200, page.text);
    assert.deepEqual(
      page.body.data.map((c: { id: string }) => c.id),
      [busy.id, tagged.id, bare.id],
    );
    for (const listed of page.body.data) {
      const own = await call(lister.token, `/contacts/${listed.id}`);
      assert.deepEqual(listed, own.body);
    }
    const [first, second, third] = page.body.data;
    assert.equal(first.companies.total_count, 12);
    assert.equal(first.companies.data.length, 10);
    assert.equal(first.companies.has_more, true);
    assert.equal(
      first.companies.data[0].id,
      (await call(lister.token, "/companies?company_id=related-0")).body.id,
    );
    assert.equal(first.notes.total_count, 12);
    assert.equal(first.notes.data.length, 10);
    assert.equal(first.notes.has_more, true);
    const noteIds = first.notes.data.map((n: { id: string }) => Number(n.id));
    assert.deepEqual(
      noteIds,
      [...noteIds].sort((a, b) => b - a),
      "the newest notes first",
    );
    assert.deepEqual(
      second.tags.data.map((t: { id: string }) => t.id),
      [tags[1].id, tags[0].id],
      "by name, as Intercom shows a contact's tags: Alpha, then Zeta",
    );
    assert.equal(second.companies.total_count, 2);
    assert.equal(second.companies.has_more, false);
    assert.equal(second.notes.total_count, 0);
    assert.deepEqual(
      [third.tags.total_count, third.companies.total_count, third.notes.total_count],
      [0, 0, 0],
    );
  });

  it("keeps contacts inside their workspace", async () => {
    const mine = (
      await call(tenant.token, "/contacts", { method: "POST", body: { email: "mine@example.com" } })
    ).body;
    assert.equal((await call(other.token, `/contacts/${mine.id}`)).status, 404);
    assert.equal(
      (await call(other.token, `/contacts/${mine.id}`, { method: "PUT", body: { name: "x" } })).status,
      404,
    );
    assert.equal((await call(other.token, `/contacts/${mine.id}`, { method: "DELETE" })).status, 404);
    assert.equal((await call(other.token, "/contacts")).body.total_count, 0);
    assert.equal((await call(tenant.token, `/contacts/${mine.id}`)).body.email, "mine@example.com");
  });

  it("refuses bad input with Intercom's codes and writes nothing", async () => {
    const before = (await call(tenant.token, "/contacts")).body.total_count;
    await call(tenant.token, "/contacts", { method: "POST", body: { external_id: "dup" } });
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, "parameter_not_found"],
      [{ email: "not-an-email" }, 400, "parameter_invalid"],
      [{ email: 42 }, 400, "parameter_invalid"],
      [{ role: "admin" }, 400, "parameter_invalid"],
      [{ email: "a@b.co", owner_id: other.admin.id }, 400, "parameter_invalid"],
      [{ email: "a@b.co", custom_attributes: { nested: { x: 1 } } }, 400, "parameter_invalid"],
      [{ email: "a@b.co", signed_up_at: "yesterday" }, 400, "parameter_invalid"],
      [{ external_id: "dup" }, 409, "conflict"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call(tenant.token, "/contacts", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal((await call(tenant.token, "/contacts")).body.total_count, before + 1);
    const badId = await call(tenant.token, "/contacts/not-an-id");
    assert.equal(badId.status, 400);
  });

  it("refuses a second user with an email or external_id already taken, naming the one that holds it", async () => {
    const dupes = await createTenant(gh.services, { name: "Duplicates Co" });
    const create = (body: unknown) => call(dupes.token, "/contacts", { method: "POST", body });
    const first = await create({ email: "taken@example.com", external_id: "taken-1" });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const refusal = (id: string, archived = false) => ({
      type: "error.list",
      code: "conflict",
      message: `${archived ? "An archived contact" : "A contact"} matching those details already exists with id=${id}`,
    });
    const refused = async (body: unknown) => {
      const answer = await create(body);
      assert.equal(answer.status, 409, JSON.stringify(body));
      return {
        type: answer.body.type,
        code: answer.body.errors[0].code,
        message: answer.body.errors[0].message,
      };
    };
    // As Intercom answers (its 2.x description's 409 examples): an integration reads the id after "id=".
    assert.deepEqual(await refused({ email: "taken@example.com" }), refusal(first.body.id));
    assert.deepEqual(await refused({ email: "TAKEN@example.com", name: "Other" }), refusal(first.body.id));
    assert.deepEqual(
      await refused({ external_id: "taken-1", email: "new@example.com" }),
      refusal(first.body.id),
    );
    // Leads may share an email (Intercom keeps one lead per visit); a user may take a lead's.
    assert.equal((await create({ role: "lead", email: "taken@example.com" })).status, 200);
    assert.equal((await create({ role: "lead", email: "taken@example.com" })).status, 200);
    assert.equal((await create({ role: "lead", email: "lead@example.com" })).status, 200);
    assert.equal((await create({ email: "lead@example.com" })).status, 200);
    // An archived contact still holds its email, and the answer says it is archived.
    const shelved = await create({ email: "shelved@example.com" });
    assert.equal(
      (await call(dupes.token, `/contacts/${shelved.body.id}/archive`, { method: "POST" })).status,
      200,
    );
    assert.deepEqual(await refused({ email: "shelved@example.com" }), refusal(shelved.body.id, true));
    // Another workspace's contacts are no conflict.
    assert.equal(
      (await call(other.token, "/contacts", { method: "POST", body: { email: "taken@example.com" } })).status,
      200,
    );

    // Twenty at once for one new email: one contact, nineteen refusals naming it.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => create({ email: "race@example.com" })),
    );
    const made = answers.filter((a) => a.status === 200);
    assert.equal(made.length, 1, JSON.stringify(answers.map((a) => a.status)));
    for (const answer of answers.filter((a) => a.status !== 200))
      assert.deepEqual(
        { status: answer.status, message: answer.body.errors[0].message },
        { status: 409, message: refusal(made[0]?.body.id).message },
      );
    const search = await call(dupes.token, "/contacts/search", {
      method: "POST",
      body: { query: { field: "email", operator: "=", value: "race@example.com" } },
    });
    assert.equal(search.body.total_count, 1);
  });

  it("works with the official intercom-client SDK: create, find, list", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.contacts.create({ email: "sdk@example.com", name: "SDK User" });
    assert.equal(created.email, "sdk@example.com");
    const found = await client.contacts.find({ contact_id: created.id as string });
    assert.equal(found.name, "SDK User");
    const emails: string[] = [];
    const pages = await client.contacts.list({ per_page: 3 });
    for await (const contact of pages) emails.push(contact.email as string);
    assert.ok(emails.includes("sdk@example.com"));
    assert.equal(new Set(emails).size, emails.length, "each contact once across pages");
  });
});
