import fs from "node:fs";
import path from "node:path";
import type { Runtime } from "../src/bootstrap.ts";
import type { Services } from "../src/core/services.ts";
import { freePort, type ServerProcess, startProcess } from "./processes.ts";
import { type Demo, openRuntime, seedDemo } from "./seed.ts";
import { createStore } from "./stores.ts";

const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");
const HELLO = path.resolve(import.meta.dirname, "hello-world.ts");

/** Budgets no bench reaches: the bench measures the work of a request, not the limiter's refusals. */
const RAISED_LIMITS = {
  GATEHOUSE_RATE_LIMIT_APP: "1000000000",
  GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000000",
  GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT: "1000000000",
  GATEHOUSE_RATE_LIMIT_TOKEN_ADDRESS: "1000000000",
  GATEHOUSE_RATE_LIMIT_INTROSPECT: "1000000000",
};

/** A Gatehouse server the bench runs (`npm start` on its own database), and what it was seeded with. */
export interface Instance {
  name: string;
  base: string;
  /** The environment it runs in: the CLI pointed at the same database gets this too. */
  env: Record<string, string>;
  demo: Demo;
  server: ServerProcess;
  /** The bench's own runtime over the same database, where a scenario writes during the run. */
  services: Services;
  /** Where its CPU profile goes, with --cpu-prof. */
  profileDir: string | undefined;
  close(): Promise<void>;
}

export async function startGatehouse(options: {
  name: string;
  postgres: boolean;
  /** Settings beside the bench's (a smaller token cache, say). */
  env?: Record<string, string>;
  /** What goes in the database before the server starts, beyond the demo. */
  seed?: (services: Services, demo: Demo) => Promise<void>;
  profileDir?: string;
}): Promise<Instance> {
  const store = await createStore(options.postgres);
  let runtime: Runtime | undefined;
  let server: ServerProcess | undefined;
  const close = async () => {
    await server?.stop();
    await runtime?.close();
    await store.drop();
  };
  try {
    const port = await freePort();
    const env = {
      ...store.env,
      ...RAISED_LIMITS,
      ...options.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    };
    runtime = await openRuntime(env);
    const demo = await seedDemo(runtime.services);
    await options.seed?.(runtime.services, demo);
    if (options.profileDir) fs.mkdirSync(options.profileDir, { recursive: true });
    server = await startProcess({
      script: MAIN,
      nodeArgs: options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [],
      env,
      ready: /Stop with Ctrl-C\./,
    });
    return {
      name: options.name,
      base: `http://127.0.0.1:${port}`,
      env,
      demo,
      server,
      services: runtime.services,
      profileDir: options.profileDir,
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

export interface HelloWorld {
  base: string;
  server: ServerProcess;
}

export async function startHelloWorld(): Promise<HelloWorld> {
  const port = await freePort();
  const server = await startProcess({ script: HELLO, env: { PORT: String(port) }, ready: /listening/ });
  return { base: `http://127.0.0.1:${port}`, server };
}
