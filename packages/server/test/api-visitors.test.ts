import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { createVisitor } from "../src/resources/visitors.ts";
import { type ApiInit, callApi, type Json } from "./support/api.ts";
import { cliOf } from "./support/cli.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/** Visitors: found by user_id, updated, and converted into leads or users; never among the contacts. */
describeEachDatabase("visitors API and the visitor command", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (t: Tenant, path: string, init: ApiInit = {}) => callApi(gh.url, t.token, path, init);
  const find = (t: Tenant, userId: string) => call(t, `/visitors?user_id=${encodeURIComponent(userId)}`);
  const convert = (t: Tenant, body: unknown) => call(t, "/visitors/convert", { method: "POST", body });

  async function contact(t: Tenant, body: Json): Promise<Json> {
    const answer = await call(t, "/contacts", { method: "POST", body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  async function contactCount(t: Tenant): Promise<number> {
    return (await call(t, "/contacts")).body.total_count;
  }

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    tenant = await createTenant(gh.services);
    other = await createTenant(gh.services);
  });
  after(() => gh.close());

  it("makes a visitor from the command line; the API finds it by user_id in Intercom's shape", async () => {
    const made = await cliOf(gh)(
      "visitor",
      "create",
      "--workspace",
      tenant.workspace.id_code,
      "--name",
      "Gareth",
      "--json",
    );
    assert.equal(made.code, 0, made.stderr);
    const printed = JSON.parse(made.stdout);
    assert.match(printed.id, /^[0-9a-f]{24}$/);
    assert.match(printed.user_id, /^[0-9a-f-]{36}$/);

    const found = await find(tenant, printed.user_id);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const visitor = found.body;
    assert.deepEqual(Object.keys(visitor), [
      "type",
      "id",
      "user_id",
      "anonymous",
      "email",
      "phone",
      "name",
      "pseudonym",
      "avatar",
      "app_id",
      "companies",
      "location_data",
      "last_request_at",
      "created_at",
      "remote_created_at",
      "signed_up_at",
      "updated_at",
      "session_count",
      "social_profiles",
      "owner_id",
      "unsubscribed_from_emails",
      "marked_email_as_spam",
      "has_hard_bounced",
      "tags",
      "segments",
      "custom_attributes",
      "referrer",
      "utm_campaign",
      "utm_content",
      "utm_medium",
      "utm_source",
      "utm_term",
      "do_not_track",
    ]);
    assert.equal(visitor.type, "visitor");
    assert.equal(visitor.id, printed.id);
    assert.equal(visitor.name, "Gareth");
    assert.equal(visitor.email, "");
    assert.equal(visitor.anonymous, true);
    assert.equal(visitor.pseudonym, printed.pseudonym);
    assert.match(visitor.pseudonym, /^[A-Z][a-z]+ [A-Z][a-z]+$/);
    assert.equal(visitor.app_id, tenant.workspace.id_code);
    assert.deepEqual(visitor.tags, { type: "tag.list", tags: [] });
    assert.deepEqual(visitor.companies, { type: "company.list", companies: [] });
    assert.ok(Number.isInteger(visitor.created_at) && visitor.created_at > 1_600_000_000);

    for (const [t, userId] of [
      [tenant, "no-such-visitor"],
      [other, printed.user_id],
    ] as const) {
      const missing = await find(t, userId);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body.errors[0], { code: "not_found", message: "Visitor Not Found" });
    }
    assert.equal((await call(tenant, "/visitors")).status, 400, "user_id is required");
  });

  it("keeps visitors out of the contacts: not found, listed, searched or counted", async () => {
    const before = await contactCount(tenant);
    const visitor = await createVisitor(gh.services, tenant.workspace.id, { email: "hidden@visit.test" });
    assert.equal(await contactCount(tenant), before);
    assert.equal((await call(tenant, `/contacts/${visitor.id}`)).status, 404);
    const search = await call(tenant, "/contacts/search", {
      method: "POST",
      body: { query: { field: "email", operator: "=", value: "hidden@visit.test" } },
    });
    assert.equal(search.status, 200);
    assert.equal(search.body.total_count, 0);
    const counts = await call(tenant, "/counts");
    assert.equal(counts.status, 200);
    assert.equal(counts.body.user.count + counts.body.lead.count, before);
  });

  it("updates a visitor named by id or user_id, merging custom attributes", async () => {
    const visitor = await createVisitor(gh.services, tenant.workspace.id, {
      customAttributes: { plan: "free", seats: 1 },
    });
    const byId = await call(tenant, "/visitors", {
      method: "PUT",
      body: { id: visitor.id, name: "Christian Bale" },
    });
    assert.equal(byId.status, 200, JSON.stringify(byId.body));
    assert.equal(byId.body.name, "Christian Bale");
    const byUserId = await call(tenant, "/visitors", {
      method: "PUT",
      body: { user_id: visitor.user_id, custom_attributes: { seats: 9, paid: true } },
    });
    assert.deepEqual(byUserId.body.custom_attributes, { plan: "free", seats: 9, paid: true });
    assert.equal(byUserId.body.name, "Christian Bale", "a field left out stays");
    assert.deepEqual(
      (await find(tenant, visitor.user_id)).body.custom_attributes,
      byUserId.body.custom_attributes,
    );

    const cases: Array<[Json, number, string]> = [
      [{ user_id: "fail", name: "Christian Fail" }, 404, "not_found"],
      [{ id: visitor.id, custom_attributes: { nested: { no: 1 } } }, 400, "parameter_invalid"],
      [{ id: visitor.id, custom_attributes: "text" }, 400, "parameter_invalid"],
      [{ name: "Nobody named" }, 400, "parameter_not_found"],
      [{ id: visitor.id, name: 7 }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call(tenant, "/visitors", { method: "PUT", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const foreign = await call(other, "/visitors", {
      method: "PUT",
      body: { id: visitor.id, name: "Theirs" },
    });
    assert.equal(foreign.status, 404);
    assert.equal((await find(tenant, visitor.user_id)).body.name, "Christian Bale");
  });

  it("converts a visitor into a new user under its own id, and the visitor is gone", async () => {
    const before = await contactCount(tenant);
    const visitor = await createVisitor(gh.services, tenant.workspace.id, {
      name: "Winston",
      phone: "+44 20 7946 0000",
      customAttributes: { source: "pricing page" },
    });
    const converted = await convert(tenant, {
      type: "user",
      user: { user_id: "winston-1", email: "Winston@Truth.org" },
      visitor: { user_id: visitor.user_id },
    });
    assert.equal(converted.status, 200, JSON.stringify(converted.body));
    const user = converted.body;
    assert.equal(user.type, "contact");
    assert.equal(user.id, visitor.id, "the visitor's id is the contact's");
    assert.equal(user.role, "user");
    assert.equal(user.external_id, "winston-1");
    assert.equal(user.email, "winston@truth.org");
    assert.equal(user.name, "Winston");
    assert.equal(user.phone, "+44 20 7946 0000");
    assert.deepEqual(user.custom_attributes, { source: "pricing page" });
    assert.equal(user.workspace_id, tenant.workspace.id_code);
    assert.equal((await find(tenant, visitor.user_id)).status, 404);
    assert.equal(await contactCount(tenant), before + 1);
    assert.deepEqual((await call(tenant, `/contacts/${visitor.id}`)).body.external_id, "winston-1");
    const again = await convert(tenant, {
      type: "user",
      user: { user_id: "winston-2" },
      visitor: { user_id: visitor.user_id },
    });
    assert.equal(again.status, 404);
  });

  it("merges a visitor into the user that exists: the user keeps its values and takes the visitor's where it has none", async () => {
    const existing = await contact(tenant, {
      external_id: "julia-1",
      email: "julia@truth.org",
      custom_attributes: { plan: "pro" },
    });
    const before = await contactCount(tenant);
    const visitor = await createVisitor(gh.services, tenant.workspace.id, {
      name: "Julia",
      email: "julia.visitor@truth.org",
      customAttributes: { plan: "free", source: "ad" },
    });
    for (const user of [{ user_id: "julia-1" }, { id: existing.id }, { email: "julia@truth.org" }]) {
      const visiting = await createVisitor(gh.services, tenant.workspace.id, { phone: "555-0100" });
      const merged = await convert(tenant, { type: "user", user, visitor: { id: visiting.id } });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.equal(merged.body.id, existing.id, JSON.stringify(user));
    }
    const merged = await convert(tenant, {
      type: "user",
      user: { user_id: "julia-1" },
      visitor: { email: "julia.visitor@truth.org" },
    });
    assert.equal(merged.body.id, existing.id);
    assert.equal(merged.body.email, "julia@truth.org", "the user's own email stays");
    assert.equal(merged.body.name, "Julia");
    assert.equal(merged.body.phone, "555-0100");
    assert.deepEqual(merged.body.custom_attributes, { plan: "pro", source: "ad" });
    assert.equal(await contactCount(tenant), before, "no new contact");
    assert.equal((await find(tenant, visitor.user_id)).status, 404);
  });

  it("converts a visitor into a lead, which no user's email absorbs", async () => {
    await contact(tenant, { email: "shared@lead.test" });
    const visitor = await createVisitor(gh.services, tenant.workspace.id, { name: "Leady" });
    const lead = await convert(tenant, {
      type: "lead",
      user: { email: "shared@lead.test" },
      visitor: { id: visitor.id },
    });
    assert.equal(lead.status, 200, JSON.stringify(lead.body));
    assert.equal(lead.body.role, "lead");
    assert.equal(lead.body.id, visitor.id);
    assert.equal(lead.body.email, "shared@lead.test");
    assert.equal(lead.body.name, "Leady");
    assert.equal(lead.body.external_id, visitor.user_id, "a lead keeps the visitor's own UUID");
  });

  it("refuses conversions it cannot make, and changes nothing", async () => {
    const visitor = await createVisitor(gh.services, tenant.workspace.id, {});
    const archived = await contact(tenant, { external_id: "archived-1", email: "gone@archive.test" });
    assert.equal((await call(tenant, `/contacts/${archived.id}/archive`, { method: "POST" })).status, 200);
    const before = await contactCount(tenant);
    const cases: Array<[Json, number, string]> = [
      [{ type: "visitor", user: { user_id: "x" }, visitor: { id: visitor.id } }, 400, "parameter_invalid"],
      [{ type: "user", visitor: { id: visitor.id } }, 400, "parameter_not_found"],
      [{ type: "user", user: {}, visitor: { id: visitor.id } }, 400, "parameter_not_found"],
      [{ type: "user", user: { user_id: "x" } }, 400, "parameter_not_found"],
      [{ type: "user", user: { user_id: "x" }, visitor: {} }, 400, "parameter_not_found"],
      [{ type: "user", user: { user_id: "x" }, visitor: { user_id: "nobody" } }, 404, "not_found"],
      [
        { type: "user", user: { id: "0123456789abcdef01234567" }, visitor: { id: visitor.id } },
        404,
        "not_found",
      ],
      [
        { type: "user", user: { email: "not an email" }, visitor: { id: visitor.id } },
        400,
        "parameter_invalid",
      ],
      [{ type: "user", user: { user_id: "archived-1" }, visitor: { id: visitor.id } }, 409, "conflict"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await convert(tenant, body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal(
      (await convert(other, { type: "user", user: { user_id: "y" }, visitor: { id: visitor.id } })).status,
      404,
    );
    assert.equal(await contactCount(tenant), before);
    assert.equal((await find(tenant, visitor.user_id)).status, 200, "the visitor is still there");
  });

  it("reads with the scopes that read one contact and writes with those that write contacts", async () => {
    const visitor = await createVisitor(gh.services, tenant.workspace.id, {});
    const single = await createTenant(gh.services, { scopes: ["read_single_user_company"] });
    const own = await createVisitor(gh.services, single.workspace.id, {});
    assert.equal((await find(single, own.user_id)).status, 200);
    const refused = await call(single, "/visitors", { method: "PUT", body: { id: own.id, name: "No" } });
    assert.equal(refused.status, 403);
    assert.equal(
      (await convert(single, { type: "user", user: { user_id: "n" }, visitor: { id: own.id } })).status,
      403,
    );
    const writer = await createTenant(gh.services, { scopes: ["write_users_companies"] });
    const theirs = await createVisitor(gh.services, writer.workspace.id, {});
    assert.equal((await find(writer, theirs.user_id)).status, 403);
    assert.equal(
      (await call(writer, "/visitors", { method: "PUT", body: { id: theirs.id, name: "Yes" } })).status,
      200,
    );
    assert.equal((await find(tenant, visitor.user_id)).status, 200);
  });

  it("works with the official SDK", async () => {
    const t = await createTenant(gh.services);
    const visitor = await createVisitor(gh.services, t.workspace.id, {});
    const client = new IntercomClient({ token: t.token, baseUrl: gh.url, fetch: validatingFetch });
    const found = await client.visitors.find({ user_id: visitor.user_id });
    assert.equal(found?.id, visitor.id);
    const updated = await client.visitors.update({ user_id: visitor.user_id, name: "Gareth Bale" });
    assert.equal(updated?.name, "Gareth Bale");
    const user = await client.visitors.mergeToContact({
      type: "user",
      user: { user_id: "bale-11", email: "foo@bar.com" },
      visitor: { user_id: visitor.user_id },
    });
    assert.equal(user.role, "user");
    assert.equal(user.email, "foo@bar.com");
    assert.equal(user.name, "Gareth Bale");
    assert.equal((await client.contacts.find({ contact_id: visitor.id })).external_id, "bale-11");
  });

  it("keeps every attribute of twenty updates at once to one visitor", async () => {
    const visitor = await createVisitor(gh.services, tenant.workspace.id, { name: "Burst" });
    const names = Array.from({ length: 20 }, (_, i) => `seen_${i}`);
    const answers = await Promise.all(
      names.map((name) =>
        call(tenant, "/visitors", {
          method: "PUT",
          body: { user_id: visitor.user_id, custom_attributes: { [name]: true } },
        }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const held = (await find(tenant, visitor.user_id)).body.custom_attributes;
    assert.deepEqual(Object.keys(held).sort(), [...names].sort());
  });

  it("converts a visitor once when asked twenty times at once: the others find no visitor", async () => {
    const before = await contactCount(tenant);
    const visitor = await createVisitor(gh.services, tenant.workspace.id, { name: "Twice" });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        convert(tenant, { type: "lead", user: { email: "twice@example.com" }, visitor: { id: visitor.id } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, ...Array(19).fill(404)], JSON.stringify(answers.map((a) => a.body)));
    assert.equal(await contactCount(tenant), before + 1);
  });

  it("merges visitors converted at once into one new user, keeping every visitor's attributes", async () => {
    const visitors = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createVisitor(gh.services, tenant.workspace.id, { customAttributes: { [`visit_${i}`]: i } }),
      ),
    );
    const answers = await Promise.all(
      visitors.map((v) =>
        convert(tenant, {
          type: "user",
          user: { user_id: "merged-at-once" },
          visitor: { user_id: v.user_id },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(5).fill(200),
      JSON.stringify(answers.map((a) => a.body)),
    );
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, "one user");
    const user = await call(tenant, `/contacts/${answers[0]?.body.id}`);
    assert.deepEqual(Object.keys(user.body.custom_attributes).sort(), [
      "visit_0",
      "visit_1",
      "visit_2",
      "visit_3",
      "visit_4",
    ]);
  });
});
