import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { createContact } from "../src/resources/contacts/contacts.ts";
import type { ContactRow } from "../src/storage/tables/contacts.ts";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase("events API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let counter = 0;
  const now = () => Math.floor(Date.now() / 1000);

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  async function person(of: Tenant = tenant): Promise<ContactRow> {
    counter++;
    return createContact(gh.services, of.workspace.id, {
      email: `person${counter}@example.com`,
      external_id: `user-${counter}`,
    });
  }

  const listOf = async (contact: ContactRow, extra = "") =>
    call(tenant.token, `/events?type=user&intercom_user_id=${contact.id}${extra}`);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Events Co" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  it("tracks events named by id, user_id or email and lists them newest first in Intercom's shape", async () => {
    const contact = await person();
    const t = now();
    const sent = [
      { event_name: "signed-up", created_at: t - 30, id: contact.id },
      {
        event_name: "invited-friend",
        created_at: t - 20,
        user_id: contact.external_id,
        metadata: { code: "A1" },
      },
      { event_name: "upgraded", created_at: t - 10, email: contact.email?.toUpperCase() },
    ];
    for (const body of sent) {
      const answer = await call(tenant.token, "/events", { method: "POST", body });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      assert.equal(answer.text, "", "202 with an empty body");
    }
    for (const query of [
      `intercom_user_id=${contact.id}`,
      `user_id=${contact.external_id}`,
      `email=${encodeURIComponent(contact.email ?? "")}`,
    ]) {
      const list = await call(tenant.token, `/events?type=user&${query}`);
      assert.equal(list.status, 200, query);
      assert.equal(list.body.type, "event.list");
      assert.deepEqual(
        list.body.events.map((e: { event_name: string }) => e.event_name),
        ["upgraded", "invited-friend", "signed-up"],
      );
    }
    const list = await listOf(contact);
    const invited = list.body.events[1];
    assert.deepEqual(Object.keys(invited).sort(), [
      "created_at",
      "email",
      "event_name",
      "id",
      "intercom_user_id",
      "metadata",
      "type",
      "user_id",
    ]);
    assert.equal(invited.type, "event");
    assert.equal(invited.created_at, t - 20);
    assert.equal(invited.intercom_user_id, contact.id);
    assert.equal(invited.user_id, contact.external_id);
    assert.equal(invited.email, contact.email);
    assert.deepEqual(invited.metadata, { code: "A1" });
    assert.match(list.body.pages.since, /^http:\/\/127\.0\.0\.1:\d+\/events\?/);
    assert.equal(list.body.pages.next, undefined, "one page holds them all");
  });

  it("ignores a repeat of the same contact, name and second, as Intercom de-duplicates", async () => {
    const contact = await person();
    const body = { event_name: "paid", created_at: now() - 5, id: contact.id, metadata: { amount: 1 } };
    assert.equal((await call(tenant.token, "/events", { method: "POST", body })).status, 202);
    const again = await call(tenant.token, "/events", {
      method: "POST",
      body: { ...body, metadata: { amount: 2 } },
    });
    assert.equal(again.status, 202);
    const events = (await listOf(contact)).body.events;
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].metadata, { amount: 1 }, "the first one stands");
    await call(tenant.token, "/events", {
      method: "POST",
      body: { ...body, created_at: body.created_at + 1 },
    });
    assert.equal((await listOf(contact)).body.events.length, 2, "another second is another event");
  });

  it("keeps Intercom's metadata types and its first ten keys, and refuses the rest", async () => {
    const contact = await person();
    const metadata: Record<string, unknown> = {
      article: { url: "https://example.org/a.html", value: "The dude abides" },
      price: { amount: 34999, currency: "eur" },
      load: 3.67,
      contact_date: 1392036272,
      source: "desktop",
    };
    for (let i = 0; i < 7; i++) metadata[`extra${i}`] = `value ${i}`;
    const answer = await call(tenant.token, "/events", {
      method: "POST",
      body: { event_name: "rich", created_at: now(), id: contact.id, metadata },
    });
    assert.equal(answer.status, 202);
    const stored = (await listOf(contact)).body.events[0].metadata;
    assert.deepEqual(Object.keys(stored), Object.keys(metadata).slice(0, 10));
    assert.deepEqual(stored.price, { amount: 34999, currency: "eur" });
    assert.deepEqual(stored.article, metadata.article);

    const refused: Array<[string, unknown]> = [
      ["nested object", { deep: { a: { b: 1 } } }],
      ["list", { tags: ["a", "b"] }],
      ["boolean", { paid: true }],
      ["date that is text", { renewal_date: "tomorrow" }],
      ["rich link without http", { article: { url: "ftp://x", value: "x" } }],
      ["negative amount", { price: { amount: -1, currency: "eur" } }],
      ["long text", { note: "x".repeat(256) }],
      ["not an object", "plain"],
    ];
    for (const [what, bad] of refused) {
      const result = await call(tenant.token, "/events", {
        method: "POST",
        body: { event_name: `bad-${what}`, created_at: now(), id: contact.id, metadata: bad },
      });
      assert.equal(result.status, 400, what);
      assert.equal(result.body.errors[0].code, "parameter_invalid", what);
    }
    assert.equal((await listOf(contact)).body.events.length, 1, "nothing refused was stored");
  });

  it("refuses bad events and bad listings with Intercom's errors", async () => {
    const contact = await person();
    const cases: Array<[unknown, number, string]> = [
      [{ created_at: now(), id: contact.id }, 400, "parameter_not_found"],
      [{ event_name: "", created_at: now(), id: contact.id }, 400, "parameter_not_found"],
      [{ event_name: "x", id: contact.id }, 400, "parameter_not_found"],
      [{ event_name: "x", created_at: now() }, 400, "parameter_not_found"],
      [{ event_name: "x", created_at: "yesterday", id: contact.id }, 400, "parameter_invalid"],
      [{ event_name: 7, created_at: now(), id: contact.id }, 400, "parameter_invalid"],
      [{ event_name: "x", created_at: -5, id: contact.id }, 400, "parameter_invalid"],
      [{ event_name: "x", created_at: now(), id: "0123456789abcdef01234567" }, 404, "not_found"],
      [{ event_name: "x", created_at: now(), user_id: "nobody" }, 404, "not_found"],
      [{ event_name: "x", created_at: now(), email: "nobody@example.com" }, 404, "not_found"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call(tenant.token, "/events", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal((await listOf(contact)).body.events.length, 0);
    const listings: Array<[string, number, string]> = [
      [`/events?intercom_user_id=${contact.id}`, 400, "parameter_not_found"],
      [`/events?type=lead&intercom_user_id=${contact.id}`, 400, "parameter_invalid"],
      ["/events?type=user", 400, "parameter_not_found"],
      ["/events?type=user&user_id=nobody", 404, "not_found"],
      [`/events?type=user&intercom_user_id=${contact.id}&per_page=0`, 400, "parameter_invalid"],
      [`/events?type=user&intercom_user_id=${contact.id}&before=garbage`, 400, "parameter_invalid"],
    ];
    for (const [path, status, code] of listings) {
      const answer = await call(tenant.token, path);
      assert.equal(answer.status, status, path);
      assert.equal(answer.body.errors[0].code, code, path);
    }
  });

  it("pages through a contact's events with the next link, and the since link brings only newer ones", async () => {
    const contact = await person();
    const t = now() - 1000;
    for (let i = 0; i < 5; i++) {
      await call(tenant.token, "/events", {
        method: "POST",
        body: { event_name: `step-${i}`, created_at: t + i, id: contact.id },
      });
    }
    const seen: string[] = [];
    let page = await listOf(contact, "&per_page=2");
    const since = page.body.pages.since as string;
    for (;;) {
      assert.ok(page.body.events.length <= 2);
      seen.push(...page.body.events.map((e: { event_name: string }) => e.event_name));
      const next = page.body.pages.next as string | undefined;
      if (!next) break;
      const url = new URL(next);
      page = await call(tenant.token, url.pathname + url.search);
    }
    assert.deepEqual(seen, ["step-4", "step-3", "step-2", "step-1", "step-0"]);
    await call(tenant.token, "/events", {
      method: "POST",
      body: { event_name: "step-5", created_at: t + 5, id: contact.id },
    });
    const url = new URL(since);
    const newer = await call(tenant.token, url.pathname + url.search);
    assert.deepEqual(
      newer.body.events.map((e: { event_name: string }) => e.event_name),
      ["step-5"],
    );
  });

  it("lists only the last 90 days but summarises everything, with imported summaries added", async () => {
    const contact = await person();
    const old = now() - 100 * 86_400;
    await call(tenant.token, "/events", {
      method: "POST",
      body: { event_name: "placed-order", created_at: old, id: contact.id },
    });
    await call(tenant.token, "/events", {
      method: "POST",
      body: { event_name: "placed-order", created_at: now() - 60, id: contact.id },
    });
    assert.equal((await listOf(contact)).body.events.length, 1, "the old one is not listed");
    const imported = await call(tenant.token, "/events/summaries", {
      method: "POST",
      body: {
        user_id: contact.external_id,
        event_summaries: { event_name: "placed-order", count: 3, first: old - 86_400, last: old },
      },
    });
    assert.equal(imported.status, 200);
    assert.equal(imported.text, "");
    await call(tenant.token, "/events/summaries", {
      method: "POST",
      body: {
        user_id: contact.external_id,
        event_summaries: [{ event_name: "logged-in", count: 4, first: old, last: old + 10 }],
      },
    });
    const summary = await listOf(contact, "&summary=true");
    assert.equal(summary.status, 200);
    assert.equal(summary.body.type, "event.summary");
    assert.equal(summary.body.intercom_user_id, contact.id);
    assert.equal(summary.body.user_id, contact.external_id);
    assert.equal(summary.body.email, contact.email);
    const [loggedIn, placed] = summary.body.events;
    assert.deepEqual(loggedIn, {
      name: "logged-in",
      first: new Date(old * 1000).toISOString().replace("Z", "+00:00"),
      last: new Date((old + 10) * 1000).toISOString().replace("Z", "+00:00"),
      count: 4,
    });
    assert.equal(placed.name, "placed-order");
    assert.equal(placed.count, 5, "two tracked and three imported");
    assert.match(placed.first, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+00:00$/);
    assert.equal(Date.parse(placed.first) / 1000, old - 86_400);

    for (const [body, status, code] of [
      [{ event_summaries: { event_name: "x", count: 1, first: 1, last: 2 } }, 400, "parameter_not_found"],
      [{ user_id: contact.external_id }, 400, "parameter_not_found"],
      [
        { user_id: contact.external_id, event_summaries: { event_name: "x", count: 0, first: 1 } },
        400,
        "parameter_invalid",
      ],
      [
        { user_id: contact.external_id, event_summaries: { event_name: "x", first: 9, last: 2 } },
        400,
        "parameter_invalid",
      ],
      [{ user_id: "nobody", event_summaries: { event_name: "x", count: 1, first: 1 } }, 404, "not_found"],
    ] as Array<[unknown, number, string]>) {
      const answer = await call(tenant.token, "/events/summaries", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal((await listOf(contact, "&summary=true")).body.events.length, 2, "nothing refused was added");
  });

  it("keeps each workspace's contacts and events to itself", async () => {
    const mine = await person();
    await call(tenant.token, "/events", {
      method: "POST",
      body: { event_name: "private", created_at: now(), id: mine.id },
    });
    for (const body of [
      { event_name: "spoofed", created_at: now(), id: mine.id },
      { event_name: "spoofed", created_at: now(), user_id: mine.external_id },
      { event_name: "spoofed", created_at: now(), email: mine.email },
    ]) {
      assert.equal((await call(other.token, "/events", { method: "POST", body })).status, 404);
    }
    assert.equal((await call(other.token, `/events?type=user&intercom_user_id=${mine.id}`)).status, 404);
    assert.equal((await call(other.token, `/events?type=user&user_id=${mine.external_id}`)).status, 404);
    const summaries = await call(other.token, "/events/summaries", {
      method: "POST",
      body: { user_id: mine.external_id, event_summaries: { event_name: "x", count: 1, first: 1 } },
    });
    assert.equal(summaries.status, 404);
    const events = (await listOf(mine)).body.events;
    assert.deepEqual(
      events.map((e: { event_name: string }) => e.event_name),
      ["private"],
    );
  });

  it("answers the scopes: reading needs Read events, writing needs Write events", async () => {
    const contact = await person();
    const reader = await createTenant(gh.services, { scopes: ["read_events"] });
    const denied = await call(reader.token, "/events", {
      method: "POST",
      body: { event_name: "x", created_at: now(), id: contact.id },
    });
    assert.equal(denied.status, 403);
    const writer = await createTenant(gh.services, { scopes: ["write_events"] });
    assert.equal((await call(writer.token, `/events?type=user&intercom_user_id=${contact.id}`)).status, 403);
  });

  it("works with the official SDK: create, list, summaries", async () => {
    const contact = await person();
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    await client.events.create({
      user_id: contact.external_id as string,
      event_name: "sdk-event",
      created_at: now() - 5,
      metadata: { via: "sdk" },
    });
    await client.events.create({ id: contact.id, event_name: "sdk-second", created_at: now() });
    await client.events.summaries({
      user_id: contact.external_id as string,
      event_summaries: { event_name: "sdk-imported", count: 2, first: now() - 100, last: now() - 50 },
    });
    const list = (await client.events.list({
      type: "user",
      user_id: contact.external_id as string,
      per_page: 10,
    })) as unknown as { type: string; events: Array<{ event_name: string; metadata: object }> };
    assert.equal(list.type, "event.list");
    assert.deepEqual(
      list.events.map((e) => e.event_name),
      ["sdk-second", "sdk-event"],
    );
    assert.deepEqual(list.events[1]?.metadata, { via: "sdk" });
    const summary = await client.events.list({ type: "user", intercom_user_id: contact.id, summary: true });
    assert.equal(summary.type, "event.summary");
    assert.deepEqual(
      summary.events?.map((e) => [e?.name, e?.count]),
      [
        ["sdk-event", 1],
        ["sdk-imported", 2],
        ["sdk-second", 1],
      ],
    );
  });
});
