import fc from "fast-check";
import type { Wire, WireRequest, WireResponse } from "./wire.ts";

/**
 * Runs one section of the hostile suite as a fast-check property, counting every request by class. The
 * first answer that fails (a 5xx, a dropped connection, a stack trace) stops the section; fast-check
 * then shrinks the generated request to the smallest one that still fails, and the error names it, with
 * the seed and the path that replay it. HOSTILE_KEEP_GOING=1 records failures and carries on instead,
 * to see every distinct one in a single run.
 */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 3000);
export const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
const REPLAY_PATH = process.env.HOSTILE_PATH;
/** HOSTILE_ONLY runs only the parts it names: "sweep", "malformed", "fields", "headers", "concurrency". */
const ONLY = process.env.HOSTILE_ONLY?.split(",").map((part) => part.trim());

export function included(part: string): boolean {
  return ONLY === undefined || ONLY.includes(part);
}
export const KEEP_GOING = process.env.HOSTILE_KEEP_GOING === "1";

export interface Sent {
  /** The class the request is counted in: "fields: query (utf-8)", "headers: host", … */
  klass: string;
  request: WireRequest;
  wire: Wire;
  /** A check of its own for this request's answer: a reason it is wrong, or undefined. */
  check?: (response: WireResponse) => string | undefined;
}

export interface Section<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  runs: number;
  prepare(value: T): Promise<Sent>;
}

/** The status to count a deliberate refusal under load with: a 503 carrying Retry-After, not a failure. */
export const SHED = -503;

export class Tally {
  readonly #rows = new Map<string, { requests: number; fiveHundreds: number; wrong: number }>();
  readonly #notes = new Map<string, number>();

  /**
   * Counts one request of `klass`: answered with `status` (undefined: no answer at all), and `wrong`
   * when the answer fails a check (a 5xx, a stack trace, a refusal not in Intercom's shape).
   */
  count(klass: string, status: number | undefined, wrong: boolean): void {
    const row = this.#rows.get(klass) ?? { requests: 0, fiveHundreds: 0, wrong: 0 };
    row.requests++;
    if (status === undefined || status === 0 || status >= 500) row.fiveHundreds++;
    if (status === SHED) this.note("shed by design (503 with Retry-After, sign-in under load)");
    if (wrong) row.wrong++;
    this.#rows.set(klass, row);
  }

  /** A secondary count (by kind of hostile value), printed under the table. */
  note(what: string): void {
    this.#notes.set(what, (this.#notes.get(what) ?? 0) + 1);
  }

  get total(): number {
    return [...this.#rows.values()].reduce((n, r) => n + r.requests, 0);
  }

  get fiveHundreds(): number {
    return [...this.#rows.values()].reduce((n, r) => n + r.fiveHundreds, 0);
  }

  get wrong(): number {
    return [...this.#rows.values()].reduce((n, r) => n + r.wrong, 0);
  }

  table(title: string): string {
    const rows = [...this.#rows].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(30, ...rows.map(([k]) => k.length));
    const line = (k: string, n: number | string, f: number | string, w: number | string) =>
      `# ${k.padEnd(width)} ${String(n).padStart(9)} ${String(f).padStart(6)} ${String(w).padStart(6)}`;
    const notes = [...this.#notes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    return [
      `# ${title} (seed ${SEED}; rerun with HOSTILE_SEED=${SEED})`,
      line("class", "requests", "5xx", "failed"),
      ...rows.map(([k, r]) => line(k, r.requests, r.fiveHundreds, r.wrong)),
      line("total", this.total, this.fiveHundreds, this.wrong),
      ...(notes ? [`# hostile values by kind: ${notes}`] : []),
      "# (5xx: answers 500 or above, or none at all; failed: every answer a check refused, 5xx included)",
      "",
    ].join("\n");
  }
}

/** Why an answer is wrong, whatever the request: undefined when it is an acceptable answer. */
export function verdict(response: WireResponse): string | undefined {
  if (response.status === 0) return "no status line";
  if (response.status >= 500) return `answered ${response.status}`;
  if (response.body.includes("    at ") || /node_modules|\.ts:\d+/.test(response.body)) {
    return "a stack trace in the answer";
  }
  return undefined;
}

export async function runSection<T>(section: Section<T>, tally: Tally): Promise<void> {
  if (!included(section.name)) return;
  const failures: string[] = [];
  let last: { sent: Sent; response?: WireResponse; why: string } | undefined;
  const property = fc.asyncProperty(section.arbitrary, async (value) => {
    const sent = await section.prepare(value);
    let response: WireResponse;
    try {
      response = await sent.wire.send(sent.request);
    } catch (error) {
      tally.count(sent.klass, undefined, true);
      last = { sent, why: (error as Error).message };
      return false;
    }
    const why = verdict(response) ?? sent.check?.(response);
    tally.count(sent.klass, response.status, why !== undefined);
    if (why === undefined) return true;
    last = { sent, response, why };
    if (!KEEP_GOING) return false;
    const where = `${sent.request.method} ${sent.request.target.split("?")[0]?.slice(0, 80)}`;
    const first = !failures.some((f) => f.startsWith(`${why} | ${where}`));
    if (first)
      failures.push(`${why} | ${where}\n${describe(sent.request)}\n  answer: ${response.body.slice(0, 300)}`);
    return true;
  });
  const details = await fc.check(property, {
    numRuns: section.runs,
    seed: SEED,
    ...(REPLAY_PATH && { path: REPLAY_PATH }),
  });
  if (failures.length > 0) {
    throw new Error(`${section.name}: ${failures.length} distinct failures\n${failures.join("\n")}`);
  }
  if (!details.failed || !last) return;
  const cause = details.errorInstance instanceof Error ? ` (${details.errorInstance.message})` : "";
  throw new Error(
    [
      `${section.name}: ${last.why}${cause} after ${details.numRuns} runs and ${details.numShrinks} shrinks.`,
      `The smallest request that fails (${last.sent.klass}):`,
      describe(last.sent.request),
      last.response ? `Its answer: ${last.response.status} ${last.response.body.slice(0, 500)}` : "",
      `Replay: HOSTILE_SEED=${SEED} HOSTILE_ONLY="${section.name}" HOSTILE_PATH="${details.counterexamplePath}"`,
    ].join("\n"),
  );
}

/** A request as a reader needs it: every byte visible, long parts cut with their length said. */
export function describe(request: WireRequest): string {
  const cut = (text: string, max: number) =>
    text.length > max
      ? `${JSON.stringify(text.slice(0, max))}… (${text.length} bytes)`
      : JSON.stringify(text);
  const lines = [`${request.method} ${cut(request.target, 300)}`];
  for (const [name, value] of request.headers) lines.push(`  ${name}: ${cut(value, 200)}`);
  if (request.omitHost) lines.push("  (no Host header)");
  if (request.body) lines.push(`  body: ${cut(request.body.toString("latin1"), 400)}`);
  return lines.join("\n");
}
