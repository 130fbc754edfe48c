/**
 * `npm run bench`: Gatehouse against a bare Fastify hello world, in one run on one machine (issue 14).
 *
 * The hello world runs in its own process on the same Node, started by this run; every scenario runs
 * against a real Gatehouse (`npm start`, fresh database, rate limits raised) and is reported as its
 * requests a second over the hello world's measured right beside it: the hello world runs before and
 * after every scenario run, and the scenario's rate is divided by the mean of those two. Rounds are
 * interleaved (each round every scenario once, every other round in reverse order), so a machine whose
 * speed drifts, or that is shared, weighs on all alike; the median of the rounds' ratios is the figure.
 *
 * Progress goes to stderr; the figures come last on stdout: each CPU profile's summary (--cpu-prof),
 * a table, and a final JSON line. Exits 0 whether or not the targets are met; 1 when an answer was
 * wrong (any status but the expected one, any error) or the bench could not run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readFlags } from "./flags.ts";
import { type HelloWorld, type Instance, startGatehouse, startHelloWorld } from "./instances.ts";
import { type Load, runLoad, type Segment } from "./load.ts";
import { formatProfile, type ProfileSummary, summariseNewest } from "./profile.ts";
import { type Comparison, compare, row, table } from "./report.ts";
import { contacts, healthz, me } from "./scenarios/api.ts";
import { coldLookups } from "./scenarios/cold-lookups.ts";
import { introspect, verify } from "./scenarios/resource-servers.ts";
import type { Scenario, Unavailable } from "./scenarios/scenario.ts";
import { tokenExchange } from "./scenarios/token-exchange.ts";

const COLD_SMALL = 1_000;
/** The cold lookups with a million tokens must be within 15% of those with a thousand. */
const COLD_WITHIN = 0.85;

const flags = readFlags();
// Output piped into something that stops reading (`| head`) must not cut the clean-up short.
process.stdout.on("error", () => {});
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

const scenarios = selected([
  healthz,
  me,
  contacts,
  verify,
  introspect,
  tokenExchange,
  coldLookups("cold-1k", COLD_SMALL),
  coldLookups("cold-1m", flags.coldTokens),
]);

function selected(all: Scenario[]): Scenario[] {
  if (flags.only.length === 0) return all;
  const chosen = all.filter((s) => flags.only.some((o) => s.name === o || s.name.startsWith(`${o}-`)));
  if (chosen.length === 0) {
    process.stderr.write(`bench: --only names no scenario; there are ${all.map((s) => s.name).join(", ")}\n`);
    process.exit(2);
  }
  return chosen;
}

interface Prepared {
  scenario: Scenario;
  instance: Instance;
  load: Load | undefined;
  unavailable: string | undefined;
  runs: Segment[];
  /** The hello world beside each run: the mean of the runs just before and just after it. */
  beside: Segment[];
}

