import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { reviewScopeRequest } from "../src/platform/apps/apps.ts";
import { addMember, createAdmin } from "../src/platform/identity/admins.ts";
import { nowSeconds } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/**
 * One integration script, as a customer would write it against Intercom: the official `intercom-client`
 * SDK, given nothing but a base URL and a token, walks admins, contacts, companies, tags, conversations,
 * events, data attributes, articles, tickets and news, and reads back everything it wrote. Each step
 * builds on the state the earlier ones left.
 */

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describeEachDatabase("the official SDK, scripted end to end", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let client: IntercomClient;
  let teammateId: number;
  const startedAt = nowSeconds() - 1;
  // What the script made, for the later steps.
  type Person = { id: string; email: string };
  const people: Person[] = [];
  let companyId = "";

  before(async () => {
    gh = await startGatehouse(database);
    // Every scope the script needs, the extended ones approved as a platform reviewer would.
    const scopes = gh.services.scopes.all().map((s) => s.id);
    tenant = await createTenant(gh.services, { name: "Script Co", scopes });
    for (const scope of gh.services.scopes.ofTier("extended"))
      await reviewScopeRequest(gh.services, {
        appId: tenant.app.app.id,
        scopeId: scope.id,
        decision: "approved",
        reviewerId: tenant.admin.id,
      });
    // A second teammate, so listing and finding admins has someone other than the token's owner to show.
    const teammate = await createAdmin(gh.services, {
      email: `teammate-${tenant.workspace.id_code}@example.com`,
      name: "Tess Teammate",
      password: TENANT_PASSWORD,
      emailVerified: true,
    });
    await addMember(gh.services, tenant.workspace.id, teammate.id, "admin");
    teammateId = teammate.id;
    client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
  });

  after(() => gh.close());

  it("admins: identifies itself, lists and finds the team, goes away and reads the activity log", async () => {
    const me = await client.admins.identify();
    assert.equal(me?.id, String(tenant.admin.id));
    assert.equal(me?.email, tenant.admin.email);
    assert.equal(me?.app?.id_code, tenant.workspace.id_code);

    const team = await client.admins.list();
    assert.deepEqual(
      team.admins?.map((a) => [a?.id, a?.name]),
      [
        [String(tenant.admin.id), tenant.admin.name],
        [String(teammateId), "Tess Teammate"],
      ],
    );
    const teammate = await client.admins.find({ admin_id: teammateId });
    assert.equal(teammate?.email, `teammate-${tenant.workspace.id_code}@example.com`);
    assert.equal(teammate?.away_mode_enabled, false);

    const away = await client.admins.away({
      admin_id: teammateId,
      away_mode_enabled: true,
      away_mode_reassign: true,
    });
    assert.equal(away?.away_mode_enabled, true);
    assert.equal(away?.away_mode_reassign, true);
    const reread = await client.admins.find({ admin_id: teammateId });
    assert.equal(reread?.away_mode_enabled, true, "away mode was stored, not only echoed");

    const logs = await client.admins.listAllActivityLogs({ created_at_after: String(startedAt) });
    const awayLog = logs.activity_logs?.find((l) => l?.activity_type === "admin_away_mode_change");
    assert.ok(awayLog, JSON.stringify(logs.activity_logs?.map((l) => l?.activity_type)));
    assert.ok((awayLog.created_at ?? 0) >= startedAt);
  });

  it("data attributes: creates a contact attribute, lists it and updates its description", async () => {
    const created = await client.dataAttributes.create({
      name: "plan",
      model: "contact",
      data_type: "string",
      description: "Which plan the person is on",
    } as Parameters<typeof client.dataAttributes.create>[0]);
    assert.equal(created.full_name, "custom_attributes.plan");
    assert.equal(created.custom, true);
    const updated = await client.dataAttributes.update({
      data_attribute_id: created.id as number,
      body: { description: "The person's plan" },
    });
    assert.equal(updated.description, "The person's plan");
    const listed = await client.dataAttributes.list({ model: "contact" });
    const plan = listed.data?.find((a) => a.id === created.id);
    assert.equal(plan?.name, "plan");
    assert.equal(plan?.description, "The person's plan", "the update is what lists");
  });

  it("contacts: creates, finds, updates, pages through the list and a search", async () => {
    const plans = ["pro", "free", "pro", "pro", "free", "pro"];
    for (const [i, plan] of plans.entries()) {
      const email = `person${i}@script.example`;
      const made = await client.contacts.create({
        email,
        name: `Person ${i}`,
        custom_attributes: { plan },
      });
      assert.equal(made.email, email);
      assert.equal(made.custom_attributes?.plan, plan);
      people.push({ id: made.id as string, email });
    }
    // The first becomes Ada; she and the second (Bob) carry the later steps.
    const ada = people[0] as Person;
    const found = await client.contacts.find({ contact_id: ada.id });
    assert.equal(found.name, "Person 0");
    const updated = await client.contacts.update({
      contact_id: ada.id,
      name: "Ada Lovelace",
      external_id: "ada",
      custom_attributes: { plan: "enterprise" },
    });
    assert.equal(updated.name, "Ada Lovelace");
    const refound = await client.contacts.find({ contact_id: ada.id });
    assert.equal(refound.external_id, "ada");
    assert.equal(refound.custom_attributes?.plan, "enterprise");

    // Two to a page: the pager must follow the cursors across three pages, each contact once.
    const page = await client.contacts.list({ per_page: 2 });
    assert.equal(page.data.length, 2);
    assert.equal(page.hasNextPage(), true);
    const listed = await collect(page);
    assert.deepEqual(listed.map((c) => c.id).sort(), people.map((p) => p.id).sort());

    const search = await client.contacts.search({
      query: {
        operator: "AND",
        value: [
          { field: "email", operator: "$", value: "@script.example" },
          { field: "custom_attributes.plan", operator: "=", value: "pro" },
        ],
      },
      pagination: { per_page: 2 },
    });
    assert.equal(search.data.length, 2);
    assert.equal(search.hasNextPage(), true);
    const pros = await collect(search);
    assert.deepEqual(pros.map((c) => c.email).sort(), [
      "person2@script.example",
      "person3@script.example",
      "person5@script.example",
    ]);
  });

  it("companies: creates and updates one, finds it, lists it and attaches a contact", async () => {
    const created = await client.companies.createOrUpdate({
      company_id: "acme",
      name: "Acme",
      plan: "Growth",
      monthly_spend: 100,
    });
    assert.equal(created.company_id, "acme");
    companyId = created.id;
    const updated = await client.companies.update({
      company_id: companyId,
      body: { name: "Acme Ltd", monthly_spend: 250 },
    });
    assert.equal(updated.name, "Acme Ltd");
    const found = await client.companies.find({ company_id: companyId });
    assert.equal(found.monthly_spend, 250);
    assert.equal(found.plan?.name, "Growth");
    const retrieved = await client.companies.retrieve({ company_id: "acme" });
    assert.equal((retrieved as { id?: string }).id, companyId);
    const [ada, bob] = [people[0] as Person, people[1] as Person];
    for (const person of [ada, bob]) {
      const attached = await client.companies.attachContact({ contact_id: person.id, id: companyId });
      assert.equal(attached.id, companyId);
    }
    const members = await client.companies.listAttachedContacts({ company_id: companyId });
    assert.deepEqual(members.data?.map((c) => c.id).sort(), [ada.id, bob.id].sort());
    const ofAda = await collect(await client.contacts.listAttachedCompanies({ contact_id: ada.id }));
    assert.deepEqual(
      ofAda.map((c) => c.id),
      [companyId],
    );
    const companies = await collect(await client.companies.list({ per_page: 1 }));
    assert.deepEqual(
      companies.map((c) => [c.id, c.name, c.user_count]),
      [[companyId, "Acme Ltd", 2]],
    );
  });

  it("tags: creates, tags a company and contacts, untags, lists, finds and deletes; deletes a contact", async () => {
    const vip = await client.tags.create({ name: "VIP", companies: [{ id: companyId }] });
    assert.equal(vip.name, "VIP");
    const company = await client.companies.find({ company_id: companyId });
    assert.deepEqual(company.tags?.tags, [{ type: "tag", id: vip.id, name: "VIP" }]);
    const [ada, bob] = [people[0] as Person, people[1] as Person];
    for (const person of [ada, bob]) {
      const tagged = await client.tags.tagContact({ contact_id: person.id, id: vip.id });
      assert.equal(tagged.id, vip.id);
    }
    const untagged = await client.tags.untagContact({ contact_id: bob.id, tag_id: vip.id });
    assert.equal(untagged.id, vip.id);
    assert.deepEqual(
      (await client.contacts.listAttachedTags({ contact_id: ada.id })).data?.map((t) => t.id),
      [vip.id],
    );
    assert.deepEqual((await client.contacts.listAttachedTags({ contact_id: bob.id })).data, []);
    const byTag = await collect(
      await client.contacts.search({ query: { field: "tag_id", operator: "=", value: vip.id } }),
    );
    assert.deepEqual(
      byTag.map((c) => c.id),
      [ada.id],
    );

    const temporary = await client.tags.create({ name: "Temporary" });
    assert.deepEqual((await client.tags.list()).data?.map((t) => t.name).sort(), ["Temporary", "VIP"]);
    assert.equal((await client.tags.find({ tag_id: temporary.id })).name, "Temporary");
    await client.tags.delete({ tag_id: temporary.id });
    assert.deepEqual(
      (await client.tags.list()).data?.map((t) => t.id),
      [vip.id],
    );

    const leaving = people.pop() as Person;
    const deleted = await client.contacts.delete({ contact_id: leaving.id });
    assert.equal(deleted.id, leaving.id);
    assert.equal(deleted.deleted, true);
    const remaining = await collect(await client.contacts.list({ per_page: 2 }));
    assert.equal(remaining.length, people.length);
    assert.ok(!remaining.some((c) => c.id === leaving.id));
  });

  it("conversations: a contact writes in, the admin and the contact reply, close, reopen, search and list", async () => {
    const ada = people[0] as Person;
    const message = await client.conversations.create({
      from: { type: "user", id: ada.id },
      body: "Help, please",
    });
    assert.equal(message.type, "user_message");
    const conversationId = message.conversation_id as string;
    const opened = await client.conversations.find({ conversation_id: conversationId });
    assert.equal(opened.source?.body, "Help, please");
    assert.equal(opened.contacts?.contacts?.[0]?.id, ada.id);

    const adminId = String(tenant.admin.id);
    const answered = await client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "comment", type: "admin", admin_id: adminId, body: "On it" },
    });
    assert.equal(answered.conversation_parts?.conversation_parts?.at(-1)?.body, "On it");
    const thanked = await client.conversations.reply({
      conversation_id: conversationId,
      body: { message_type: "comment", type: "user", intercom_user_id: ada.id, body: "Thank you" },
    });
    assert.equal(thanked.conversation_parts?.conversation_parts?.at(-1)?.author?.type, "user");
    const closed = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: "close", type: "admin", admin_id: adminId, body: "Sorted" },
    });
    assert.equal(closed.state, "closed");
    const closedOnes = await collect(
      await client.conversations.search({
        query: {
          operator: "AND",
          value: [
            { field: "contact_ids", operator: "=", value: ada.id },
            { field: "state", operator: "=", value: "closed" },
          ],
        },
      }),
    );
    assert.deepEqual(
      closedOnes.map((c) => c.id),
      [conversationId],
    );
    const reopened = await client.conversations.manage({
      conversation_id: conversationId,
      body: { message_type: "open", admin_id: adminId },
    });
    assert.equal(reopened.state, "open");

    const found = await client.conversations.find({ conversation_id: conversationId });
    assert.equal(found.state, "open");
    assert.deepEqual(
      found.conversation_parts?.conversation_parts?.map((p) => [p.part_type, p.author?.type, p.body ?? null]),
      [
        ["comment", "admin", "On it"],
        ["comment", "user", "Thank you"],
        ["close", "admin", "Sorted"],
        ["open", "admin", null],
      ],
    );
    const listed = await collect(await client.conversations.list({ per_page: 1 }));
    assert.deepEqual(
      listed.map((c) => [c.id, c.state]),
      [[conversationId, "open"]],
    );
  });

  it("events: tracks events for a contact and reads them back, also as summaries", async () => {
    const ada = people[0] as Person;
    await client.events.create({
      id: ada.id,
      event_name: "ordered-item",
      created_at: nowSeconds() - 10,
      metadata: { order: "A-1" },
    });
    await client.events.create({ user_id: "ada", event_name: "ordered-item", created_at: nowSeconds() - 5 });
    await client.events.create({
      email: "person0@script.example",
      event_name: "logged-in",
      created_at: nowSeconds(),
    });
    const listed = (await client.events.list({ type: "user", intercom_user_id: ada.id })) as unknown as {
      type: string;
      events: { event_name: string; metadata?: Record<string, unknown> }[];
    };
    assert.equal(listed.type, "event.list");
    assert.deepEqual(
      listed.events.map((e) => e.event_name),
      ["logged-in", "ordered-item", "ordered-item"],
    );
    assert.deepEqual(listed.events[2]?.metadata, { order: "A-1" });
    const summary = await client.events.list({ type: "user", user_id: "ada", summary: true });
    assert.equal(summary.type, "event.summary");
    assert.deepEqual(
      summary.events?.map((e) => [e?.name, e?.count]),
      [
        ["logged-in", 1],
        ["ordered-item", 2],
      ],
    );
  });

  it("articles: creates, finds, updates, lists and searches", async () => {
    const article = await client.articles.create({
      title: "Resetting your password",
      description: "A how-to",
      body: "<p>Click the reset link.</p>",
      author_id: tenant.admin.id,
      state: "published",
    });
    assert.equal(article.state, "published");
    const found = await client.articles.find({ article_id: Number(article.id) });
    assert.equal(found.title, "Resetting your password");
    assert.equal(found.author_id, tenant.admin.id);
    assert.equal(found.statistics?.conversions, 0, "the SDK's name for it");
    const updated = await client.articles.update({
      article_id: Number(article.id),
      title: "Resetting a forgotten password",
    });
    assert.equal(updated.title, "Resetting a forgotten password");
    assert.equal((await client.articles.find({ article_id: Number(article.id) })).title, updated.title);
    const drafted = await client.articles.create({ title: "Draft notes", author_id: tenant.admin.id });
    assert.equal(drafted.state, "draft");

    const listed = await collect(await client.articles.list({ per_page: 1 }));
    assert.deepEqual(listed.map((a) => a.id).sort(), [article.id, drafted.id].sort());
    const search = await client.articles.search({ phrase: "forgotten", state: "published" });
    assert.equal(search.total_count, 1);
    assert.deepEqual(
      search.data?.articles?.map((a) => a.id),
      [article.id],
    );
  });

  it("tickets: makes a ticket type, files a ticket, replies, moves its state, finds and searches it", async () => {
    const type = await client.ticketTypes.create({
      name: "Bug report",
      description: "Something is broken",
      category: "Customer",
    });
    const typeId = type?.id as string;
    assert.equal((await client.ticketTypes.get({ ticket_type_id: typeId }))?.name, "Bug report");
    const ada = people[0] as Person;
    const ticket = await client.tickets.create({
      ticket_type_id: typeId,
      contacts: [{ id: ada.id }],
      ticket_attributes: { _default_title_: "Login fails", _default_description_: "Since Tuesday" },
      // The SDK's request type leaves out `ticket_attributes`, which the API takes.
    } as Parameters<typeof client.tickets.create>[0]);
    const ticketId = ticket?.id as string;
    assert.equal(ticket?.ticket_attributes?._default_title_, "Login fails");
    assert.equal(ticket?.ticket_state?.category, "submitted");

    const reply = await client.tickets.reply({
      ticket_id: ticketId,
      body: { message_type: "comment", type: "admin", admin_id: String(tenant.admin.id), body: "Looking" },
    });
    assert.equal(reply.body, "Looking");
    const states = await client.ticketStates.listTicketStates();
    const inProgress = states.data?.find((s) => s?.category === "in_progress");
    const moved = await client.tickets.update({
      ticket_id: ticketId,
      ticket_state_id: inProgress?.id as string,
      admin_id: tenant.admin.id,
    });
    assert.equal(moved?.ticket_state?.category, "in_progress");

    const found = await client.tickets.get({ ticket_id: ticketId });
    assert.equal(found?.ticket_state?.id, inProgress?.id);
    assert.equal(found?.contacts?.contacts?.[0]?.id, ada.id);
    assert.equal(found?.ticket_attributes?._default_description_, "Since Tuesday");
    assert.ok(
      found?.ticket_parts?.ticket_parts?.some((p) => p.part_type === "comment" && p.body === "Looking"),
      "the reply is among the ticket's parts",
    );
    const searched = await collect(
      await client.tickets.search({
        query: {
          operator: "AND",
          value: [
            { field: "ticket_type_id", operator: "=", value: typeId },
            { field: "state", operator: "=", value: "in_progress" },
          ],
        },
        pagination: { per_page: 5 },
      }),
    );
    assert.deepEqual(
      searched.map((t) => t?.id),
      [ticketId],
    );
  });

  it("news: publishes an item to a newsfeed, lists and finds it, and reads the feeds", async () => {
    const feeds = await client.news.feeds.list();
    const feed = feeds.data?.[0] as { id: string; name?: string } | undefined;
    assert.ok(feed?.id);
    const item = await client.news.items.create({
      title: "We shipped dark mode",
      body: "<p>Easy on the eyes.</p>",
      sender_id: tenant.admin.id,
      state: "live",
      labels: ["Product"],
      newsfeed_assignments: [{ newsfeed_id: Number(feed.id), published_at: nowSeconds() }],
    });
    assert.equal(item.state, "live");
    const found = await client.news.items.find({ news_item_id: Number(item.id) });
    assert.equal(found.title, "We shipped dark mode");
    assert.deepEqual(found.labels, ["Product"]);
    const listed = await client.news.items.list();
    assert.deepEqual(
      listed.data?.map((i) => (i as { id?: string }).id),
      [item.id],
    );
    assert.equal((await client.news.feeds.find({ newsfeed_id: feed.id })).name, feed.name);
    const onFeed = await client.news.feeds.listItems({ newsfeed_id: feed.id });
    assert.deepEqual(
      onFeed.data?.map((i) => (i as { id?: string }).id),
      [item.id],
    );
  });
});
