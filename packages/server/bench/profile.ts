import fs from "node:fs";
import path from "node:path";

/** What `node --cpu-prof` writes (the V8 CPU profile), as far as the summary reads it. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  function: string;
  /** file:line, relative to the repository where it is inside it. */
  location: string;
  selfMs: number;
  /** Share of the time the process was busy (not idle), in percent. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  idlePercent: number;
  top: ProfileEntry[];
}

const REPO = path.resolve(import.meta.dirname, "../../..");
const NOT_WORK = new Set(["(idle)"]);

/** The newest profile in `dir` (one process writes one), summarised; undefined if there is none. */
export function summariseNewest(dir: string, top = 15): ProfileSummary | undefined {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")) : [];
  const newest = files
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  return newest ? summarise(newest, top) : undefined;
}

/** Self time by function (its name, file and line), largest first: where the process spent its CPU. */
export function summarise(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, ProfileEntry>();
  let sampled = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    if (!frame) return;
    sampled += micros;
    const name = frame.functionName || "(anonymous)";
    if (NOT_WORK.has(name)) {
      idle += micros;
      return;
    }
    const location = frame.url ? `${where(frame.url)}:${frame.lineNumber + 1}` : "";
    const key = `${name} ${location}`;
    const entry = self.get(key) ?? { function: name, location, selfMs: 0, percent: 0 };
    entry.selfMs += micros / 1000;
    self.set(key, entry);
  });
  const busyMs = (sampled - idle) / 1000;
  const entries = [...self.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  for (const entry of entries) entry.percent = busyMs > 0 ? (100 * entry.selfMs) / busyMs : 0;
  return {
    file,
    sampledMs: sampled / 1000,
    idlePercent: sampled > 0 ? (100 * idle) / sampled : 0,
    top: entries,
  };
}

function where(url: string): string {
  const file = url.startsWith("file://") ? new URL(url).pathname : url;
  return file.startsWith(`${REPO}/`) ? path.relative(REPO, file) : file;
}

export function formatProfile(name: string, summary: ProfileSummary): string {
  const lines = [
    `CPU profile of ${name} (${summary.file}): ${(summary.sampledMs / 1000).toFixed(1)} s sampled, ` +
      `${summary.idlePercent.toFixed(0)}% idle; top ${summary.top.length} by self time, % of busy time:`,
  ];
  for (const entry of summary.top)
    lines.push(
      `  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.function.slice(0, 40).padEnd(40)}  ${entry.location}`,
    );
  return lines.join("\n");
}
