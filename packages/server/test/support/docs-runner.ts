import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The docs test's machinery (docs/README.md, "Runnable blocks"): the fenced blocks of README.md and
 * docs/*.md marked runnable, read in one fixed order, and a shell session that runs them one after the
 * other against one scratch Gatehouse, as a reader would paste them into one terminal.
 */

export const REPO = path.resolve(import.meta.dirname, "../../../..");

/** The marker: a fence whose info string is `sh runnable` (the language first, as renderers expect). */
export const RUNNABLE = /^sh\s+runnable\s*$/;

/**
 * The order the pages are read in, the order a newcomer reads them: each page's blocks may use what the
 * blocks of the pages before it set. Every docs/*.md must be listed (the test checks), so a new page
 * cannot be skipped by accident.
 */
export const DOC_ORDER = [
  "README.md",
  "docs/cli.md",
  "docs/oauth.md",
  "docs/api.md",
  "docs/webhooks.md",
  "docs/protect-your-api.md",
  "docs/configuration.md",
  "docs/operations.md",
  "docs/security.md",
  "docs/compatibility.md",
  "docs/scopes.md",
  "docs/architecture.md",
  "docs/README.md",
];

/** Where the pages write the scratch server's address: replaced by the real one before a block runs. */
export const DOCUMENTED_URL = "http://127.0.0.1:8080";

export interface DocBlock {
  /** Relative to the repository, e.g. `docs/oauth.md`. */
  file: string;
  /** The line of the opening fence, 1-based. */
  line: number;
  /** The info string after the backticks, e.g. `sh runnable`, `yaml`. */
  info: string;
  text: string;
}

/** Every fenced block of a page (``` fences, not indented; the info string kept whole). */
export function blocksOf(file: string): DocBlock[] {
  const lines = fs.readFileSync(path.join(REPO, file), "utf8").split("\n");
  const blocks: DocBlock[] = [];
  let open: { line: number; info: string; fence: string; body: string[] } | undefined;
  lines.forEach((text, index) => {
    if (open) {
      if (text.trimEnd() === open.fence) {
        blocks.push({ file, line: open.line, info: open.info, text: `${open.body.join("\n")}\n` });
        open = undefined;
      } else open.body.push(text);
      return;
    }
    const fence = /^(`{3,})(.*)$/.exec(text);
    if (fence) open = { line: index + 1, info: (fence[2] ?? "").trim(), fence: fence[1] ?? "```", body: [] };
  });
  if (open) throw new Error(`${file}:${open.line}: a fence that is never closed`);
  return blocks;
}

/** The runnable blocks of every page, in DOC_ORDER, each page's in the order it gives them. */
export function runnableBlocks(): DocBlock[] {
  return DOC_ORDER.filter((file) => fs.existsSync(path.join(REPO, file))).flatMap((file) =>
    blocksOf(file).filter((block) => RUNNABLE.test(block.info)),
  );
}

export interface BlockRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * One reader's terminal, made of one bash process per block: each starts at the repository's root with
 * `set -euo pipefail`, the variables every earlier block left (`declare -p`, so arrays and exports
 * survive), runs the block, and leaves its own for the next. A block's background processes are ended
 * with it (its process group), so a server a block starts cannot outlive the block.
 */
export class DocSession {
  readonly dir: string;
  private readonly state: string;
  private readonly internals: Set<string>;
  private readonly env: NodeJS.ProcessEnv;
  private readonly url: string;

  constructor(dir: string, url: string, env: NodeJS.ProcessEnv) {
    this.dir = dir;
    this.url = url;
    this.env = env;
    this.state = path.join(dir, "state.sh");
    fs.writeFileSync(this.state, "");
    this.internals = bashInternals();
  }

  async run(block: DocBlock, timeoutMs = 30_000): Promise<BlockRun> {
    const name = `${block.file.replace(/\W/g, "_")}_${block.line}`;
    const body = path.join(this.dir, `${name}.sh`);
    fs.writeFileSync(body, block.text.replaceAll(DOCUMENTED_URL, this.url));
    const next = path.join(this.dir, `${name}.state.sh`);
    const keep = [...this.internals].join(" ");
    const script = [
      "set -euo pipefail",
      `source ${quote(this.state)}`,
      // What `npx gatehouse` resolves to, without npm's own start-up (a second or more per command).
      'npx() { if [ "$#" -gt 0 ] && [ "$1" = gatehouse ]; then shift; command gatehouse "$@"; else command npx "$@"; fi; }',
      `cd ${quote(REPO)}`,
      `source ${quote(body)}`,
      // Only after the block succeeded: the next block sees what this one set.
      `cd ${quote(REPO)}`,
      `__keep=" ${keep} "`,
      `for __v in $(compgen -v); do case "$__keep" in *" $__v "*) ;; *) declare -p "$__v" ;; esac; done > ${quote(next)}`,
      `declare -f >> ${quote(next)}`,
    ].join("\n");
    const started = Date.now();
    const child = spawn("bash", ["--noprofile", "--norc", "-c", script], {
      cwd: REPO,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      stderr += `\n[docs test] the block ran longer than ${timeoutMs} ms and was stopped`;
      killGroup(child.pid);
    }, timeoutMs);
    // `exit`, not `close`: a background process left running would hold the pipes open.
    const closed = new Promise((resolve) => child.once("close", resolve));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    killGroup(child.pid);
    // The last of its output, once what held the pipes has been stopped (a second at most).
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    if (code === 0) fs.copyFileSync(next, this.state);
    return { code, stdout, stderr, ms: Date.now() - started };
  }
}

/** The names bash sets itself (BASH_*, PPID, readonly ones…): never carried from block to block. */
function bashInternals(): Set<string> {
  const listed = spawnSync("bash", ["--noprofile", "--norc", "-c", "compgen -v"], {
    env: {},
    encoding: "utf8",
  });
  return new Set(["__keep", "__v", "_", ...listed.stdout.split("\n").filter(Boolean)]);
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    // The group is gone already.
  }
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
