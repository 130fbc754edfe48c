import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** A port nobody listens on right now: the OS picks it, then it is released for the server to take. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server the bench runs in a child process on the bench's own Node (Gatehouse, or the hello world). */
export interface ServerProcess {
  pid: number;
  /** Throws, with the server's last output, if the process has ended. */
  assertRunning(): void;
  /** The server's CPU time so far (user + system), in microseconds; null where there is no /proc. */
  cpuMicros(): number | null;
  /** SIGTERM, then SIGKILL if it has not exited in 15 s. Safe to call more than once. */
  stop(): Promise<void>;
}

const TAIL_CHARS = 8_000;

/**
 * Starts `node [nodeArgs] script` and waits until its output says it is ready (`ready` matches), so
 * that no measured request lands on a server still starting.
 */
export async function startProcess(options: {
  script: string;
  nodeArgs?: string[];
  env: Record<string, string>;
  ready: RegExp;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Read everything it prints, so it never blocks on a full pipe; keep the tail for error reports.
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Should the bench itself die, the server must not outlive it.
  const orphaned = () => child.kill("SIGTERM");
  process.once("exit", orphaned);
  void exited.then(() => process.off("exit", orphaned));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.script} did not start in 60 s:\n${output}`)),
      60_000,
    );
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-TAIL_CHARS);
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.script} exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`),
      );
    });
  }).catch(async (error: unknown) => {
    await stop(child, exited);
    throw error;
  });
  const pid = child.pid as number;
  return {
    pid,
    assertRunning() {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${options.script} exited (${child.signalCode ?? `code ${child.exitCode}`}) during the bench:\n${output}`,
        );
      }
    },
    cpuMicros: () => cpuMicros(pid),
    stop: () => stop(child, exited),
  };
}

function cpuMicros(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (USER_HZ, 100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
