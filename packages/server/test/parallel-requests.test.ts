import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { describeEachDatabase, type Gatehouse, startGatehouse, tenantHolding } from "./support/gatehouse.ts";
import { loadRouteSamples, type RouteSamples, sampleRequest, sendSample } from "./support/route-samples.ts";

/**
 * Every write of the API, sent twenty times at once, answers as twenty sent one after another. Generated
 * from the route table and each route's sample (test/samples/), so a new route is covered. On
 * PostgreSQL a write that read a row before another changed it once answered from what it read: ten
 * 200s (and ten webhooks) for one deletion, 409s from an upsert that lost an insert. SQLite runs one
 * write at a time and hides it.
 */
describeEachDatabase("requests sent twenty times at once", (database) => {
  let gh: Gatehouse;
  let samples: RouteSamples;

  before(async () => {
    gh = await startGatehouse(database, {
      // Twenty-odd requests a route, over every route: out of the way of the rate budgets.
      env: { GATEHOUSE_RATE_LIMIT_APP: "1000000", GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000" },
    });
    samples = await loadRouteSamples();
  });
  after(() => gh.close());

  /** A workspace whose app holds every scope, and the route's sample request made for it. */
  async function prepared(route: { method: string; url: string }) {
    const tenant = await tenantHolding(
      gh.services,
      gh.services.scopes.all().map((s) => s.id),
    );
    const sample = await sampleRequest(gh, samples, route, tenant);
    return { send: () => sendSample(gh, tenant, route.method, sample) };
  }

  const routes = (methods: string[]) =>
    gh.server.scopeTable.filter((r) => methods.includes(r.method) && r.scopes.length > 0);

  it("answers each DELETE as one after another would: one success, then what a repeat gets", async () => {
    const deletes = routes(["DELETE"]);
    assert.ok(deletes.length >= 20, `the route table's DELETEs (${deletes.length})`);
    const wrong: string[] = [];
    for (const route of deletes) {
      const { send } = await prepared(route);
      const atOnce = (await Promise.all(Array.from({ length: 20 }, send))).map((a) => a.status);
      const repeat = (await send()).status;
      // A repeat that succeeds (a detach) allows twenty successes; one that is refused, a single one.
      const fine =
        repeat < 300
          ? atOnce.every((status) => status === repeat)
          : atOnce.filter((status) => status < 300).length === 1 &&
            atOnce.every((status) => status < 300 || status === repeat);
      if (!fine) wrong.push(`DELETE ${route.url}: ${atOnce.join(" ")}; a repeat: ${repeat}`);
    }
    assert.deepEqual(wrong, []);
  });

  it("answers each POST and PUT as twenty one after another: the same kinds of answer, as many records", async () => {
    const writes = routes(["POST", "PUT"]);
    assert.ok(writes.length >= 50, `the route table's POSTs and PUTs (${writes.length})`);
    /** Twenty of the sample, in a workspace of their own: the statuses, and how many records they name. */
    const twenty = async (route: { method: string; url: string }, atOnce: boolean) => {
      const { send } = await prepared(route);
      const answers = atOnce
        ? await Promise.all(Array.from({ length: 20 }, send))
        : await Array.from({ length: 20 }).reduce<Promise<Awaited<ReturnType<typeof send>>[]>>(
            async (done) => [...(await done), await send()],
            Promise.resolve([]),
          );
      return {
        // Which answers, not how many of each: a queue of one pending job admits a second request once
        // the first job is done, which twenty one after another may see and twenty at once never do.
        statuses: [...new Set(answers.map((a) => a.status))].sort((a, b) => a - b).join(" "),
        records: new Set(answers.filter((a) => a.status < 300).map((a) => String(a.body?.id))).size,
      };
    };
    const different: string[] = [];
    for (const route of writes) {
      const oneAfterAnother = JSON.stringify(await twenty(route, false));
      const atOnce = JSON.stringify(await twenty(route, true));
      if (oneAfterAnother !== atOnce)
        different.push(
          `${route.method} ${route.url}: one after another ${oneAfterAnother}, at once ${atOnce}`,
        );
    }
    assert.deepEqual(different, []);
  });
});
