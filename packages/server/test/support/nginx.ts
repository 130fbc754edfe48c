import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const NGINX_PATH = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

/**
 * Why the nginx tests cannot run here, or undefined. `.ci/run` installs Debian's nginx, so in CI (where
 * `CI` is set) a missing nginx fails the suite instead of skipping it.
 */
export const NGINX_MISSING = fs.existsSync(NGINX_PATH)
  ? undefined
  : `nginx is not installed at ${NGINX_PATH} (apt-get install -y nginx)`;

/** A TCP port nothing listens on now (the kernel's choice, released at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Nginx {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * Runs the real nginx, in the foreground as the current user, from a prefix of its own: `http` is the
 * body of the `http {}` block; `files` are written beside nginx.conf (for its includes). Pid, logs and
 * temporary files stay in the prefix, which is removed on stop.
 */
export async function startNginx(
  http: string,
  port: number,
  files: Record<string, string> = {},
): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-nginx-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((name) => `    ${name}_temp_path ${path.join(dir, name)};`)
    .join("\n");
  const conf = `
daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} notice;
${os.userInfo().uid === 0 ? `user ${os.userInfo().username};` : ""}
events { worker_connections 128; }
http {
    access_log ${path.join(dir, "access.log")};
${temp}
${http}
}
`;
  const confPath = path.join(dir, "nginx.conf");
  fs.writeFileSync(confPath, conf);
  let output = "";
  const child: ChildProcess = spawn(
    NGINX_PATH,
    ["-p", dir, "-c", confPath, "-e", path.join(dir, "error.log")],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}${readLog(dir)}`);
    if (await accepts(port)) break;
    if (Date.now() - started > 10_000) throw new Error(`nginx did not listen: ${output}${readLog(dir)}`);
    await sleep(50);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "error.log"), "utf8");
  } catch {
    return "";
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
