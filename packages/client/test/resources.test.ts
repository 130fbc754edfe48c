import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { reviewScopeRequest } from "../../server/src/platform/apps/apps.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "../../server/test/support/gatehouse.ts";
import { validatingFetch } from "../../server/test/support/openapi/validating-fetch.ts";
import { Client, type Contact, GatehouseApiError } from "../src/index.ts";

/**
 * The client's resource methods against a real Gatehouse: each step writes through the client and
 * reads back what it wrote, and every list is walked past its first page. Steps build on the state
 * the earlier ones left.
 */

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The error a promise rejects with (or the first page of an iterable fails with). */
async function failure(work: Promise<unknown> | AsyncIterable<unknown>): Promise<GatehouseApiError> {
  const error = await (Symbol.asyncIterator in work ? collect(work) : work).then(
    () => assert.fail("expected the call to fail"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof GatehouseApiError, String(error));
  return error;
}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);
const nowSeconds = () => Math.floor(Date.now() / 1000);

describeEachDatabase("Client resource methods against a real Gatehouse", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let client: Client;
  let adminId: string;
  /** Every request the client made, as `METHOD /path?query`. */
  const calls: string[] = [];
  /** The requests made since `mark` was taken, for one path prefix. */
  const since = (mark: number, prefix: string) => calls.slice(mark).filter((c) => c.startsWith(prefix));

  const people: Contact[] = [];
  let companyId = "";

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, {
      name: "Resources Co",
      scopes: gh.services.scopes.all().map((s) => s.id),
    });
    for (const scope of gh.services.scopes.ofTier("extended"))
      await reviewScopeRequest(gh.services, {
        appId: tenant.app.app.id,
        scopeId: scope.id,
        decision: "approved",
        reviewerId: tenant.admin.id,
      });
    adminId = String(tenant.admin.id);
    const recording: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      calls.push(`${init?.method ?? "GET"} ${url.pathname}${url.search}`);
      return validatingFetch(input, init);
    };
    client = new Client({ token: tenant.token, baseUrl: gh.url, fetch: recording });
  });
  after(() => gh.close());

  it("dataAttributes: creates a contact attribute, updates it, lists it", async () => {
    const created = await client.dataAttributes.create({
      name: "plan",
      model: "contact",
      data_type: "string",
      description: "Which plan",
    });
    assert.equal(created.full_name, "custom_attributes.plan");
    assert.equal(created.custom, true);
    const updated = await client.dataAttributes.update(created.id as number, {
      description: "The person's plan",
    });
    assert.equal(updated.description, "The person's plan");
    const listed = await client.dataAttributes.list({ model: "contact" });
    const plan = listed.data.find((a) => a.id === created.id);
    assert.equal(plan?.description, "The person's plan", "the update is what lists");
    assert.ok(listed.data.every((a) => a.model === "contact"));
    assert.ok(
      listed.data.some((a) => a.name === "email" && a.custom === false),
      "built-ins list too",
    );
  });

  it("contacts: creates, finds, updates; lists every page lazily; searches past the first page", async () => {
    const plans = ["pro", "free", "pro", "pro", "free"];
    for (const [i, plan] of plans.entries()) {
      const made = await client.contacts.create({
        email: `person${i}@resources.example`,
        name: `Person ${i}`,
        custom_attributes: { plan },
      });
      assert.equal(made.email, `person${i}@resources.example`);
      people.push(made);
    }
    const ada = people[0] as Contact;
    assert.equal((await client.contacts.find(ada.id)).name, "Person 0");
    const updated = await client.contacts.update(ada.id, { name: "Ada Lovelace", external_id: "ada" });
    assert.equal(updated.name, "Ada Lovelace");
    const refound = await client.contacts.find(ada.id);
    assert.equal(refound.external_id, "ada");
    assert.equal(refound.custom_attributes.plan, "pro", "fields not sent are kept");

    // Nothing is fetched until iteration starts, and breaking out fetches no more.
    let mark = calls.length;
    const lazy = client.contacts.list({ perPage: 2 });
    assert.equal(calls.length, mark);
    for await (const first of lazy) {
      assert.equal(first.id, ada.id);
      break;
    }
    assert.equal(since(mark, "GET /contacts").length, 1);

    mark = calls.length;
    const listed = await collect(client.contacts.list({ perPage: 2 }));
    assert.deepEqual(ids(listed), ids(people), "every contact once, oldest first");
    const pages = since(mark, "GET /contacts");
    assert.equal(pages.length, 3, pages.join("\n"));
    assert.ok(!pages[0]?.includes("starting_after") && pages[2]?.includes("starting_after="));

    mark = calls.length;
    const pros = await collect(
      client.contacts.search(
        {
          operator: "AND",
          value: [
            { field: "email", operator: "$", value: "@resources.example" },
            { field: "custom_attributes.plan", operator: "=", value: "pro" },
          ],
        },
        { perPage: 1 },
      ),
    );
    assert.deepEqual(
      ids(pros),
      [people[0], people[2], people[3]].map((p) => p?.id),
    );
    assert.equal(since(mark, "POST /contacts/search").length, 3);
  });

  it("contacts: tags and companies of a contact, and deletion", async () => {
    const [ada, bob] = people as [Contact, Contact];
    const vip = await client.tags.create("VIP");
    assert.deepEqual(await client.contacts.addTag(ada.id, vip.id), { type: "tag", id: vip.id, name: "VIP" });
    assert.deepEqual(ids((await client.contacts.listTags(ada.id)).data), [vip.id]);
    assert.deepEqual(ids((await client.contacts.find(ada.id)).tags.data), [vip.id]);
    assert.equal((await client.contacts.removeTag(ada.id, vip.id)).id, vip.id);
    assert.deepEqual((await client.contacts.listTags(ada.id)).data, []);

    const acme = await client.companies.createOrUpdate({ company_id: "acme", name: "Acme" });
    const globex = await client.companies.createOrUpdate({ company_id: "globex", name: "Globex" });
    companyId = acme.id;
    assert.equal((await client.contacts.attachCompany(bob.id, acme.id)).id, acme.id);
    await client.contacts.attachCompany(bob.id, globex.id);
    const mark = calls.length;
    assert.deepEqual(ids(await collect(client.contacts.listCompanies(bob.id, { perPage: 1 }))), [
      acme.id,
      globex.id,
    ]);
    assert.equal(since(mark, `GET /contacts/${bob.id}/companies`).length, 2);
    assert.equal((await client.contacts.find(bob.id)).companies.total_count, 2);
    assert.equal((await client.contacts.detachCompany(bob.id, globex.id)).id, globex.id);
    assert.deepEqual(ids(await collect(client.contacts.listCompanies(bob.id))), [acme.id]);

    const leaving = people.pop() as Contact;
    const deleted = await client.contacts.delete(leaving.id);
    assert.deepEqual([deleted.id, deleted.deleted], [leaving.id, true]);
    const gone = await failure(client.contacts.find(leaving.id));
    assert.deepEqual([gone.status, gone.code], [404, "not_found"]);
    assert.deepEqual(ids(await collect(client.contacts.list({ perPage: 3 }))), ids(people));
  });

  it("companies: createOrUpdate, find, findBy, update, paged list, contacts, deletion", async () => {
    const again = await client.companies.createOrUpdate({
      company_id: "acme",
      name: "Acme Ltd",
      plan: "Growth",
    });
    assert.equal(again.id, companyId, "the same company_id updates");
    // A company_id that needs encoding in a query string.
    const odd = await client.companies.createOrUpdate({ company_id: "a&b=c d/é", name: "Odd" });
    assert.equal((await client.companies.findBy({ company_id: "a&b=c d/é" })).id, odd.id);
    assert.equal((await client.companies.findBy({ name: "Odd" })).id, odd.id);

    const updated = await client.companies.update(companyId, { monthly_spend: 250, size: 12 });
    assert.equal(updated.monthly_spend, 250);
    const found = await client.companies.find(companyId);
    assert.deepEqual([found.name, found.size, found.monthly_spend], ["Acme Ltd", 12, 250]);
    assert.deepEqual(found.plan, {
      type: "plan",
      id: "id" in found.plan ? found.plan.id : undefined,
      name: "Growth",
    });

    for (const person of people) await client.companies.attachContact(companyId, person.id);
    let mark = calls.length;
    const members = await collect(client.companies.listContacts(companyId, { perPage: 2 }));
    assert.deepEqual(ids(members), ids(people));
    assert.equal(since(mark, `GET /companies/${companyId}/contacts`).length, 2);

    // As in Intercom, the list leaves out companies no contact belongs to.
    await client.companies.createOrUpdate({ company_id: "lonely", name: "Lonely" });
    const ada = people[0] as Contact;
    await client.companies.attachContact(
      (await client.companies.findBy({ company_id: "globex" })).id,
      ada.id,
    );
    await client.companies.attachContact(odd.id, ada.id);
    mark = calls.length;
    const all = await collect(client.companies.list({ perPage: 2, order: "asc" }));
    assert.deepEqual(
      all.map((c) => c.company_id),
      ["acme", "globex", "a&b=c d/é"],
    );
    assert.equal(since(mark, "POST /companies/list").length, 2);

    const detached = await client.companies.detachContact(companyId, (people[3] as Contact).id);
    assert.equal(detached.user_count, 3);
    assert.deepEqual(ids(await collect(client.companies.listContacts(companyId))), ids(people.slice(0, 3)));

    const deleted = await client.companies.delete(odd.id);
    assert.deepEqual(deleted, { id: odd.id, object: "company", deleted: true });
    assert.equal((await failure(client.companies.find(odd.id))).code, "company_not_found");
    // Path parts are encoded: this names a company, it does not climb to /contacts.
    mark = calls.length;
    assert.equal((await failure(client.companies.find("../contacts"))).code, "company_not_found");
    assert.deepEqual(calls.slice(mark), ["GET /companies/..%2Fcontacts"]);
  });

  it("tags: list, find, rename, delete; tag and untag companies and contacts", async () => {
    const [ada, bob] = people as [Contact, Contact];
    const vip = (await client.tags.list()).data.find((t) => t.name === "VIP");
    assert.ok(vip);
    const renamed = await client.tags.rename(vip.id, "Very Important");
    assert.deepEqual(renamed, { type: "tag", id: vip.id, name: "Very Important" });
    assert.equal((await client.tags.find(vip.id)).name, "Very Important");

    await client.tags.tagCompanies("Very Important", [{ company_id: "acme" }, { id: companyId }]);
    assert.deepEqual(
      (await client.companies.find(companyId)).tags.tags.map((t) => t.name),
      ["Very Important"],
    );
    await client.tags.untagCompanies("Very Important", [{ id: companyId }]);
    assert.deepEqual((await client.companies.find(companyId)).tags.tags, []);

    await client.tags.tagContacts("Very Important", [ada.id, bob.id]);
    await client.tags.untagContacts("Very Important", [bob.id]);
    assert.deepEqual(ids((await client.contacts.listTags(ada.id)).data), [vip.id]);
    assert.deepEqual((await client.contacts.listTags(bob.id)).data, []);
    const tagged = await collect(client.contacts.search({ field: "tag_id", operator: "=", value: vip.id }));
    assert.deepEqual(ids(tagged), [ada.id]);

    const temporary = await client.tags.create("Temporary");
    assert.equal(await client.tags.delete(temporary.id), undefined, "an empty answer reads as undefined");
    assert.ok(!ids((await client.tags.list()).data).includes(temporary.id));
    assert.equal((await failure(client.tags.find(temporary.id))).status, 404);
  });

  it("conversations: create, find, reply, close/open/snooze/assign, update, list and search past page one", async () => {
    const [ada, bob] = people as [Contact, Contact];
    const message = await client.conversations.create({
      from: { type: "user", id: ada.id },
      body: "Help, please",
      subject: "Login",
    });
    assert.equal(message.type, "user_message");
    const id = message.conversation_id;
    const found = await client.conversations.find(id);
    assert.deepEqual([found.source.body, found.contacts.contacts[0]?.id], ["Help, please", ada.id]);

    const answered = await client.conversations.reply(id, {
      type: "admin",
      message_type: "comment",
      admin_id: adminId,
      body: "On it",
    });
    assert.equal(answered.conversation_parts.conversation_parts.at(-1)?.body, "On it");
    const thanked = await client.conversations.reply(id, {
      type: "user",
      message_type: "comment",
      intercom_user_id: ada.id,
      body: "Thanks",
    });
    assert.equal(thanked.conversation_parts.conversation_parts.at(-1)?.author.type, "user");

    assert.equal(
      (await client.conversations.close(id, { admin_id: adminId, body: "Sorted" })).state,
      "closed",
    );
    const closed = await collect(
      client.conversations.search({ field: "state", operator: "=", value: "closed" }),
    );
    assert.deepEqual(ids(closed), [id]);
    assert.equal((await client.conversations.open(id, { admin_id: adminId })).state, "open");
    const until = nowSeconds() + 3600;
    const snoozed = await client.conversations.snooze(id, { admin_id: adminId, snoozed_until: until });
    assert.deepEqual([snoozed.state, snoozed.snoozed_until], ["snoozed", until]);
    await client.conversations.open(id, { admin_id: adminId });
    const assigned = await client.conversations.assign(id, { admin_id: adminId, assignee_id: adminId });
    assert.equal(assigned.admin_assignee_id, tenant.admin.id);

    assert.equal((await client.conversations.find(id)).read, false);
    assert.equal((await client.conversations.markRead(id)).read, true);
    await client.conversations.update(id, {
      title: "Login trouble",
      custom_attributes: { severity: "high" },
    });
    const reread = await client.conversations.find(id);
    assert.deepEqual(
      [reread.read, reread.title, reread.custom_attributes.severity],
      [true, "Login trouble", "high"],
    );
    assert.deepEqual(reread.conversation_parts.conversation_parts.map((p) => p.part_type).slice(0, 6), [
      "comment",
      "comment",
      "close",
      "open",
      "snoozed",
      "open",
    ]);

    const second = await client.conversations.create({ from: { type: "user", id: bob.id }, body: "Hi" });
    const third = await client.conversations.create({ from: { type: "user", id: ada.id }, body: "Again" });
    let mark = calls.length;
    const all = await collect(client.conversations.list({ perPage: 2 }));
    assert.deepEqual(ids(all), [id, second.conversation_id, third.conversation_id]);
    assert.equal(since(mark, "GET /conversations").length, 2);
    mark = calls.length;
    const adas = await collect(
      client.conversations.search({ field: "contact_ids", operator: "=", value: ada.id }, { perPage: 1 }),
    );
    assert.deepEqual(ids(adas), [id, third.conversation_id]);
    assert.equal(since(mark, "POST /conversations/search").length, 2);
  });

  it("events: tracks events and lists them past the first page, newest first; summaries", async () => {
    const ada = people[0] as Contact;
    const at = nowSeconds();
    assert.equal(
      await client.events.track({
        id: ada.id,
        event_name: "ordered",
        created_at: at - 20,
        metadata: { n: 1 },
      }),
      undefined,
    );
    await client.events.track({ user_id: "ada", event_name: "ordered", created_at: at - 10 });
    await client.events.track({ email: ada.email as string, event_name: "logged-in", created_at: at });
    const mark = calls.length;
    const events = await collect(client.events.list({ intercom_user_id: ada.id }, { perPage: 2 }));
    assert.deepEqual(
      events.map((e) => [e.event_name, e.created_at]),
      [
        ["logged-in", at],
        ["ordered", at - 10],
        ["ordered", at - 20],
      ],
    );
    assert.deepEqual(events[2]?.metadata, { n: 1 });
    const pages = since(mark, "GET /events");
    assert.equal(pages.length, 2);
    assert.match(pages[1] ?? "", /before=/);
    const byEmail = await collect(client.events.list({ email: ada.email as string }));
    assert.equal(byEmail.length, 3);
    const summary = await client.events.summaries({ user_id: "ada" });
    assert.deepEqual(
      summary.events.map((e) => [e.name, e.count]),
      [
        ["logged-in", 1],
        ["ordered", 2],
      ],
    );
  });

  it("tickets: types, create, find, update, reply, delete, search past the first page", async () => {
    const type = await client.ticketTypes.create({ name: "Bug report", category: "Customer" });
    assert.equal((await client.ticketTypes.find(type.id)).name, "Bug report");
    assert.ok(ids((await client.ticketTypes.list()).data).includes(type.id));

    const made = [];
    for (const [i, person] of people.slice(0, 3).entries()) {
      made.push(
        await client.tickets.create({
          ticket_type_id: type.id,
          contacts: [{ id: person.id }],
          ticket_attributes: { _default_title_: `Bug ${i}`, _default_description_: "Broken" },
        }),
      );
    }
    const ticket = made[0] as (typeof made)[number];
    assert.deepEqual(
      [ticket.ticket_attributes._default_title_, ticket.ticket_state.category],
      ["Bug 0", "submitted"],
    );
    const reply = await client.tickets.reply(ticket.id, {
      type: "admin",
      message_type: "comment",
      admin_id: adminId,
      body: "Looking",
    });
    assert.deepEqual([reply.part_type, reply.body], ["comment", "Looking"]);

    const inProgress = ticket.ticket_type.ticket_states.data.find((s) => s.category === "in_progress");
    assert.ok(inProgress);
    const moved = await client.tickets.update(ticket.id, {
      ticket_state_id: inProgress.id,
      admin_id: adminId,
      ticket_attributes: { _default_title_: "Bug zero" },
    });
    assert.equal(moved.ticket_state.id, inProgress.id);
    const found = await client.tickets.find(ticket.id);
    assert.deepEqual(
      [found.ticket_state.category, found.ticket_attributes._default_title_, found.contacts.contacts[0]?.id],
      ["in_progress", "Bug zero", people[0]?.id],
    );
    assert.ok(found.ticket_parts.ticket_parts.some((p) => p.body === "Looking"));

    const mark = calls.length;
    const ofType = await collect(
      client.tickets.search({ field: "ticket_type_id", operator: "=", value: type.id }, { perPage: 2 }),
    );
    assert.deepEqual(ids(ofType), ids(made));
    assert.equal(since(mark, "POST /tickets/search").length, 2);

    const last = made[2] as (typeof made)[number];
    assert.deepEqual(await client.tickets.delete(last.id), { id: last.id, object: "ticket", deleted: true });
    assert.equal((await failure(client.tickets.find(last.id))).code, "ticket_not_found");
  });

  it("articles: create, find, update, delete, list past the first page", async () => {
    const author = tenant.admin.id;
    const published = await client.articles.create({
      title: "Resetting your password",
      body: "<p>Click the link.</p>",
      author_id: author,
      state: "published",
    });
    assert.equal(published.state, "published");
    const drafts = [
      await client.articles.create({ title: "Draft one", author_id: author }),
      await client.articles.create({ title: "Draft two", author_id: author }),
    ];
    assert.equal(drafts[0]?.state, "draft");
    const updated = await client.articles.update(published.id, { title: "Resetting a forgotten password" });
    assert.equal(updated.title, "Resetting a forgotten password");
    const found = await client.articles.find(published.id);
    assert.deepEqual(
      [found.title, found.author_id, found.statistics.type],
      [updated.title, author, "article_statistics"],
    );

    const mark = calls.length;
    const listed = await collect(client.articles.list({ perPage: 2 }));
    assert.deepEqual(ids(listed).sort(), ids([published, ...drafts]).sort());
    assert.equal(since(mark, "GET /articles").length, 2);
    const doomed = drafts[1] as (typeof drafts)[number];
    assert.deepEqual(await client.articles.delete(doomed.id), {
      id: doomed.id,
      object: "article",
      deleted: true,
    });
    assert.equal((await failure(client.articles.find(doomed.id))).status, 404);
  });

  it("news: newsfeeds, and items created, found, updated, listed past the first page", async () => {
    let mark = calls.length;
    const feeds = await collect(client.news.newsfeeds.list({ perPage: 1 }));
    assert.deepEqual(
      feeds.map((f) => f.name),
      ["User Feed", "Visitor Feed"],
    );
    assert.equal(since(mark, "GET /news/newsfeeds").length, 2);
    const feed = feeds[0] as (typeof feeds)[number];
    assert.equal((await client.news.newsfeeds.find(feed.id)).name, "User Feed");

    const sender = tenant.admin.id;
    const items = [];
    for (const title of ["Dark mode", "Faster search", "New billing"])
      items.push(
        await client.news.items.create({
          title,
          body: `<p>${title}</p>`,
          sender_id: sender,
          state: "live",
          labels: ["Product"],
          newsfeed_assignments: [{ newsfeed_id: Number(feed.id) }],
        }),
      );
    const draft = await client.news.items.create({ title: "Coming soon", sender_id: sender });
    assert.equal(draft.state, "draft");
    const first = items[0] as (typeof items)[number];
    const found = await client.news.items.find(first.id);
    assert.deepEqual(
      [found.title, found.labels, found.newsfeed_assignments[0]?.newsfeed_id],
      ["Dark mode", ["Product"], Number(feed.id)],
    );
    const updated = await client.news.items.update(first.id, { title: "Dark mode, everywhere" });
    assert.equal((await client.news.items.find(first.id)).title, updated.title);

    mark = calls.length;
    const all = await collect(client.news.items.list({ perPage: 3 }));
    assert.deepEqual(ids(all).sort(), ids([...items, draft]).sort());
    assert.equal(since(mark, "GET /news/news_items").length, 2);
    const live = await collect(client.news.newsfeeds.items(feed.id, { perPage: 2 }));
    assert.deepEqual(ids(live).sort(), ids(items).sort(), "the draft is not on the feed");

    assert.deepEqual(await client.news.items.delete(draft.id), {
      id: draft.id,
      object: "news-item",
      deleted: true,
    });
    assert.equal((await failure(client.news.items.find(draft.id))).status, 404);
  });

  it("ipAllowlist: reads and changes the workspace's list; one that would lock the caller out is refused", async () => {
    assert.deepEqual(await client.ipAllowlist.get(), {
      type: "ip_allowlist",
      enabled: false,
      ip_allowlist: [],
    });
    const lockout = await failure(
      client.ipAllowlist.update({ enabled: true, ip_allowlist: ["203.0.113.0/24"] }),
    );
    assert.deepEqual([lockout.status, lockout.code], [422, "parameter_invalid"]);
    const list = ["127.0.0.1", "::1", "203.0.113.0/24"];
    assert.deepEqual(await client.ipAllowlist.update({ enabled: true, ip_allowlist: list }), {
      type: "ip_allowlist",
      enabled: true,
      ip_allowlist: list,
    });
    // The client's own address is on the list: its calls go on working.
    assert.equal((await client.tags.list()).type, "list");
    const off = await client.ipAllowlist.update({ enabled: false });
    assert.deepEqual([off.enabled, off.ip_allowlist], [false, list], "the list is kept while off");
  });

  it("API errors surface as GatehouseApiError with Intercom's code, from calls and from iterators", async () => {
    const invalid = await failure(client.contacts.create({ email: "x@resources.example", owner_id: 1.5 }));
    assert.deepEqual([invalid.status, invalid.code], [400, "parameter_invalid"]);
    const badQuery = await failure(
      client.contacts.search({ field: "no_such_field", operator: "=", value: "x" }, { perPage: 1 }),
    );
    assert.deepEqual([badQuery.status, badQuery.code], [400, "parameter_invalid"]);
    const noAdmin = await failure(client.conversations.open("999999", { admin_id: adminId }));
    assert.equal(noAdmin.status, 404);

    // A token without the list scope is refused on the first page.
    const narrow = await createTenant(gh.services, { scopes: ["read_tags"] });
    const limited = new Client({ token: narrow.token, baseUrl: gh.url, fetch: validatingFetch });
    const refused = await failure(limited.contacts.list());
    assert.deepEqual([refused.status, refused.code], [403, "forbidden"]);
    assert.match(refused.requestId ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual((await limited.tags.list()).data, [], "the scope it has still works");
  });
});
