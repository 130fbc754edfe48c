/**
 * `npm run bench`: starts the real server (its own process, on a fresh data directory) and measures
 * GET /me with a valid token beside /healthz, the server's cheapest route with no authentication.
 * The ratio of the two is what the token check costs: the target is at least 0.8. A third run sends a
 * token with a wrong checksum (refused before any hashing or database work), for information.
 *
 * Flags: --duration <s> a route (default 10; each route runs in two halves, so an odd number is
 * rounded up),
 * --connections <n> (default 50), --warmup <s> a route (default 2, 0 for none),
 * --postgres (a fresh schema in postgres://postgres@127.0.0.1:5432/test, or GATEHOUSE_TEST_DATABASE_URL),
 * --json <file> (write the figures there too; they are always printed as the last line of stdout).
 *
 * Exits 0 whether or not the target is met; 1 when the server failed or requests did not get the
 * answers they should (any error, any non-2xx on /me, anything but 401 for the bad checksum).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { freePort, type ServerProcess, startServer } from "./server-process.ts";

const TARGET = 0.8;
const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");
const POSTGRES_URL = process.env.GATEHOUSE_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "2" },
    postgres: { type: "boolean", default: false },
    json: { type: "string" },
  },
});
// Whole seconds: autocannon rounds a run up to its next one-second sample.
const HALF = Math.ceil(wholeFlag("--duration", flags.duration, 2) / 2);
const DURATION = 2 * HALF;
const CONNECTIONS = wholeFlag("--connections", flags.connections, 1);
const WARMUP = wholeFlag("--warmup", flags.warmup, 0);

function wholeFlag(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`bench: ${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return value;
}

// Output piped into something that stops reading (`| head`) must not cut the clean-up short.
process.stdout.on("error", () => {});

interface Route {
  name: string;
  path: string;
  headers: Record<string, string>;
}

/** One autocannon run against one route. */
interface Segment {
  /** How long the run lasted, as autocannon measured it. */
  seconds: number;
  /** Requests completed over seconds. */
  rps: number;
  total: number;
  /** Server CPU time (user + system) spent during the run, µs; null where there is no /proc. */
  serverCpu: number | null;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** A route's figures: its two half-runs together. */
interface Row {
  name: string;
  path: string;
  /** Requests a second over both halves. */
  rps: number;
  total: number;
  /** Server CPU time per request: what the route costs, whatever the load generator can keep up with. */
  serverMicros: number | null;
  /** Latency percentiles in ms (autocannon's whole-millisecond resolution): the worse of the two halves. */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  halves: Segment[];
}

/** The server process's CPU time so far (user + system), in microseconds; null where there is no /proc. */
function cpuMicros(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (USER_HZ, 100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

async function load(server: ServerProcess, base: string, route: Route, seconds: number): Promise<Segment> {
  const before = cpuMicros(server.pid);
  const result = await autocannon({
    url: base + route.path,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers: route.headers,
  });
  const after = cpuMicros(server.pid);
  server.assertRunning();
  return {
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    total: result.requests.total,
    serverCpu: before === null || after === null ? null : after - before,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    ),
  };
}

function combine(route: Route, halves: Segment[]): Row {
  const sum = (pick: (s: Segment) => number) => halves.reduce((total, s) => total + pick(s), 0);
  const total = sum((s) => s.total);
  const statusCodes: Record<string, number> = {};
  for (const half of halves)
    for (const [code, count] of Object.entries(half.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    name: route.name,
    path: route.path,
    rps: total / sum((s) => s.seconds),
    total,
    serverMicros: halves.every((s) => s.serverCpu !== null)
      ? sum((s) => s.serverCpu as number) / Math.max(1, total)
      : null,
    p50: Math.max(...halves.map((s) => s.p50)),
    p99: Math.max(...halves.map((s) => s.p99)),
    non2xx: sum((s) => s.non2xx),
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    statusCodes,
    halves,
  };
}

/** One request of each kind before any load: the figures mean nothing if these answers are wrong. */
async function sanityCheck(base: string, auth: Record<string, string>, bad: Record<string, string>) {
  const me = await fetch(`${base}/me`, { headers: auth });
  const body = (await me.json()) as { type?: string };
  if (me.status !== 200 || body.type !== "admin") {
    throw new Error(`GET /me with the demo token answered ${me.status} ${JSON.stringify(body)}`);
  }
  const refused = await fetch(`${base}/me`, { headers: bad });
  await refused.arrayBuffer();
  if (refused.status !== 401) throw new Error(`GET /me with a bad checksum answered ${refused.status}`);
}

/** A fresh schema in PostgreSQL, selected through the connection string's search_path. */
async function postgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `gh_bench_${crypto.randomBytes(4).toString("hex")}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => query(`drop schema if exists ${schema} cascade`) };
}

function table(rows: Row[]): string {
  const header = ["route", "req/s", "server µs/req", "p50 ms", "p99 ms", "non-2xx", "errors"];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.serverMicros === null ? "n/a" : r.serverMicros.toFixed(1),
    String(r.p50),
    String(r.p99),
    String(r.non2xx),
    String(r.errors + r.timeouts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ");
  return [format(header), ...lines.map(format)].join("\n");
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
  let database: Awaited<ReturnType<typeof postgresSchema>> | undefined;
  let server: ServerProcess | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => {
    cleaning ??= (async () => {
      await server?.stop();
      await database?.drop().catch((error: unknown) => {
        process.stderr.write(`bench: could not drop the schema: ${String(error)}\n`);
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return cleaning;
  };
  // Ctrl-C: stop the server and remove what the bench made before leaving.
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`bench: ${signal}, stopping\n`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    if (flags.postgres) database = await postgresSchema();
    const port = await freePort();
    server = await startServer(MAIN, {
      GATEHOUSE_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // A budget no benchmark reaches: this measures the token check, not the rate limiter's refusals.
      GATEHOUSE_RATE_LIMIT_APP: "1000000000",
      GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000000",
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    const base = `http://127.0.0.1:${port}`;
    const token = server.token;
    const auth = { authorization: `Bearer ${token}`, accept: "application/json" };
    // Same shape and alphabet, last checksum character changed: refused by the checksum, no hashing, no I/O.
    const bad = {
      authorization: `Bearer ${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      accept: "application/json",
    };
    await sanityCheck(base, auth, bad);

    process.stdout.write(
      `Gatehouse bench: ${flags.postgres ? "PostgreSQL" : "SQLite"}, Node ${process.version}, ` +
        `${os.availableParallelism()} CPUs shared by server and load generator\n` +
        `${CONNECTIONS} connections, pipelining 1, ${WARMUP} s warm-up a route, ${DURATION} s a route ` +
        `(two halves, order A B C C B A)\n\n`,
    );
    const routes: Route[] = [
      { name: "GET /healthz (no auth)", path: "/healthz", headers: {} },
      { name: "GET /me (valid token)", path: "/me", headers: auth },
      { name: "GET /me (bad checksum, 401)", path: "/me", headers: bad },
    ];
    // Warm-up: JIT, the token cache, connection pools.
    if (WARMUP > 0) for (const route of routes) await load(server, base, route, WARMUP);
    // Each route runs twice for half the time, in the order A B C C B A: a machine whose speed drifts
    // during the bench (frequency scaling, neighbours) then weighs on every route alike, not on the
    // one that happened to run last.
    const halves = new Map<Route, Segment[]>(routes.map((r) => [r, []]));
    for (const route of [...routes, ...[...routes].reverse()]) {
      halves.get(route)?.push(await load(server, base, route, HALF));
    }
    const rows = routes.map((route) => combine(route, halves.get(route) ?? []));
    const [healthz, me, refused] = rows as [Row, Row, Row];

    const ratio = me.rps / healthz.rps;
    // Where the load generator shares the cores, req/s partly measures the generator; the server's own
    // CPU time per request measures the server alone.
    const capacityRatio =
      healthz.serverMicros !== null && me.serverMicros !== null
        ? healthz.serverMicros / me.serverMicros
        : null;
    const verdict = ratio >= TARGET ? "PASS" : "BELOW TARGET";
    process.stdout.write(
      `${table(rows)}\n\n` +
        `ratio me/healthz, req/s:           ${ratio.toFixed(3)}  target ≥ ${TARGET}: ${verdict}\n` +
        `ratio me/healthz, server CPU/req:  ${capacityRatio === null ? "n/a" : capacityRatio.toFixed(3)}  (healthz µs ÷ me µs; for information)\n`,
    );

    const failures: string[] = [];
    for (const row of rows) {
      if (row.errors > 0 || row.timeouts > 0)
        failures.push(`${row.name}: ${row.errors} errors, ${row.timeouts} timeouts`);
      if (row.total === 0) failures.push(`${row.name}: no requests completed`);
    }
    if (me.non2xx > 0)
      failures.push(`${me.name}: ${me.non2xx} non-2xx answers ${JSON.stringify(me.statusCodes)}`);
    if (healthz.non2xx > 0) failures.push(`${healthz.name}: ${healthz.non2xx} non-2xx answers`);
    const not401 = Object.entries(refused.statusCodes).filter(([code]) => code !== "401");
    if (not401.length > 0)
      failures.push(`${refused.name}: answers other than 401 ${JSON.stringify(refused.statusCodes)}`);

    const figures = {
      database: flags.postgres ? "postgres" : "sqlite",
      node: process.version,
      cpus: os.availableParallelism(),
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      rows,
      ratio,
      capacityRatio,
      target: TARGET,
      verdict,
      failures,
    };
    if (flags.json) fs.writeFileSync(flags.json, `${JSON.stringify(figures, null, 2)}\n`);
    for (const failure of failures) process.stderr.write(`bench: FAILED: ${failure}\n`);
    if (failures.length > 0) process.stderr.write("bench: the figures above are not valid\n");
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
