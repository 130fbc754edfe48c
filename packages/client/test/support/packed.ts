import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

/** The repository's root, and the client package in it. */
export const REPO = path.resolve(import.meta.dirname, "../../../..");
export const CLIENT_DIR = path.join(REPO, "packages/client");

/** The environment for npm and the system Node: the outer `npm test`'s own npm settings left out. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")),
  );
}

/**
 * Runs a command, returning its stdout; a failure carries its stderr, so the test says what went wrong.
 * Never synchronously: the Gatehouse it may talk to answers on this process's event loop.
 */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd, env: cleanEnv(), timeout: 120_000 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stderr ?? ""}${stdout ?? ""}`);
  }
}

export interface SystemNode {
  path: string;
  version: string;
}

/**
 * The machine's own Node: `GATEHOUSE_SYSTEM_NODE` if set, else the first `node` on PATH (or in /usr/bin,
 * /usr/local/bin) that is not this repository's pinned Node 24 (node_modules/.bin/node). Throws, saying
 * what to install, when there is none: the packed client must be proven on a Node users really have.
 */
export async function systemNode(): Promise<SystemNode> {
  const candidates = process.env.GATEHOUSE_SYSTEM_NODE
    ? [process.env.GATEHOUSE_SYSTEM_NODE]
    : [
        ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "node")),
        "/usr/bin/node",
        "/usr/local/bin/node",
      ];
  for (const candidate of candidates) {
    let real: string;
    try {
      real = fs.realpathSync(candidate);
      fs.accessSync(real, fs.constants.X_OK);
    } catch {
      continue;
    }
    // The pinned Node 24 (node_modules/node), here or in a linked checkout, is not the machine's own.
    if (real.startsWith(REPO + path.sep) || real.split(path.sep).includes("node_modules")) continue;
    const version = (await run(real, ["--version"], REPO)).trim();
    const major = Number(/^v(\d+)\./.exec(version)?.[1]);
    if (!(major >= 20))
      throw new Error(`The system Node ${real} is ${version}: @gatehouse/client needs Node 20 or later`);
    return { path: real, version };
  }
  throw new Error(
    "No system Node found outside this repository (looked on PATH, in /usr/bin and /usr/local/bin): " +
      "install Node 20 or later (apt-get install -y nodejs), or name one in GATEHOUSE_SYSTEM_NODE",
  );
}

/**
 * `npm pack --workspace @gatehouse/client` into `destination`, from a tree without dist/, so the package's
 * own `prepack` must build it. Returns the tarball and the paths it holds (without tar's `package/`).
 */
export async function packClient(destination: string): Promise<{ tarball: string; files: string[] }> {
  fs.rmSync(path.join(CLIENT_DIR, "dist"), { recursive: true, force: true });
  fs.mkdirSync(destination, { recursive: true });
  await run("npm", ["pack", "--workspace", "@gatehouse/client", "--pack-destination", destination], REPO);
  const [name, ...others] = fs.readdirSync(destination).filter((file) => file.endsWith(".tgz"));
  if (!name || others.length > 0) throw new Error(`expected one tarball in ${destination}`);
  const tarball = path.join(destination, name);
  const files = (await run("tar", ["-tzf", tarball], destination))
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
  return { tarball, files };
}

/** An empty ESM project in `dir` with the tarball installed from disk (`--offline`: it needs no network). */
export async function installInto(dir: string, tarball: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }),
  );
  await run("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund"], dir);
  return path.join(dir, "node_modules/@gatehouse/client");
}

const SPECIFIER =
  /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\sfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g;

/**
 * Every module `entry` loads, following its static and literal dynamic imports: each file (relative to
 * the entry's folder) with the specifiers it names.
 */
export function importGraph(entry: string): Map<string, string[]> {
  const root = path.dirname(entry);
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    const key = path.relative(root, file);
    if (graph.has(key)) return;
    const specifiers = [...fs.readFileSync(file, "utf8").matchAll(SPECIFIER)].map(
      (match) => match[1] ?? match[2] ?? "",
    );
    graph.set(key, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith("./") || specifier.startsWith("../")) {
        visit(path.resolve(path.dirname(file), specifier));
      }
    }
  };
  visit(entry);
  return graph;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".html": "text/html",
  ".map": "application/json",
};

/**
 * A site for a browser: `/package/…` serves the installed package's files, `/` a blank page, and every
 * other path is passed through to Gatehouse at `upstream`, as a same-origin reverse proxy would (Gatehouse,
 * like Intercom, sends no CORS headers, so a browser app reaches it from its own origin).
 */
export async function browserSite(
  packageDir: string,
  upstream: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    if (url.pathname === "/")
      return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html>");
    if (url.pathname.startsWith("/package/")) {
      const file = path.join(packageDir, path.normalize(url.pathname.slice("/package/".length)));
      if (!file.startsWith(packageDir + path.sep) || !fs.existsSync(file)) return res.writeHead(404).end();
      return res
        .writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" })
        .end(fs.readFileSync(file));
    }
    const target = new URL(url.pathname + url.search, upstream);
    const forward = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
