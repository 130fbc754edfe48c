import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import fc from "fast-check";
import { IntercomClient } from "intercom-client";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

describeEachDatabase("contacts search", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let vip: string;

  async function search(query: unknown, pagination?: unknown) {
    const response = await gh.fetch(`${gh.url}/contacts/search`, {
      method: "POST",
      headers: { ...bearer(tenant.token), "content-type": "application/json" },
      body: JSON.stringify({ query, ...(pagination !== undefined && { pagination }) }),
    });
    return { status: response.status, body: await response.json() };
  }

  const emails = (body: { data: Array<{ email: string }> }) => body.data.map((c) => c.email).sort();

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Search Co" });
    const other = await createTenant(gh.services);
    const post = async (token: string, path: string, body: unknown) =>
      (
        await gh.fetch(gh.url + path, {
          method: "POST",
          headers: { ...bearer(token), "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json();
    const people = [
      {
        email: "ada@lovelace.dev",
        name: "Ada Lovelace",
        role: "user",
        custom_attributes: { plan: "pro", seats: 10 },
      },
      {
        email: "alan@turing.dev",
        name: "Alan Turing",
        role: "user",
        custom_attributes: { plan: "free", seats: 1 },
      },
      {
        email: "grace@hopper.dev",
        name: "Grace Hopper",
        role: "lead",
        custom_attributes: { plan: "pro", seats: 3 },
      },
      { email: "linus@kernel.org", name: "Linus", role: "user", signed_up_at: 1_600_000_000 },
    ];
    const ids: string[] = [];
    for (const person of people) ids.push((await post(tenant.token, "/contacts", person)).id);
    await post(other.token, "/contacts", { email: "ada@elsewhere.dev", name: "Ada Elsewhere" });
    const tag = await post(tenant.token, "/tags", { name: "VIP" });
    vip = tag.id;
    await post(tenant.token, `/contacts/${ids[0]}/tags`, { id: vip });
    await post(tenant.token, `/contacts/${ids[2]}/tags`, { id: vip });
  });
  after(() => gh.close());

  it("matches on standard fields with each kind of operator", async () => {
    assert.deepEqual(
      emails((await search({ field: "email", operator: "=", value: "ada@lovelace.dev" })).body),
      ["ada@lovelace.dev"],
    );
    assert.deepEqual(
      emails((await search({ field: "name", operator: "~", value: "ada" })).body),
      ["ada@lovelace.dev"],
      "contains, any case, own workspace only",
    );
    assert.deepEqual(emails((await search({ field: "email", operator: "$", value: ".dev" })).body), [
      "ada@lovelace.dev",
      "alan@turing.dev",
      "grace@hopper.dev",
    ]);
    assert.deepEqual(emails((await search({ field: "name", operator: "^", value: "Al" })).body), [
      "alan@turing.dev",
    ]);
    assert.deepEqual(emails((await search({ field: "role", operator: "IN", value: ["lead"] })).body), [
      "grace@hopper.dev",
    ]);
    assert.deepEqual(emails((await search({ field: "role", operator: "!=", value: "user" })).body), [
      "grace@hopper.dev",
    ]);
    assert.deepEqual(
      emails((await search({ field: "signed_up_at", operator: "<", value: 1_700_000_000 })).body),
      ["linus@kernel.org"],
    );
    assert.equal((await search({ field: "created_at", operator: ">", value: 0 })).body.total_count, 4);
  });

  it("matches on custom attributes, numbers as numbers", async () => {
    assert.deepEqual(
      emails((await search({ field: "custom_attributes.plan", operator: "=", value: "pro" })).body),
      ["ada@lovelace.dev", "grace@hopper.dev"],
    );
    assert.deepEqual(
      emails((await search({ field: "custom_attributes.seats", operator: ">", value: 2 })).body),
      ["ada@lovelace.dev", "grace@hopper.dev"],
    );
    assert.deepEqual(
      emails((await search({ field: "custom_attributes.seats", operator: "<=", value: 3 })).body),
      ["alan@turing.dev", "grace@hopper.dev"],
    );
  });

  it("combines filters with AND and OR, and by tag", async () => {
    const both = await search({
      operator: "AND",
      value: [
        { field: "custom_attributes.plan", operator: "=", value: "pro" },
        {
          operator: "OR",
          value: [
            { field: "role", operator: "=", value: "lead" },
            { field: "name", operator: "~", value: "turing" },
          ],
        },
      ],
    });
    assert.deepEqual(emails(both.body), ["grace@hopper.dev"]);
    assert.deepEqual(emails((await search({ field: "tag_id", operator: "=", value: vip })).body), [
      "ada@lovelace.dev",
      "grace@hopper.dev",
    ]);
    assert.deepEqual(emails((await search({ field: "tag_id", operator: "!=", value: vip })).body), [
      "alan@turing.dev",
      "linus@kernel.org",
    ]);
  });

  it("pages search results with cursors", async () => {
    const first = await search({ field: "email", operator: "~", value: "@" }, { per_page: 3 });
    assert.equal(first.body.data.length, 3);
    assert.equal(first.body.total_count, 4);
    const second = await search(
      { field: "email", operator: "~", value: "@" },
      { per_page: 3, starting_after: first.body.pages.next.starting_after },
    );
    assert.equal(second.body.data.length, 1);
    assert.equal(second.body.pages.next, undefined);
  });

  it("refuses malformed queries with parameter_invalid", async () => {
    const bad = [
      { field: "password", operator: "=", value: "x" },
      { field: "email", operator: ">", value: "x" },
      { field: "tag_id", operator: "~", value: "1" },
      { field: "created_at", operator: "!=", value: 1 },
      { field: "owner_id", operator: "=", value: "one" },
      { field: "custom_attributes.a'b", operator: "=", value: "x" },
      { operator: "AND", value: [] },
      {
        operator: "AND",
        value: [
          {
            operator: "OR",
            value: [{ operator: "AND", value: [{ field: "email", operator: "=", value: "x" }] }],
          },
        ],
      },
      { field: "email", operator: "IN", value: "not-a-list" },
    ];
    for (const query of bad) {
      const answer = await search(query);
      assert.equal(answer.status, 400, JSON.stringify(query));
      assert.equal(answer.body.errors[0].code, "parameter_invalid", JSON.stringify(query));
    }
  });

  it("ignores case in every script, as PostgreSQL's lower() does, on either database", async () => {
    const intl = await createTenant(gh.services, { name: "Intl Co" });
    const call = async (path: string, body: unknown) =>
      (
        await gh.fetch(gh.url + path, {
          method: "POST",
          headers: { ...bearer(intl.token), "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json();
    for (const [email, name] of [
      ["emile@zola.fr", "Émile Zola"],
      ["omega@example.gr", "ΩΜΈΓΑ Σοφία"],
      ["ivan@example.ru", "Иван Петров"],
    ])
      await call("/contacts", { email, name });
    const found = async (operator: string, value: string) =>
      emails(await call("/contacts/search", { query: { field: "name", operator, value } }));
    assert.deepEqual(await found("~", "Émile"), ["emile@zola.fr"], "the name as written");
    assert.deepEqual(await found("~", "émile"), ["emile@zola.fr"]);
    assert.deepEqual(await found("^", "ωμέγα"), ["omega@example.gr"]);
    assert.deepEqual(await found("$", "ΣΟΦΊΑ"), ["omega@example.gr"]);
    assert.deepEqual(await found("~", "ИВАН"), ["ivan@example.ru"]);
    assert.deepEqual(await found("!~", "иван"), ["emile@zola.fr", "omega@example.gr"]);
  });

  it("treats LIKE wildcards in values as plain characters", async () => {
    assert.equal((await search({ field: "email", operator: "~", value: "%" })).body.total_count, 0);
    assert.equal((await search({ field: "email", operator: "~", value: "_" })).body.total_count, 0);
  });

  it("answers any query tree with results or parameter_invalid, never a server error", async () => {
    const field = fc.constantFrom(
      "email",
      "name",
      "role",
      "owner_id",
      "created_at",
      "signed_up_at",
      "tag_id",
      "unsubscribed_from_emails",
      "custom_attributes.plan",
      "custom_attributes.seats",
      "custom_attributes.x y",
      "nope",
    );
    const operator = fc.constantFrom(
      "=",
      "!=",
      "IN",
      "NIN",
      "<",
      ">",
      "<=",
      ">=",
      "~",
      "!~",
      "^",
      "$",
      "AND",
      "OR",
      "LIKE",
    );
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
    );
    const { query } = fc.letrec((tie) => ({
      query: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.record({ field, operator, value }),
        fc.record({
          operator: fc.constantFrom("AND", "OR"),
          value: fc.array(tie("query"), { maxLength: 3 }),
        }),
        fc.jsonValue({ maxDepth: 3 }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const { status, body } = await search(q);
        assert.ok(
          status === 200 || status === 400,
          `${status} for ${JSON.stringify(q)}: ${JSON.stringify(body)}`,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("works through the official SDK's contacts.search", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const found = await client.contacts.search({
      query: { field: "custom_attributes.plan", operator: "=", value: "free" },
    });
    const all: string[] = [];
    for await (const contact of found) all.push(contact.email as string);
    assert.deepEqual(all, ["alan@turing.dev"]);
  });
});
