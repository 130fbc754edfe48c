import { type ChildProcess, spawn } from "node:child_process";
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

/** The real server, run as `npm start` runs it, in a child process. */
export interface ServerProcess {
  pid: number;
  /** The demo app's access token, read from the start banner. */
  token: string;
  /** Throws, with the server's last output, if the process has ended. */
  assertRunning(): void;
  /** SIGTERM, then SIGKILL if it has not exited in 15 s. Safe to call more than once. */
  stop(): Promise<void>;
}

const TAIL_CHARS = 8_000;

export async function startServer(main: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Read everything it prints, so it never blocks on a full pipe; keep the tail for error reports.
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Should the bench itself die, the server must not outlive it.
  const orphaned = () => child.kill("SIGTERM");
  process.once("exit", orphaned);
  void exited.then(() => process.off("exit", orphaned));
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-TAIL_CHARS);
      const match = /^ *Access token: +(gat_[0-9A-Za-z]+)$/m.exec(output);
      if (match && output.includes("Stop with Ctrl-C.")) {
        clearTimeout(timer);
        resolve(match[1] as string);
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
      reject(new Error(`the server exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop(child, exited);
    throw error;
  });
  return {
    pid: child.pid as number,
    token,
    assertRunning() {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the server exited (${child.signalCode ?? `code ${child.exitCode}`}) during the bench:\n${output}`,
        );
      }
    },
    stop: () => stop(child, exited),
  };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
