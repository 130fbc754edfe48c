import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createSegment } from "../src/resources/segments.ts";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const SCOPES = ["read_counts", "write_users_companies", "write_tags"];

describeEachDatabase("counts API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  async function post(token: string, path: string, body: unknown) {
    const answer = await call(token, path, { method: "POST", body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { scopes: SCOPES });
    other = await createTenant(gh.services, { scopes: SCOPES });
  });
  after(() => gh.close());

  it("counts nothing in an empty workspace", async () => {
    const empty = await call(tenant.token, "/counts");
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, {
      type: "count.hash",
      company: { count: 0 },
      user: { count: 0 },
      lead: { count: 0 },
      tag: { count: 0 },
      segment: { count: 0 },
    });
  });

  it("counts the workspace's companies, users, leads, tags and segments, and each breakdown", async () => {
    const ada = await post(tenant.token, "/contacts", { email: "ada@acme.test" });
    const bob = await post(tenant.token, "/contacts", { email: "bob@acme.test" });
    await post(tenant.token, "/contacts", { role: "lead", email: "lead@acme.test" });
    const acme = await post(tenant.token, "/companies", { company_id: "acme", name: "Acme" });
    const globex = await post(tenant.token, "/companies", { company_id: "globex", name: "Globex" });
    await post(tenant.token, `/contacts/${ada.id}/companies`, { id: acme.id });
    await post(tenant.token, `/contacts/${bob.id}/companies`, { id: acme.id });
    await post(tenant.token, "/tags", { name: "VIP", companies: [{ id: acme.id }], users: [{ id: ada.id }] });
    await post(tenant.token, "/tags", { name: "Quiet", users: [{ id: ada.id }, { id: bob.id }] });
    await createSegment(gh.services, tenant.workspace.id, {
      name: "Acme users",
      query: { field: "email", operator: "$", value: "@acme.test" },
    });
    await createSegment(gh.services, tenant.workspace.id, {
      name: "Nobody",
      query: { field: "email", operator: "=", value: "nobody@example.com" },
    });
    // Another workspace's rows never count here.
    await post(other.token, "/contacts", { email: "else@other.test" });
    await post(other.token, "/companies", { company_id: "other" });
    await post(other.token, "/tags", { name: "Theirs" });

    assert.deepEqual((await call(tenant.token, "/counts")).body, {
      type: "count.hash",
      company: { count: 2 },
      user: { count: 2 },
      lead: { count: 1 },
      tag: { count: 2 },
      segment: { count: 2 },
    });
    const expectations: Array<[string, unknown]> = [
      ["type=company", { type: "count", company: { count: 2 } }],
      ["type=user", { type: "count", user: { count: 2 } }],
      ["type=company&count=tag", { type: "count", company: { tag: [{ VIP: 1 }, { Quiet: 0 }] } }],
      ["type=company&count=segment", { type: "count", company: { segment: [] } }],
      [
        "type=company&count=user",
        {
          type: "count",
          company: {
            user: [
              { Acme: 2, remote_company_id: "acme" },
              { Globex: 0, remote_company_id: "globex" },
            ],
          },
        },
      ],
      ["type=user&count=tag", { type: "count", user: { tag: [{ VIP: 1 }, { Quiet: 2 }] } }],
      ["type=user&count=segment", { type: "count", user: { segment: [{ "Acme users": 2 }, { Nobody: 0 }] } }],
    ];
    for (const [query, expected] of expectations)
      assert.deepEqual((await call(tenant.token, `/counts?${query}`)).body, expected, query);

    // Counts follow the rows: detaching and deleting change them at once.
    await call(tenant.token, `/contacts/${bob.id}/companies/${acme.id}`, { method: "DELETE" });
    await call(tenant.token, `/companies/${globex.id}`, { method: "DELETE" });
    assert.deepEqual((await call(tenant.token, "/counts?type=company&count=user")).body.company.user, [
      { Acme: 1, remote_company_id: "acme" },
    ]);
    assert.equal((await call(tenant.token, "/counts")).body.company.count, 1);
    assert.equal((await call(other.token, "/counts")).body.company.count, 1);
    assert.equal((await call(other.token, "/counts")).body.segment.count, 0);
  });

  it("refuses unknown breakdowns with parameter errors", async () => {
    const cases: Array<[string, string]> = [
      ["type=planet", "parameter_invalid"],
      ["type=company&count=moon", "parameter_invalid"],
      ["type=user&count=user", "parameter_invalid"],
      ["type=constructor", "parameter_invalid"],
      ["type=toString&count=x", "parameter_invalid"],
      ["count=tag", "parameter_not_found"],
    ];
    for (const [query, code] of cases) {
      const answer = await call(tenant.token, `/counts?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.errors[0].code, code, query);
    }
  });

  it("needs read_counts", async () => {
    const without = await createTenant(gh.services, { scopes: ["read_users_companies"] });
    const refused = await call(without.token, "/counts");
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].code, "forbidden");
  });
});
