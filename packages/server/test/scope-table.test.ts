import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, it } from "node:test";
import { renderScopeTable } from "../src/http/api/scope-table.ts";
import { reviewScopeRequest } from "../src/platform/apps/apps.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { loadRouteSamples, type RouteSamples, sampleRequest, sendSample } from "./support/route-samples.ts";

/**
 * Generated from the routes themselves: for every API route, a token without any of its scopes is
 * refused with `insufficient_scope`, and a token holding any one of them gets through the door.
 */
const DOCS = path.resolve(import.meta.dirname, "../../../docs/scopes.md");

describeEachDatabase("the scope table", (database) => {
  let gh: Gatehouse;
  let samples: RouteSamples;
  before(async () => {
    gh = await startGatehouse(database);
    samples = await loadRouteSamples();
  });
  after(() => gh.close());

  /** A tenant whose app holds exactly `scopes`, extended ones approved. */
  async function holding(scopes: string[]): Promise<Tenant> {
    const tenant = await createTenant(gh.services, { scopes });
    for (const scope of scopes) {
      if (gh.services.scopes.get(scope)?.tier === "extended") {
        await reviewScopeRequest(gh.services, {
          appId: tenant.app.app.id,
          scopeId: scope,
          decision: "approved",
          reviewerId: tenant.admin.id,
        });
      }
    }
    return tenant;
  }

  async function call(tenant: Tenant, route: { method: string; url: string }) {
    return sendSample(gh, tenant, route.method, await sampleRequest(gh, samples, route, tenant));
  }

  it("docs/scopes.md is the table the routes declare", () => {
    const expected = renderScopeTable(gh.server.scopeTable, gh.services.scopes);
    assert.equal(
      fs.readFileSync(DOCS, "utf8"),
      expected,
      "run: npm run docs:scopes --workspace @gatehouse/server",
    );
  });

  it("every route refuses a token without its scopes and admits one with any of them", async () => {
    const guarded = gh.server.scopeTable.filter((r) => r.scopes.length > 0);
    assert.ok(guarded.length >= 4, "the table has the guarded routes");
    const unscoped = await holding([]);
    for (const route of guarded) {
      const refused = await call(unscoped, route);
      assert.equal(refused.status, 403, `${route.method} ${route.url} without scopes`);
      assert.equal(refused.body.errors[0].code, "forbidden");
      const challenge = refused.headers.get("www-authenticate") ?? "";
      assert.match(challenge, /error="insufficient_scope"/);
      for (const scope of route.scopes) assert.ok(challenge.includes(scope), `${route.url}: names ${scope}`);
      for (const scope of route.scopes) {
        const admitted = await call(await holding([scope]), route);
        assert.ok(
          admitted.status >= 200 && admitted.status < 300,
          `${route.method} ${route.url} with ${scope}: ${admitted.status} ${JSON.stringify(admitted.body)}`,
        );
      }
    }
  });
});
