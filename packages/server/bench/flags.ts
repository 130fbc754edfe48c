import { parseArgs } from "node:util";

export interface Flags {
  /** Seconds a run (one scenario, one round). */
  duration: number;
  rounds: number;
  /** Seconds of warm-up a scenario, before the first round. */
  warmup: number;
  connections: number;
  postgres: boolean;
  /** Scenario names (or prefixes: `cold`) to run; empty: all. */
  only: string[];
  /** How many tokens the large cold-lookup database stores. */
  coldTokens: number;
  /** Where Gatehouse's CPU profiles go, when asked for. */
  cpuProfDir: string | undefined;
  json: string | undefined;
}

export const USAGE = `npm run bench -- [options]
  --duration <s>       seconds a run (default 5)
  --rounds <n>         rounds, interleaved; the median ratio is reported (default 3)
  --warmup <s>         seconds of warm-up a scenario (default 1, 0 for none)
  --connections <n>    concurrent connections (default 50)
  --postgres           PostgreSQL (a fresh schema in GATEHOUSE_TEST_DATABASE_URL or postgres://…/test)
  --only <names>       scenarios to run, comma-separated (healthz, me, contacts, verify, introspect,
                       token, cold-1k, cold-1m; "cold" for both); the hello world always runs
  --cold-tokens <n>    tokens the large cold-lookup database holds (default 1000000)
  --cpu-prof [--cpu-prof-dir <dir>]
                       run Gatehouse with node --cpu-prof and print each profile's top 15 by self time
  --json <file>        write the figures there too (they are always the last line of stdout)`;

export function readFlags(argv = process.argv.slice(2)): Flags {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", default: "5" },
      rounds: { type: "string", default: "3" },
      warmup: { type: "string", default: "1" },
      connections: { type: "string", default: "50" },
      postgres: { type: "boolean", default: false },
      only: { type: "string", multiple: true, default: [] },
      "cold-tokens": { type: "string", default: "1000000" },
      "cpu-prof": { type: "boolean", default: false },
      "cpu-prof-dir": { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    duration: whole("--duration", values.duration, 1),
    rounds: whole("--rounds", values.rounds, 1),
    warmup: whole("--warmup", values.warmup, 0),
    connections: whole("--connections", values.connections, 1),
    postgres: values.postgres,
    only: values.only
      .flatMap((o) => o.split(","))
      .map((o) => o.trim())
      .filter(Boolean),
    coldTokens: whole("--cold-tokens", values["cold-tokens"], 1000),
    cpuProfDir: values["cpu-prof"] || values["cpu-prof-dir"] ? (values["cpu-prof-dir"] ?? "") : undefined,
    json: values.json,
  };
}

function whole(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`bench: ${name} must be a whole number of at least ${min}\n${USAGE}\n`);
    process.exit(2);
  }
  return value;
}
