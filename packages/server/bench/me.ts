/**
 * `npm run bench`: starts the real server (its own process, on a fresh data directory) and measures
 * GET /me with a valid token beside /healthz, the server's cheapest route with no authentication.
 * The ratio of the two is what the token check costs: the target is at least 0.8.
 *
 * Flags: --duration <s> (default 10), --connections <n> (default 50), --postgres (a fresh schema in
 * postgres://postgres@127.0.0.1:5432/test), --json <file> (write the figures there too).
 */
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    postgres: { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const TARGET = 0.8;
const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");
const POSTGRES_URL = process.env.GATEHOUSE_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface Row {
  name: string;
  path: string;
  rps: number;
  /** Server CPU time per request: what the route costs, whatever the load generator can keep up with. */
  cpuMicros: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; token: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Access token: +(gat_[0-9A-Za-z]{36})/.exec(output);
      if (match && output.includes("Stop with Ctrl-C.")) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, token };
}

/** The server process's CPU time so far (user + system), in microseconds, from /proc. */
function cpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  duration: number,
  pid: number,
): Promise<Row> {
  const before = cpuMicros(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration, headers });
  const spent = cpuMicros(pid) - before;
  return {
    name,
    path: new URL(url).pathname,
    rps: result.requests.average,
    cpuMicros: spent / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
  const port = await freePort();
  const env: Record<string, string> = { GATEHOUSE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" };
  let dropSchema: (() => Promise<void>) | undefined;
  if (flags.postgres) {
    const schema = `gh_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    };
  }
  // A budget no benchmark reaches: this measures the token check, not the rate limiter's refusals.
  env.GATEHOUSE_RATE_LIMIT_APP = "1000000000";
  env.GATEHOUSE_RATE_LIMIT_WORKSPACE = "1000000000";
  const { child, token } = await startServer(env);
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${token}`, accept: "application/json" };
  const badChecksum = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
  try {
    process.stdout.write(
      `Gatehouse bench: ${flags.postgres ? "PostgreSQL" : "SQLite"}, ${CONNECTIONS} connections, ${DURATION} s a route, ${os.cpus().length} CPUs\n`,
    );
    // Warm-up: JIT, the token cache, connection pools.
    const pid = child.pid as number;
    await load("warm-up", `${base}/healthz`, {}, 2, pid);
    await load("warm-up", `${base}/me`, auth, 2, pid);
    const rows = [
      await load("healthz (no auth)", `${base}/healthz`, {}, DURATION, pid),
      await load("me (valid token)", `${base}/me`, auth, DURATION, pid),
      await load(
        "me (bad checksum, 401)",
        `${base}/me`,
        { authorization: `Bearer ${badChecksum}` },
        DURATION,
        pid,
      ),
    ];
    const [healthz, me] = rows as [Row, Row, Row];
    const ratio = me.rps / healthz.rps;
    // On a machine where the load generator shares the cores, req/s partly measures the generator; the
    // server's own CPU per request measures the server alone.
    const capacityRatio = healthz.cpuMicros / me.cpuMicros;
    const table = [
      "route                      req/s  server µs/req  p50 ms  p99 ms  non-2xx  errors",
      ...rows.map(
        (r) =>
          `${r.name.padEnd(25)} ${r.rps.toFixed(0).padStart(6)} ${r.cpuMicros.toFixed(1).padStart(14)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.errors).padStart(7)}`,
      ),
      "",
      `throughput ratio me/healthz:        ${ratio.toFixed(3)} (target ≥ ${TARGET}): ${ratio >= TARGET ? "PASS" : "BELOW TARGET"}`,
      `server capacity ratio me/healthz:   ${capacityRatio.toFixed(3)} (requests per server CPU-second)`,
    ];
    process.stdout.write(`${table.join("\n")}\n`);
    const figures = {
      database: flags.postgres ? "postgres" : "sqlite",
      connections: CONNECTIONS,
      duration: DURATION,
      rows,
      ratio,
      capacityRatio,
    };
    if (flags.json) fs.writeFileSync(flags.json, JSON.stringify(figures, null, 2));
    if (me.non2xx > 0 || me.errors > 0 || healthz.errors > 0) {
      process.stderr.write("bench: requests failed; the figures above are not valid\n");
      process.exitCode = 1;
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await dropSchema?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
