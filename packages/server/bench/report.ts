import type { Segment } from "./load.ts";

/** One line of the report: a scenario's runs, one a round, and its ratios to the hello world's. */
export interface Row {
  name: string;
  label: string;
  target: number | null;
  /** Why it did not run, when it did not. */
  unavailable: string | null;
  runs: Segment[];
  /** Requests a second over the hello world's beside it, a round each. */
  ratios: number[];
  /** The median of `ratios`: the figure the target is held to. */
  ratio: number | null;
  /** The median over rounds of the hello world's server CPU a request over this one's (for information). */
  cpuRatio: number | null;
  verdict: "PASS" | "BELOW TARGET" | "—" | "not available";
  wrong: number;
}

/** The cold lookups with a million tokens beside a thousand: the median of the rounds' ratios. */
export interface Comparison {
  label: string;
  ratios: number[];
  ratio: number;
  /** At least this: within 15%. */
  target: number;
  verdict: "PASS" | "BELOW TARGET";
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function row(
  scenario: { name: string; label: string; target?: number },
  runs: Segment[],
  hello: Segment[],
  unavailable?: string,
): Row {
  const ratios = runs.map((run, i) => run.rps / (hello[i]?.rps ?? Number.NaN));
  const cpu = runs.flatMap((run, i) => {
    const base = hello[i]?.cpuPerRequest;
    return run.cpuPerRequest && base ? [base / run.cpuPerRequest] : [];
  });
  const ratio = median(ratios);
  const target = scenario.target ?? null;
  return {
    name: scenario.name,
    label: scenario.label,
    target,
    unavailable: unavailable ?? null,
    runs,
    ratios,
    ratio,
    cpuRatio: median(cpu),
    verdict: unavailable
      ? "not available"
      : target === null || ratio === null
        ? "—"
        : ratio >= target
          ? "PASS"
          : "BELOW TARGET",
    wrong: runs.reduce((sum, run) => sum + run.wrong, 0),
  };
}

export function compare(label: string, large: Row, small: Row, target: number): Comparison {
  // Each against the hello world beside it, then one over the other, round by round.
  const ratios = large.ratios.map((ratio, i) => ratio / (small.ratios[i] ?? Number.NaN));
  const ratio = median(ratios) ?? Number.NaN;
  return { label, ratios, ratio, target, verdict: ratio >= target ? "PASS" : "BELOW TARGET" };
}

export function table(hello: Row, rows: Row[], comparisons: Comparison[]): string {
  const header = [
    "scenario",
    "req/s",
    "× hello",
    "rounds",
    "target",
    "verdict",
    "µs CPU/req",
    "× hello CPU",
    "p99 ms",
    "wrong",
  ];
  const fixed = (value: number | null | undefined, digits: number) =>
    value === null || value === undefined || Number.isNaN(value) ? "—" : value.toFixed(digits);
  const lines = [hello, ...rows].map((r) =>
    r.unavailable
      ? [r.label, "—", "—", "—", r.target === null ? "" : `≥ ${r.target}`, r.unavailable, "", "", "", ""]
      : [
          r.label,
          fixed(median(r.runs.map((run) => run.rps)), 0),
          r === hello ? "1" : fixed(r.ratio, 3),
          r === hello ? "" : r.ratios.map((x) => x.toFixed(2)).join(" "),
          r.target === null ? "" : `≥ ${r.target}`,
          r === hello ? "" : r.verdict,
          fixed(median(r.runs.flatMap((run) => (run.cpuPerRequest === null ? [] : [run.cpuPerRequest]))), 1),
          r === hello ? "1" : fixed(r.cpuRatio, 3),
          String(Math.max(...r.runs.map((run) => run.p99))),
          String(r.wrong),
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join("  ")
      .trimEnd();
  const out = [format(header), ...lines.map(format)];
  for (const c of comparisons)
    out.push(
      "",
      `${c.label}: ${c.ratio.toFixed(3)} (rounds ${c.ratios.map((x) => x.toFixed(2)).join(" ")}), ` +
        `target ≥ ${c.target}: ${c.verdict}`,
    );
  return out.join("\n");
}
