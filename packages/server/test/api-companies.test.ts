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

const SCOPES = ["read_users_companies", "write_users_companies", "read_tags", "write_tags"];

describeEachDatabase("companies API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  let serial = 0;
  async function company(token = tenant.token, fields: Record<string, unknown> = {}) {
    serial++;
    const answer = await call(token, "/companies", {
      method: "POST",
      body: { company_id: `co-${serial}`, name: `Company ${serial}`, ...fields },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  async function contact(token = tenant.token, fields: Record<string, unknown> = {}) {
    serial++;
    const answer = await call(token, "/contacts", {
      method: "POST",
      body: { email: `person${serial}@example.com`, ...fields },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  const attach = (contactId: string, companyId: string, token = tenant.token) =>
    call(token, `/contacts/${contactId}/companies`, { method: "POST", body: { id: companyId } });

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { scopes: SCOPES });
    other = await createTenant(gh.services, { scopes: SCOPES });
  });
  after(() => gh.close());

  it("creates a company in Intercom's shape, then updates it through the same company_id", async () => {
    const created = await call(tenant.token, "/companies", {
      method: "POST",
      body: {
        company_id: "acme-1",
        name: "Acme",
        plan: "Enterprise",
        size: 120,
        website: "https://acme.test",
        industry: "Manufacturing",
        monthly_spend: 155.98,
        remote_created_at: 1_374_138_000,
        custom_attributes: { paid_subscriber: true, seats: 9 },
      },
    });
    assert.equal(created.status, 200);
    const body = created.body;
    assert.match(body.id, /^[0-9a-f]{24}$/);
    assert.ok(Number.isInteger(body.created_at) && body.created_at > 1_600_000_000);
    assert.match(body.plan.id, /^\d+$/);
    assert.deepEqual(body, {
      type: "company",
      company_id: "acme-1",
      id: body.id,
      app_id: tenant.workspace.id_code,
      name: "Acme",
      remote_created_at: 1_374_138_000,
      created_at: body.created_at,
      updated_at: body.updated_at,
      size: 120,
      website: "https://acme.test",
      industry: "Manufacturing",
      monthly_spend: 155,
      session_count: 0,
      user_count: 0,
      tags: { type: "tag.list", tags: [] },
      segments: { type: "segment.list", segments: [] },
      plan: { type: "plan", id: body.plan.id, name: "Enterprise" },
      custom_attributes: { paid_subscriber: true, seats: 9 },
    });

    const updated = await call(tenant.token, "/companies", {
      method: "POST",
      body: { company_id: "acme-1", name: "Acme Ltd", custom_attributes: { seats: 12 } },
    });
    assert.equal(updated.body.id, body.id, "the same company, not a second one");
    assert.equal(updated.body.name, "Acme Ltd");
    assert.equal(updated.body.industry, "Manufacturing", "fields not sent are kept");
    assert.deepEqual(updated.body.custom_attributes, { paid_subscriber: true, seats: 12 });
    assert.deepEqual(updated.body.plan, body.plan);

    // A company given no company_id is a new one each time, and its company_id is its own id.
    const bare = await call(tenant.token, "/companies", { method: "POST", body: { name: "No Id Co" } });
    assert.equal(bare.body.company_id, bare.body.id);
    assert.equal(bare.body.plan && Object.keys(bare.body.plan).length, 0, "no plan is {}");
    for (const field of ["size", "website", "industry", "remote_created_at", "last_request_at"])
      assert.equal(field in bare.body, false, `${field} is left out when never set`);
  });

  it("keeps every attribute of twenty writes at once to one company, by company_id and by id", async () => {
    const attrs = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}_${i}`);
    const burst = await Promise.all(
      attrs("post").map((name) =>
        call(tenant.token, "/companies", {
          method: "POST",
          body: { company_id: "burst-co", custom_attributes: { [name]: name } },
        }),
      ),
    );
    assert.deepEqual(new Set(burst.map((a) => a.status)), new Set([200]));
    const id = burst[0]?.body.id as string;
    assert.ok(
      burst.every((a) => a.body.id === id),
      "one company",
    );
    await Promise.all(
      attrs("put").map((name) =>
        call(tenant.token, `/companies/${id}`, {
          method: "PUT",
          body: { custom_attributes: { [name]: name } },
        }),
      ),
    );
    const held = (await call(tenant.token, `/companies/${id}`)).body.custom_attributes;
    assert.deepEqual(Object.keys(held).sort(), [...attrs("post"), ...attrs("put")].sort());
    await call(tenant.token, `/companies/${id}`, { method: "DELETE" });
  });

  it("holds a contact to 1,000 companies when twenty are attached at once at the edge", async () => {
    const own = await createTenant(gh.services, { scopes: SCOPES });
    const person = (
      await call(own.token, "/contacts", { method: "POST", body: { email: "many@example.com" } })
    ).body;
    const contactSeq = (
      await gh.services.db
        .selectFrom("contacts")
        .select("seq")
        .where("id", "=", person.id)
        .executeTakeFirstOrThrow()
    ).seq;
    // 995 attached already, written straight to the tables: the API would take a while.
    const now = Date.now();
    const made = await gh.services.db
      .insertInto("companies")
      .values(
        Array.from({ length: 995 }, (_, i) => ({
          id: `c${i.toString(16).padStart(23, "0")}`,
          workspace_id: own.workspace.id,
          company_id: `bulk-${i}`,
          name: `Bulk ${i}`,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning("seq")
      .execute();
    await gh.services.db
      .insertInto("company_contacts")
      .values(made.map(({ seq }) => ({ company_seq: seq, contact_seq: contactSeq, attached_at: now })))
      .execute();
    const more = [];
    for (let i = 0; i < 20; i++)
      more.push(
        (
          await call(own.token, "/companies", {
            method: "POST",
            body: { company_id: `edge-${i}`, name: "Edge" },
          })
        ).body,
      );
    const answers = await Promise.all(
      more.map((company) =>
        call(own.token, `/contacts/${person.id}/companies`, { method: "POST", body: { id: company.id } }),
      ),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [...Array(5).fill(200), ...Array(15).fill(400)]);
    assert.ok(
      answers.every((a) => a.status === 200 || a.body.errors[0].code === "contact_company_limit_exceeded"),
    );
    const held = await gh.services.db
      .selectFrom("company_contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("contact_seq", "=", contactSeq)
      .executeTakeFirstOrThrow();
    assert.equal(Number(held.n), 1000);
  });

  it("finds, updates (never the company_id) and deletes a company by its id", async () => {
    const made = await company(tenant.token, { plan: "Pro" });
    const found = await call(tenant.token, `/companies/${made.id}`);
    assert.deepEqual(found.body, made);

    const put = await call(tenant.token, `/companies/${made.id}`, {
      method: "PUT",
      body: { name: "Renamed", website: "https://renamed.test", company_id: "hijack", plan: "Basic" },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.name, "Renamed");
    assert.equal(put.body.website, "https://renamed.test");
    assert.equal(put.body.company_id, made.company_id, "company_id is fixed once set");
    assert.equal(put.body.plan.name, "Basic");
    assert.notEqual(put.body.plan.id, made.plan.id);

    const person = await contact();
    await attach(person.id, made.id);
    const deleted = await call(tenant.token, `/companies/${made.id}`, { method: "DELETE" });
    assert.deepEqual(deleted.body, { id: made.id, object: "company", deleted: true });
    const gone = await call(tenant.token, `/companies/${made.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errors[0].code, "company_not_found");
    const still = await call(tenant.token, `/contacts/${person.id}`);
    assert.equal(still.status, 200, "its contacts stay");
    assert.equal(still.body.companies.total_count, 0, "detached from the deleted company");
    for (const method of ["GET", "PUT", "DELETE"]) {
      const again = await call(tenant.token, `/companies/${made.id}`, {
        method,
        ...(method === "PUT" && { body: { name: "x" } }),
      });
      assert.equal(again.status, 404, method);
      assert.equal(again.body.errors[0].code, "company_not_found", method);
    }
  });

  it("looks a company up by company_id or name", async () => {
    const made = await company(tenant.token, { company_id: "lookup-me", name: "Lookup Inc" });
    const byId = await call(tenant.token, "/companies?company_id=lookup-me");
    assert.equal(byId.status, 200);
    assert.equal(byId.body.type, "company");
    assert.equal(byId.body.id, made.id);
    const byName = await call(tenant.token, `/companies?name=${encodeURIComponent("Lookup Inc")}`);
    assert.equal(byName.body.id, made.id);
    for (const query of ["company_id=nope", "name=Nobody"]) {
      const missing = await call(tenant.token, `/companies?${query}`);
      assert.equal(missing.status, 404, query);
      assert.equal(missing.body.errors[0].code, "company_not_found");
    }
  });

  it("lists companies with contacts, by page, newest first, and filters by tag", async () => {
    const lister = await createTenant(gh.services, { scopes: SCOPES });
    const person = await contact(lister.token);
    const made = [];
    for (let i = 0; i < 5; i++) {
      const c = await company(lister.token);
      await attach(person.id, c.id, lister.token);
      made.push(c);
    }
    await company(lister.token, { name: "Lonely" }); // no contacts: Intercom leaves it out of lists
    const first = await call(lister.token, "/companies?per_page=2");
    assert.equal(first.status, 200);
    assert.equal(first.body.type, "list");
    assert.equal(first.body.total_count, 5);
    assert.deepEqual(
      first.body.data.map((c: { id: string }) => c.id),
      [made[4].id, made[3].id],
    );
    assert.equal(first.body.data[0].user_count, 1);
    assert.deepEqual(first.body.pages, {
      type: "pages",
      // 2.14's next is a URI: absolute, as every numbered list gives it.
      next: `${gh.url}/companies?page=2&per_page=2`,
      page: 1,
      per_page: 2,
      total_pages: 3,
    });
    const last = await call(lister.token, "/companies?per_page=2&page=3");
    assert.deepEqual(
      last.body.data.map((c: { id: string }) => c.id),
      [made[0].id],
    );
    assert.equal(last.body.pages.next, null);
    const beyond = await call(lister.token, "/companies?per_page=2&page=9");
    assert.deepEqual(beyond.body.data, []);

    const asc = await call(lister.token, "/companies/list?order=asc&per_page=60", { method: "POST" });
    assert.deepEqual(
      asc.body.data.map((c: { id: string }) => c.id),
      made.map((c) => c.id),
    );
    const defaults = await call(lister.token, "/companies/list", { method: "POST" });
    assert.equal(defaults.body.pages.per_page, 15);
    assert.equal(defaults.body.data[0].id, made[4].id);
    const clamped = await call(lister.token, "/companies/list?per_page=500", { method: "POST" });
    assert.equal(clamped.body.pages.per_page, 60);

    const tagged = await call(lister.token, "/tags", {
      method: "POST",
      body: { name: "Key account", companies: [{ id: made[1].id }, { company_id: made[2].company_id }] },
    });
    const byTag = await call(lister.token, `/companies?tag_id=${tagged.body.id}`);
    assert.deepEqual(
      byTag.body.data.map((c: { id: string }) => c.id).sort(),
      [made[1].id, made[2].id].sort(),
    );
    assert.equal(byTag.body.total_count, 2);
    const bySegment = await call(lister.token, "/companies?segment_id=abc");
    assert.deepEqual(bySegment.body.data, [], "segments hold contacts, not companies");
  });

  it("scrolls over every company until the scroll runs out", async () => {
    const scroller = await createTenant(gh.services, { scopes: SCOPES });
    const ids = [];
    for (let i = 0; i < 53; i++) ids.push((await company(scroller.token)).id);
    const seen: string[] = [];
    let param: string | undefined;
    let calls = 0;
    do {
      const page = await call(
        scroller.token,
        `/companies/scroll${param ? `?scroll_param=${encodeURIComponent(param)}` : ""}`,
      );
      assert.equal(page.status, 200);
      assert.equal(page.body.type, "list");
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      param = page.body.scroll_param;
      if (page.body.data.length === 0) assert.equal(param, undefined, "an exhausted scroll gives no param");
    } while (param && ++calls < 10);
    assert.deepEqual(seen, ids, "every company once, in order, with or without contacts");
    const bad = await call(scroller.token, "/companies/scroll?scroll_param=not-a-param");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].code, "parameter_invalid");
  });

  it("attaches contacts to companies and shows each on the other", async () => {
    const acme = await company();
    const globex = await company();
    const person = await contact();
    const attached = await attach(person.id, acme.id);
    assert.equal(attached.status, 200);
    assert.equal(attached.body.id, acme.id);
    assert.equal(attached.body.user_count, 1);
    assert.equal((await attach(person.id, acme.id)).body.user_count, 1, "attaching twice is once");
    await attach(person.id, globex.id);

    const shown = await call(tenant.token, `/contacts/${person.id}`);
    assert.deepEqual(shown.body.companies, {
      type: "list",
      data: [
        { type: "company", id: acme.id, url: `/companies/${acme.id}` },
        { type: "company", id: globex.id, url: `/companies/${globex.id}` },
      ],
      url: `/contacts/${person.id}/companies`,
      total_count: 2,
      has_more: false,
    });
    const listed = await call(tenant.token, `/contacts/${person.id}/companies`);
    assert.equal(listed.body.type, "list");
    assert.equal(listed.body.total_count, 2);
    assert.deepEqual(
      listed.body.data.map((c: { id: string }) => c.id),
      [acme.id, globex.id],
    );
    assert.deepEqual(listed.body.companies, listed.body.data);
    assert.equal(listed.body.pages.total_pages, 1);
    const members = await call(tenant.token, `/companies/${acme.id}/contacts`);
    assert.equal(members.body.type, "list");
    assert.equal(members.body.total_count, 1);
    assert.equal(members.body.data[0].id, person.id);
    assert.equal(members.body.data[0].type, "contact");
    assert.equal(members.body.pages.per_page, 50);
    assert.deepEqual((await call(tenant.token, `/companies/${acme.id}/segments`)).body, {
      type: "list",
      data: [],
    });

    const detached = await call(tenant.token, `/contacts/${person.id}/companies/${acme.id}`, {
      method: "DELETE",
    });
    assert.equal(detached.status, 200);
    assert.equal(detached.body.id, acme.id);
    assert.equal(detached.body.user_count, 0);
    assert.equal((await call(tenant.token, `/contacts/${person.id}`)).body.companies.total_count, 1);

    await call(tenant.token, `/contacts/${person.id}`, { method: "DELETE" });
    assert.equal((await call(tenant.token, `/companies/${globex.id}`)).body.user_count, 0);
  });

  it("refuses bad attachments in Intercom's words and attaches nothing", async () => {
    const acme = await company();
    const person = await contact();
    const cases: Array<[string, unknown, number, string]> = [
      [person.id, {}, 400, "parameter_not_found"],
      [person.id, { id: 42 }, 400, "parameter_invalid"],
      [person.id, { id: "123" }, 404, "company_not_found"],
      ["0123456789abcdef01234567", { id: acme.id }, 404, "not_found"],
    ];
    for (const [contactId, body, status, code] of cases) {
      const answer = await call(tenant.token, `/contacts/${contactId}/companies`, { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const noBody = await call(tenant.token, `/contacts/${person.id}/companies`, { method: "POST" });
    assert.equal(noBody.status, 400);
    const detachUnknown = await call(tenant.token, `/contacts/${person.id}/companies/nope`, {
      method: "DELETE",
    });
    assert.equal(detachUnknown.status, 404);
    assert.equal(detachUnknown.body.errors[0].code, "company_not_found");
    assert.equal((await call(tenant.token, `/companies/${acme.id}`)).body.user_count, 0);
    assert.equal((await call(tenant.token, `/contacts/${person.id}/companies`)).body.total_count, 0);
    const unknownContact = await call(tenant.token, "/contacts/0123456789abcdef01234567/companies");
    assert.equal(unknownContact.status, 404);
    assert.equal(unknownContact.body.errors[0].code, "not_found");
  });

  it("tags and untags companies and contacts through POST /tags", async () => {
    const acme = await company();
    const globex = await company();
    const person = await contact();
    const tagged = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "VIP", companies: [{ id: acme.id }, { company_id: globex.company_id }] },
    });
    assert.equal(tagged.status, 200);
    assert.deepEqual(tagged.body, { type: "tag", id: tagged.body.id, name: "VIP" });
    const vip = { type: "tag", id: tagged.body.id, name: "VIP" };
    assert.deepEqual((await call(tenant.token, `/companies/${acme.id}`)).body.tags, {
      type: "tag.list",
      tags: [vip],
    });
    assert.deepEqual((await call(tenant.token, `/companies/${globex.id}`)).body.tags.tags, [vip]);

    const again = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "vip", companies: [{ id: acme.id }] },
    });
    assert.equal(again.body.id, vip.id, "the same tag; tagging twice is once");
    assert.equal((await call(tenant.token, `/companies/${acme.id}`)).body.tags.tags.length, 1);

    const untagged = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "VIP", companies: [{ id: acme.id, untag: true }] },
    });
    assert.equal(untagged.status, 200);
    assert.deepEqual((await call(tenant.token, `/companies/${acme.id}`)).body.tags.tags, []);
    assert.deepEqual((await call(tenant.token, `/companies/${globex.id}`)).body.tags.tags, [vip]);

    const users = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "Beta", users: [{ id: person.id }] },
    });
    assert.equal(users.status, 200);
    const shown = await call(tenant.token, `/contacts/${person.id}`);
    assert.deepEqual(
      shown.body.tags.data.map((t: { id: string }) => t.id),
      [users.body.id],
    );
    await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "Beta", users: [{ id: person.id, untag: true }] },
    });
    assert.equal((await call(tenant.token, `/contacts/${person.id}`)).body.tags.total_count, 0);
  });

  it("tags nothing, and makes no tag, when any company or user named is unknown", async () => {
    const acme = await company();
    const tagsBefore = (await call(tenant.token, "/tags")).body.data.length;
    const cases: Array<[unknown, number, string]> = [
      [
        { name: "Never", companies: [{ id: acme.id }, { id: "0123456789abcdef01234567" }] },
        404,
        "company_not_found",
      ],
      [{ name: "Never", companies: [{ company_id: "no-such-company" }] }, 404, "company_not_found"],
      [{ name: "Never", companies: [{}] }, 400, "parameter_not_found"],
      [{ name: "Never", users: [{ id: "0123456789abcdef01234567" }] }, 404, "not_found"],
      [{ name: "Never", companies: "acme" }, 400, "parameter_invalid"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call(tenant.token, "/tags", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    assert.equal((await call(tenant.token, "/tags")).body.data.length, tagsBefore);
    assert.deepEqual((await call(tenant.token, `/companies/${acme.id}`)).body.tags.tags, []);
  });

  it("refuses bad company input with Intercom's codes and writes nothing", async () => {
    const made = await company();
    const cases: Array<[unknown, string]> = [
      [{}, "parameter_not_found"],
      [{ company_id: "" }, "parameter_not_found"],
      [{ company_id: true }, "parameter_invalid"],
      [{ company_id: "x".repeat(256) }, "parameter_invalid"],
      [{ company_id: "bad-1", name: 7 }, "parameter_invalid"],
      [{ company_id: "bad-2", size: "big" }, "parameter_invalid"],
      [{ company_id: "bad-3", size: -1 }, "parameter_invalid"],
      [{ company_id: "bad-4", monthly_spend: 2 ** 31 }, "parameter_invalid"],
      [{ company_id: "bad-5", monthly_spend: "100" }, "parameter_invalid"],
      [{ company_id: "bad-6", remote_created_at: 1.5 }, "parameter_invalid"],
      [{ company_id: "bad-7", custom_attributes: [] }, "parameter_invalid"],
      [{ company_id: "bad-8", custom_attributes: { nested: { a: 1 } } }, "parameter_invalid"],
      [{ company_id: made.company_id, size: "x" }, "parameter_invalid"],
    ];
    for (const [body, code] of cases) {
      const answer = await call(tenant.token, "/companies", { method: "POST", body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    for (let i = 1; i <= 8; i++)
      assert.equal((await call(tenant.token, `/companies?company_id=bad-${i}`)).status, 404);
    assert.deepEqual((await call(tenant.token, `/companies/${made.id}`)).body, made);
    const badPut = await call(tenant.token, `/companies/${made.id}`, { method: "PUT", body: { size: 1.5 } });
    assert.equal(badPut.status, 400);
    for (const query of ["per_page=0", "page=0", "page=abc"]) {
      const answer = await call(tenant.token, `/companies?${query}`);
      assert.equal(answer.status, 400, query);
    }
    const order = await call(tenant.token, "/companies/list?order=sideways", { method: "POST" });
    assert.equal(order.status, 400);
  });

  it("keeps each workspace's companies to itself", async () => {
    const mine = await company(tenant.token, { company_id: "private-co" });
    const person = await contact();
    await attach(person.id, mine.id);
    const theirs = await contact(other.token);
    const paths: Array<[string, string, unknown?]> = [
      ["GET", `/companies/${mine.id}`],
      ["PUT", `/companies/${mine.id}`, { name: "Stolen" }],
      ["DELETE", `/companies/${mine.id}`],
      ["GET", `/companies/${mine.id}/contacts`],
      ["GET", `/companies/${mine.id}/segments`],
      ["GET", "/companies?company_id=private-co"],
      ["POST", `/contacts/${theirs.id}/companies`, { id: mine.id }],
      ["GET", `/contacts/${person.id}/companies`],
      ["POST", `/contacts/${person.id}/companies`, { id: mine.id }],
      ["DELETE", `/contacts/${person.id}/companies/${mine.id}`],
      ["POST", "/tags", { name: "Stolen", companies: [{ id: mine.id }] }],
      ["POST", "/tags", { name: "Stolen", companies: [{ company_id: "private-co" }] }],
      ["POST", "/tags", { name: "Stolen", users: [{ id: person.id }] }],
    ];
    for (const [method, path, body] of paths) {
      const answer = await call(other.token, path, { method, ...(body !== undefined && { body }) });
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    // POST /companies with the same company_id makes the other workspace its own company.
    const same = await call(other.token, "/companies", {
      method: "POST",
      body: { company_id: "private-co" },
    });
    assert.notEqual(same.body.id, mine.id);
    const after = await call(tenant.token, `/companies/${mine.id}`);
    assert.deepEqual(after.body, { ...mine, user_count: 1, updated_at: after.body.updated_at });
    const theirList = await call(other.token, "/companies/list", { method: "POST" });
    assert.ok(theirList.body.data.every((c: { id: string }) => c.id !== mine.id));
    const theirScroll = await call(other.token, "/companies/scroll");
    assert.ok(theirScroll.body.data.every((c: { app_id: string }) => c.app_id === other.workspace.id_code));
  });

  it("lets read_single_user_company read one company but not list them all", async () => {
    const made = await company();
    const single = await createTenant(gh.services, { scopes: ["read_single_user_company"] });
    await gh.services.db
      .updateTable("companies")
      .set({ workspace_id: single.workspace.id })
      .where("id", "=", made.id)
      .execute();
    assert.equal((await call(single.token, `/companies/${made.id}`)).status, 200);
    assert.equal((await call(single.token, `/companies?company_id=${made.company_id}`)).status, 200);
    const list = await call(single.token, "/companies");
    assert.equal(list.status, 403);
    assert.equal(list.body.errors[0].code, "forbidden");
    assert.equal((await call(single.token, "/companies/list", { method: "POST" })).status, 403);
  });

  it("serves the official SDK: create, find, update, attach, list, scroll, tag", async () => {
    const sdkTenant = await createTenant(gh.services, { scopes: SCOPES });
    const client = new IntercomClient({ token: sdkTenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.companies.createOrUpdate({
      company_id: "sdk-co",
      name: "SDK Co",
      plan: "Growth",
      monthly_spend: 250,
      custom_attributes: { tier: "gold" },
    });
    assert.equal(created.company_id, "sdk-co");
    assert.equal(created.plan?.name, "Growth");
    const found = await client.companies.find({ company_id: created.id });
    assert.equal(found.name, "SDK Co");
    assert.deepEqual(found.custom_attributes, { tier: "gold" });
    const updated = await client.companies.update({
      company_id: created.id,
      body: { name: "SDK Company", industry: "Software" },
    });
    assert.equal(updated.industry, "Software");
    const retrieved = await client.companies.retrieve({ company_id: "sdk-co" });
    assert.equal((retrieved as { id: string }).id, created.id);

    const person = await client.contacts.create({ email: "sdk-person@example.com" });
    const attached = await client.companies.attachContact({ contact_id: person.id, id: created.id });
    assert.equal(attached.user_count, 1);
    const ofContact = [];
    for await (const c of await client.contacts.listAttachedCompanies({ contact_id: person.id }))
      ofContact.push(c.id);
    assert.deepEqual(ofContact, [created.id]);
    const members = await client.companies.listAttachedContacts({ company_id: created.id });
    assert.equal(members.data?.[0]?.id, person.id);

    const listed = [];
    for await (const c of await client.companies.list({ per_page: 1 })) listed.push(c.id);
    assert.deepEqual(listed, [created.id]);
    const scrolled = [];
    for await (const c of await client.companies.scroll()) scrolled.push(c.id);
    assert.deepEqual(scrolled, [created.id]);

    const tag = await client.tags.create({ name: "SDK tag", companies: [{ id: created.id }] });
    const tagged = await client.companies.find({ company_id: created.id });
    assert.deepEqual(tagged.tags?.tags, [{ type: "tag", id: tag.id, name: "SDK tag" }]);

    const detached = await client.companies.detachContact({ contact_id: person.id, company_id: created.id });
    assert.equal(detached.user_count, 0);
    const deleted = await client.companies.delete({ company_id: created.id });
    assert.equal(deleted.deleted, true);
  });
});
