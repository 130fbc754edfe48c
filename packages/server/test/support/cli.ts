import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Gatehouse } from "./gatehouse.ts";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "../../src/cli/gatehouse.ts");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The real `gatehouse` command, each call in its own process, against a running test server's database,
 * data directory and keys (the ones the test gave it, or else the key file it wrote in its directory).
 * A failing command is answered, not thrown: tests read its exit code and message.
 */
export function cliOf(gh: Pick<Gatehouse, "dataDir" | "database" | "env">) {
  return async (...args: string[]): Promise<CliResult> => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
        env: {
          ...process.env,
          ...gh.env,
          GATEHOUSE_DATA_DIR: gh.dataDir,
          DATABASE_URL: gh.database.databaseUrl ?? "",
          LOG_LEVEL: "silent",
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as CliResult;
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

/**
 * What the running server answers once it has heard of a CLI change: at once over PostgreSQL (NOTIFY),
 * within SQLite's change poll (50 ms, later on a loaded machine) otherwise. Asks again every 25 ms until
 * `done` holds or two seconds pass, and returns the last answer either way, for the test to assert on.
 */
export async function settled<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const answer = await ask();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
