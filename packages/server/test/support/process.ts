import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const MAIN = path.resolve(import.meta.dirname, "../../src/main.ts");
export const CLI = path.resolve(import.meta.dirname, "../../src/cli/gatehouse.ts");

/** Runs a command under the most permissive umask there is: `sh` arguments, then the node script and its own. */
export const UMASK_0 = ["-c", 'umask 000 && exec "$0" "$@"', process.execPath];

/** A real Gatehouse process (`npm start`), as an operator runs it. */
export interface GatehouseProcess {
  child: ChildProcess;
  url: string;
  /** The demo app's access token, printed on a first start (empty on later ones). */
  token: string;
  /** Everything it has printed so far, logs and banner. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code (at once if it has already exited). */
  stop(): Promise<number | null>;
}

/**
 * Starts `npm start`'s entry point with `env` over the test's environment (LOG_LEVEL warn, PORT 0),
 * under umask 0 when asked, and resolves once it prints its banner.
 */
export async function startProcess(
  env: Record<string, string>,
  options: { umask0?: boolean } = {},
): Promise<GatehouseProcess> {
  const [command, args] = options.umask0 ? ["sh", [...UMASK_0, MAIN]] : [process.execPath, [MAIN]];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: "0", LOG_LEVEL: "warn", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${output}`)), 30_000);
    const ready = () => {
      if (!output.includes("Stop with Ctrl-C.")) return;
      clearTimeout(timer);
      child.stdout?.off("data", ready);
      child.off("exit", exited);
      resolve();
    };
    const exited = (code: number | null) => reject(new Error(`exited with ${code}:\n${output}`));
    child.stdout?.on("data", ready);
    child.once("exit", exited);
  });
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
  assert.ok(url, output);
  return {
    child,
    url,
    token: /Access token: {3}(gat_[0-9A-Za-z]{36})/.exec(output)?.[1] ?? "",
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      return exited;
    },
  };
}
