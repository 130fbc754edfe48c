import autocannon from "autocannon";
import type { ServerProcess } from "./processes.ts";

/** What a scenario sends, over and over, and the one answer every request of it must get. */
export interface Load {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * What changes from one request to the next (a token from a rotation, a fresh code), taken in turn
   * across all connections; undefined when there is nothing left to send.
   */
  next?: () => { headers?: Record<string, string>; body?: string } | undefined;
  /** The status every request must be answered with. */
  expect: number;
  /** Before each run: e.g. mint the codes a run of `seconds` at up to `rps` a second will redeem. */
  beforeRun?: (seconds: number, rps: number) => Promise<void>;
}

/** One autocannon run of one load. */
export interface Segment {
  seconds: number;
  /** Requests completed a second. */
  rps: number;
  total: number;
  /** Server CPU time (user + system) a request, µs; null where there is no /proc. */
  cpuPerRequest: number | null;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Answers other than the expected status, and requests that got none (errors include timeouts). */
  wrong: number;
  /** The load's `next` ran dry before the time was up: the rate is over the time it ran. */
  ranOut: boolean;
}

export async function runLoad(
  base: string,
  load: Load,
  server: ServerProcess,
  seconds: number,
  connections: number,
): Promise<Segment> {
  let ranOut = false;
  const next = load.next;
  const before = server.cpuMicros();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        pipelining: 1,
        duration: seconds,
        requests: [
          {
            method: load.method,
            path: load.path,
            headers: load.headers,
            ...(load.body !== undefined && { body: load.body }),
            ...(next && {
              setupRequest: (request: autocannon.Request) => {
                const change = next();
                if (change === undefined) {
                  if (!ranOut) instance.stop();
                  ranOut = true;
                  return request;
                }
                return { ...request, ...change };
              },
            }),
          },
        ],
      },
      (error, output) => (error ? reject(error) : resolve(output)),
    );
  });
  const after = server.cpuMicros();
  server.assertRunning();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const expected = statusCodes[String(load.expect)] ?? 0;
  const total = result.requests.total;
  return {
    seconds: result.duration,
    rps: total / result.duration,
    total,
    cpuPerRequest: before === null || after === null ? null : (after - before) / Math.max(1, total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    wrong: ranOut ? 0 : total - expected + result.errors,
    ranOut,
  };
}
