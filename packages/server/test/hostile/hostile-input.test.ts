import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { describeEachDatabase, type Gatehouse, startGatehouse } from "../support/gatehouse.ts";
import { runConcurrency } from "../support/hostile/concurrency.ts";
import { fieldSection } from "../support/hostile/fields.ts";
import { headerSection } from "../support/hostile/headers.ts";
import { countRows, halfWrittenRecords } from "../support/hostile/invariants.ts";
import { malformedSection } from "../support/hostile/malformed.ts";
import { RUNS, runSection, SEED, Tally } from "../support/hostile/run.ts";
import { runSweep, sweepAttacks } from "../support/hostile/sweep.ts";
import { buildTargets, type Target } from "../support/hostile/targets.ts";
import { Wire } from "../support/hostile/wire.ts";
import { buildHostileWorld, type HostileWorld } from "../support/hostile/world.ts";

/**
 * The hostile suite, over a real socket to a real server on each database: malformed requests on every
 * route; every string field, query parameter, path parameter and cookie of every route and form given
 * controls, CR/LF, C1, characters above U+00FF, astral and combining ones, lone surrogates and 64 kB
 * values, in every encoding; hostile headers; and bursts of parallel requests at every single-use thing.
 * Passes with no 5xx, a server still answering, and no half-written record. `npm test` sends HOSTILE_RUNS
 * (default 3,000) requests per database; `npm run test:hostile` sends 200,000. The end of each run prints
 * the requests per class, the 5xx count and the seed (HOSTILE_SEED replays a run).
 */
const GENEROUS_LIMITS = {
  GATEHOUSE_RATE_LIMIT_APP: "100000000",
  GATEHOUSE_RATE_LIMIT_WORKSPACE: "100000000",
  GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT: "100000000",
  GATEHOUSE_RATE_LIMIT_TOKEN_ADDRESS: "100000000",
  GATEHOUSE_SIGNIN_FAILURES_EMAIL: "1000000",
  GATEHOUSE_SIGNIN_FAILURES_ADDRESS: "1000000",
  GATEHOUSE_SIGNIN_FAILURES_EMAIL_ADDRESS: "1000000",
  GATEHOUSE_RATE_LIMIT_INTROSPECT: "100000000",
  // Forms may save any HTTPS endpoint and ask for pings: nothing is sent anywhere during the suite.
  GATEHOUSE_WEBHOOK_POLL_MS: "600000",
};

describeEachDatabase("hostile input", (database) => {
  let gh: Gatehouse;
  let proxied: Gatehouse;
  let world: HostileWorld;
  let targets: Target[];
  let wire: Wire;
  let proxiedWire: Wire;
  let fixedRows: Record<string, number>;
  /** Requests per part: the sweep takes up to 30% (all of it in the full run), the rest shares the remainder. */
  let budget: { sweep: number; malformed: number; fields: number; headers: number };
  const tally = new Tally();

  before(async () => {
    // The suite is about malformed input, not about being turned away: budgets are generous.
    gh = await startGatehouse(database, { env: GENEROUS_LIMITS });
    // A second instance on the same data, behind a proxy it trusts, for the X-Forwarded-* headers.
    proxied = await startGatehouse(database, {
      sharing: gh,
      env: { ...GENEROUS_LIMITS, GATEHOUSE_TRUST_PROXY: "true" },
    });
    world = await buildHostileWorld(gh);
    targets = await buildTargets(world);
    wire = new Wire(gh.url);
    proxiedWire = new Wire(proxied.url);
    fixedRows = await countRows(gh.services);
    const sweep = Math.min(sweepAttacks(targets).length, Math.round(RUNS * 0.3));
    const rest = RUNS - sweep;
    const malformed = Math.round(rest * 0.25);
    const headers = Math.round(rest * 0.2);
    budget = { sweep, malformed, headers, fields: rest - malformed - headers };
  });
  after(async () => {
    process.stdout.write(tally.table(`hostile input [${database.dialect}]`));
    wire?.close();
    proxiedWire?.close();
    await proxied?.stop();
    await gh?.close();
  });

  it("reaches every route the server declares, with every string field of its form", () => {
    const declared = new Set(gh.server.declaredRoutes.map((r) => `${r.method} ${r.url}`));
    assert.deepEqual(new Set(targets.map((t) => t.key)), declared);
    const form = (key: string) => targets.find((t) => t.key === key)?.fields ?? [];
    const named = (key: string) =>
      form(key).flatMap((f) => ("name" in f ? [f.name] : "path" in f ? [f.path.join(".")] : []));
    for (const field of ["email", "password", "return_to", "_csrf", "gh_session", "gh_csrf"]) {
      assert.ok(named("POST /signin").includes(field), `POST /signin: ${field}`);
    }
    for (const field of [
      "code",
      "client_id",
      "client_secret",
      "redirect_uri",
      "code_verifier",
      "grant_type",
    ]) {
      assert.ok(named("POST /auth/eagle/token").includes(field), `token endpoint: ${field}`);
    }
    assert.ok(named("POST /contacts/search").includes("query.value"), "search values");
    assert.ok(named("GET /contacts/find_by_external_id/:external_id").includes("external_id"), "path params");
  });

  it("answers every kind of hostile value in every field of every route and form without a 5xx", async () => {
    const all = sweepAttacks(targets);
    // A short run takes an evenly spread share of the sweep, starting where the seed says.
    const stride = all.length / budget.sweep;
    const attacks = Array.from(
      { length: budget.sweep },
      (_, i) => all[Math.floor((i * stride + SEED) % all.length)],
    );
    await runSweep(world, attacks as typeof all, wire, tally);
  });

  it(`answers malformed requests on every route without a 5xx (seed ${SEED})`, async () => {
    await runSection(malformedSection(world, targets, wire, tally, budget.malformed), tally);
  });

  it(`answers hostile values in every field, query and path parameter without a 5xx (seed ${SEED})`, async () => {
    await runSection(fieldSection(world, targets, wire, tally, budget.fields), tally);
  });

  it(`answers hostile and duplicated headers without a 5xx (seed ${SEED})`, async () => {
    const wires = { direct: wire, proxied: proxiedWire };
    await runSection(headerSection(world, targets, wires, budget.headers), tally);
  });

  it("leaves no half-written record, and no account or workspace made by a request", async () => {
    assert.deepEqual(await countRows(gh.services), fixedRows);
    assert.deepEqual(await halfWrittenRecords(gh.services), []);
  });

  it("settles 20 parallel requests at every single-use thing and every counter", async () => {
    await runConcurrency(world, wire, tally, Math.max(1, Math.round(RUNS / 50_000)));
    assert.deepEqual(await halfWrittenRecords(gh.services), []);
  });

  it("still answers, on both instances", async () => {
    for (const w of [wire, proxiedWire]) {
      const health = await w.send({ method: "GET", target: "/healthz", headers: [] });
      assert.equal(health.status, 200);
    }
  });
});
