import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { reviewScopeRequest } from "../src/platform/apps/apps.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { loadRouteSamples, type RouteSamples, sampleRequest } from "./support/route-samples.ts";

/**
 * Every DELETE of the API, sent twenty times at once, answers as twenty sent one after another would:
 * one success and then what a repeat gets (a 404 where the record is gone, the same success where a
 * repeat succeeds, as a detach does). On PostgreSQL a delete that read the record before another
 * removed it once answered 200 too, and notified the deletion again; SQLite runs one write at a time.
 * Generated from the route table and each route's sample (test/samples/), so a new DELETE is covered.
 */
describeEachDatabase("deletes sent twenty times at once", (database) => {
  let gh: Gatehouse;
  let samples: RouteSamples;
  let tenant: Tenant;

  before(async () => {
    gh = await startGatehouse(database, {
      // 21 requests a route, over every DELETE: out of the way of the rate budgets.
      env: { GATEHOUSE_RATE_LIMIT_APP: "1000000", GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000" },
    });
    samples = await loadRouteSamples();
    const scopes = gh.services.scopes.all().map((s) => s.id);
    tenant = await createTenant(gh.services, { scopes });
    for (const scope of scopes) {
      if (gh.services.scopes.get(scope)?.tier === "extended")
        await reviewScopeRequest(gh.services, {
          appId: tenant.app.app.id,
          scopeId: scope,
          decision: "approved",
          reviewerId: tenant.admin.id,
        });
    }
  });
  after(() => gh.close());

  it("answers each DELETE twenty times at once as one after another: one success, then what a repeat gets", async () => {
    const deletes = gh.server.scopeTable.filter((r) => r.method === "DELETE" && r.scopes.length > 0);
    assert.ok(deletes.length >= 20, `the route table's DELETEs (${deletes.length})`);
    const wrong: string[] = [];
    for (const route of deletes) {
      const { url, body, headers } = await sampleRequest(gh, samples, route, tenant);
      const send = async () => {
        const response = await gh.fetch(gh.url + url, {
          method: "DELETE",
          headers: {
            ...bearer(tenant.token),
            ...headers,
            ...(body !== undefined && { "content-type": "application/json" }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        await response.arrayBuffer();
        return response.status;
      };
      const first = await Promise.all(Array.from({ length: 20 }, send));
      const repeat = await send();
      const succeeded = first.filter((status) => status < 300).length;
      const expected =
        repeat < 300
          ? first.every((s) => s === repeat)
          : succeeded === 1 && first.every((s) => s < 300 || s === repeat);
      if (!expected) wrong.push(`DELETE ${route.url}: ${first.join(" ")}; a repeat: ${repeat}`);
    }
    assert.deepEqual(wrong, []);
  });
});
