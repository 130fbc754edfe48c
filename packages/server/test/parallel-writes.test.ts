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
 * Every POST and PUT of the API, sent twenty times at once, answers as twenty sent one after another:
 * the same statuses (a create-or-find answers 200 twenty times with one record, a strict create one 200
 * and nineteen 409s, a queue its one job and its 429s) and as many distinct records. Each run gets a
 * workspace of its own and the route's sample (test/samples/). On PostgreSQL an upsert that lost an
 * insert race answered 409 where a repeat answers 200; SQLite runs one write at a time.
 */
describeEachDatabase("writes sent twenty times at once", (database) => {
  let gh: Gatehouse;
  let samples: RouteSamples;

  before(async () => {
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_RATE_LIMIT_APP: "1000000", GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000" },
    });
    samples = await loadRouteSamples();
  });
  after(() => gh.close());

  async function holdingEveryScope(): Promise<Tenant> {
    const scopes = gh.services.scopes.all().map((s) => s.id);
    const tenant = await createTenant(gh.services, { scopes });
    for (const scope of scopes) {
      if (gh.services.scopes.get(scope)?.tier === "extended")
        await reviewScopeRequest(gh.services, {
          appId: tenant.app.app.id,
          scopeId: scope,
          decision: "approved",
          reviewerId: tenant.admin.id,
        });
    }
    return tenant;
  }

  /** Twenty of the route's sample request, one after another or all at once: their statuses and ids. */
  async function twenty(route: { method: string; url: string }, atOnce: boolean) {
    const tenant = await holdingEveryScope();
    const { url, body, headers } = await sampleRequest(gh, samples, route, tenant);
    const send = async () => {
      const response = await gh.fetch(gh.url + url, {
        method: route.method,
        headers: {
          ...bearer(tenant.token),
          ...headers,
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        // A body that is not JSON names no record.
      }
      return { status: response.status, id: String(id) };
    };
    const answers = [];
    if (atOnce) answers.push(...(await Promise.all(Array.from({ length: 20 }, send))));
    else for (let i = 0; i < 20; i++) answers.push(await send());
    return {
      statuses: answers
        .map((a) => a.status)
        .sort((a, b) => a - b)
        .join(" "),
      records: new Set(answers.filter((a) => a.status < 300).map((a) => a.id)).size,
    };
  }

  it("answers each POST and PUT twenty times at once as twenty one after another", async () => {
    const writes = gh.server.scopeTable.filter(
      (r) => (r.method === "POST" || r.method === "PUT") && r.scopes.length > 0,
    );
    assert.ok(writes.length >= 50, `the route table's POSTs and PUTs (${writes.length})`);
    const different: string[] = [];
    for (const route of writes) {
      const oneAfterAnother = await twenty(route, false);
      const atOnce = await twenty(route, true);
      if (JSON.stringify(oneAfterAnother) !== JSON.stringify(atOnce))
        different.push(
          `${route.method} ${route.url}: one after another ${JSON.stringify(oneAfterAnother)}, at once ${JSON.stringify(atOnce)}`,
        );
    }
    assert.deepEqual(different, []);
  });
});