async function main(): Promise<number> {
  const instances = new Map<string, Instance>();
  let hello: HelloWorld | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => {
    cleaning ??= (async () => {
      await hello?.server.stop();
      for (const instance of instances.values())
        await instance
          .close()
          .catch((error: unknown) => say(`could not clean up ${instance.name}: ${error}`));
    })();
    return cleaning;
  };
  const interrupted = (signal: NodeJS.Signals) => {
    say(`${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  const failures: string[] = [];
  const loadBefore = os.loadavg();
  try {
    const profileRoot = flags.cpuProfDir === undefined ? undefined : profileDirectory(flags.cpuProfDir);
    for (const spec of new Map(scenarios.map((s) => [s.instance.key, s.instance])).values()) {
      say(`starting Gatehouse "${spec.key}" (${flags.postgres ? "PostgreSQL" : "SQLite"}), seeding it first`);
      const started = Date.now();
      instances.set(
        spec.key,
        await startGatehouse({
          name: spec.key,
          postgres: flags.postgres,
          ...(spec.env && { env: spec.env }),
          ...(spec.seed && { seed: spec.seed }),
          ...(profileRoot && { profileDir: path.join(profileRoot, spec.key) }),
        }),
      );
      say(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    hello = await startHelloWorld();
    const helloWorld = hello;
    const helloLoad: Load = { method: "GET", path: "/", headers: {}, expect: 200 };

    const prepared: Prepared[] = [];
    for (const scenario of scenarios) {
      const instance = instances.get(scenario.instance.key) as Instance;
      const outcome: Load | Unavailable = await scenario.prepare(instance);
      const unavailable = "unavailable" in outcome ? outcome.unavailable : undefined;
      if (unavailable) say(`${scenario.label}: ${unavailable}`);
      prepared.push({
        scenario,
        instance,
        load: unavailable ? undefined : (outcome as Load),
        unavailable,
        runs: [],
        beside: [],
      });
    }
    const active = prepared.filter((p) => p.load);
    say(
      `${active.length} scenarios and the hello world, ${flags.rounds} rounds of ${flags.duration} s each, ` +
        `${flags.connections} connections; load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")}`,
    );

    const helloRuns: Segment[] = [];
    let helloRps = 0;
    const measure = async (p: Prepared, seconds: number): Promise<Segment> => {
      const load = p.load as Load;
      const last = p.runs.at(-1)?.rps;
      await load.beforeRun?.(seconds, last === undefined ? helloRps : Math.min(helloRps, 1.5 * last));
      return runLoad(p.instance.base, load, p.instance.server, seconds, flags.connections);
    };
    if (flags.warmup > 0) {
      say("warming up");
      helloRps = (
        await runLoad(helloWorld.base, helloLoad, helloWorld.server, flags.warmup, flags.connections)
      ).rps;
      for (const p of active) await measure(p, flags.warmup);
    }
    const runHello = async () => {
      const run = await runLoad(
        helloWorld.base,
        helloLoad,
        helloWorld.server,
        flags.duration,
        flags.connections,
      );
      helloRuns.push(run);
      helloRps = run.rps;
      return run;
    };
    let before = await runHello();
    for (let round = 0; round < flags.rounds; round++) {
      const order = round % 2 === 1 ? [...active].reverse() : active;
      for (const p of order) {
        const run = await measure(p, flags.duration);
        const after = await runHello();
        p.runs.push(run);
        p.beside.push(mean(before, after));
        say(
          `round ${round + 1}: ${p.scenario.label}: ${run.rps.toFixed(0)} req/s; ` +
            `hello world beside it ${before.rps.toFixed(0)} and ${after.rps.toFixed(0)}`,
        );
        before = after;
      }
    }

    // Stopped before the report, so that each writes its CPU profile.
    for (const instance of instances.values()) await instance.server.stop();
    const profiles: Array<[string, ProfileSummary]> = [];
    for (const instance of instances.values()) {
      const summary = instance.profileDir ? summariseNewest(instance.profileDir) : undefined;
      if (summary) profiles.push([`Gatehouse "${instance.name}"`, summary]);
    }

    const helloRow = row({ name: "hello", label: "hello world (bare Fastify)" }, helloRuns, helloRuns);
    const rows = prepared.map((p) => row(p.scenario, p.runs, p.beside, p.unavailable));
    const comparisons: Comparison[] = [];
    const coldSmall = rows.find((r) => r.name === "cold-1k" && !r.unavailable);
    const coldLarge = rows.find((r) => r.name === "cold-1m" && !r.unavailable);
    if (coldSmall && coldLarge)
      comparisons.push(
        compare(
          `cold lookups, ${flags.coldTokens.toLocaleString("en")} stored over ${COLD_SMALL.toLocaleString("en")} stored`,
          coldLarge,
          coldSmall,
          COLD_WITHIN,
        ),
      );
    for (const r of [helloRow, ...rows]) {
      if (r.wrong > 0) {
        const codes = r.runs.map((run) => JSON.stringify(run.statusCodes)).join(" ");
        failures.push(`${r.label}: ${r.wrong} wrong answers or errors (${codes})`);
      }
      if (!r.unavailable && r.runs.some((run) => run.total === 0))
        failures.push(`${r.label}: a run completed no request`);
      if (r.runs.some((run) => run.ranOut))
        say(`${r.label}: ran out of codes in a run; its rate is over the time it ran`);
    }
    const loadAfter = os.loadavg();
    const figures = {
      database: flags.postgres ? "postgres" : "sqlite",
      node: process.version,
      cpus: os.availableParallelism(),
      loadAverage: { before: loadBefore, after: loadAfter },
      connections: flags.connections,
      durationSeconds: flags.duration,
      rounds: flags.rounds,
      coldTokens: flags.coldTokens,
      hello: helloRow,
      scenarios: rows,
      comparisons,
      profiles: Object.fromEntries(profiles.map(([name, summary]) => [name, summary])),
      failures,
    };
    if (flags.json) fs.writeFileSync(flags.json, `${JSON.stringify(figures, null, 2)}\n`);
    for (const failure of failures) say(`FAILED: ${failure}`);
    if (failures.length > 0) say("the figures below are not valid");
    const heading =
      `Gatehouse bench: ${figures.database}, Node ${process.version}, ${figures.cpus} CPUs shared by servers ` +
      `and load generator; load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before, ` +
      `${loadAfter.map((l) => l.toFixed(1)).join(" ")} after\n` +
      `${flags.connections} connections, ${flags.rounds} interleaved rounds of ${flags.duration} s a scenario; ` +
      "× hello is the median of the rounds' ratios to the hello world's req/s, run just before and after";
    process.stdout.write(
      `\n${profiles.map(([name, summary]) => `${formatProfile(name, summary)}\n\n`).join("")}` +
        `${heading}\n\n${table(helloRow, rows, comparisons)}\n${JSON.stringify(figures)}\n`,
    );
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    await cleanUp();
  }
}

/** The hello world's figures beside a run: the mean of the runs before and after it. */
function mean(a: Segment, b: Segment): Segment {
  const both = (pick: (s: Segment) => number | null) => {
    const x = pick(a);
    const y = pick(b);
    return x === null || y === null ? null : (x + y) / 2;
  };
  return { ...a, rps: (a.rps + b.rps) / 2, cpuPerRequest: both((s) => s.cpuPerRequest) };
}

/** The directory profiles go to: the one named, or a fresh one (kept, so the profiles can be opened). */
function profileDirectory(named: string): string {
  const dir = named ? path.resolve(named) : fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-profiles-"));
  fs.mkdirSync(dir, { recursive: true });
  say(`CPU profiles go to ${dir}`);
  return dir;
}

process.exitCode = await main();
