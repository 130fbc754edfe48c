import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "node:test";
import type { FastifyInstance } from "fastify";
import { type Runtime, type RuntimeOptions, startRuntime } from "../../src/bootstrap.ts";
import { loadConfig } from "../../src/config.ts";
import type { Services } from "../../src/core/services.ts";
import type { SchemaCompileTime } from "../../src/http/schema-compilers.ts";
import { buildServer } from "../../src/http/server.ts";
import { createLogger } from "../../src/logging.ts";
import { type CreatedApp, createApp, reviewScopeRequest } from "../../src/platform/apps/apps.ts";
import { addMember, createAdmin } from "../../src/platform/identity/admins.ts";
import { createWorkspace } from "../../src/platform/identity/workspaces.ts";
import type { AdminRow, WorkspaceRow } from "../../src/storage/tables/identity.ts";
import { freshPostgresSchema, postgresUnavailable, type TestDatabase } from "./databases.ts";
import { answerInProcess, type FetchLike } from "./in-process-fetch.ts";
import { validatingInProcessFetch } from "./openapi/validating-fetch.ts";

/** A real Gatehouse: the HTTP server listening on a loopback port, over a real, empty database. */
export interface Gatehouse {
  url: string;
  /**
   * `fetch` for `url`'s routes without the socket: Fastify's `inject` into this very server (checked
   * against Intercom's description like `validatingFetch`). `callApi(gh.url, …)` uses it too. Once
   * stopped, or for another origin, it goes over the network.
   */
  fetch: FetchLike;
  database: TestDatabase;
  services: Services;
  runtime: Runtime;
  server: FastifyInstance;
  dataDir: string;
  /** The settings the test gave it (a secret key, a webhook CA…), for a CLI or a second instance to share. */
  env: Record<string, string>;
  /** Stops the server and closes the database, keeping the data (for restarts). */
  stop(): Promise<void>;
  /** Stops, then removes every trace of the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse another Gatehouse's database and data directory (a restart, or a second instance). */
  sharing?: Pick<Gatehouse, "database" | "dataDir">;
  /** Where log lines go (default: nowhere, unless TEST_LOG_LEVEL is set). */
  logStream?: { write(line: string): void };
  /** How webhook endpoints' host names resolve (default: the system's resolver), e.g. a DNS that rebinds. */
  resolveHost?: RuntimeOptions["resolveHost"];
  /**
   * When the routes' schemas compile (default: on first use, as a test reaches a few routes of hundreds;
   * the route-schema test compiles them all at start, as a deployed server does).
   */
  schemaCompileTime?: SchemaCompileTime;
}

export async function startGatehouse(database: TestDatabase, options: StartOptions = {}): Promise<Gatehouse> {
  let dataDir = options.sharing?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-test-"));
  let databaseUrl = options.sharing?.database.databaseUrl;
  let dropSchema: (() => Promise<void>) | undefined;
  if (database.dialect === "postgres" && !options.sharing) {
    const schema = await freshPostgresSchema();
    databaseUrl = schema.url;
    dropSchema = schema.drop;
  }
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    ...options.env,
  });
  const logger = createLogger(config.logLevel, options.logStream);
  const runtime = await startRuntime(config, logger, {
    ...(options.resolveHost && { resolveHost: options.resolveHost }),
  });
  const server = await buildServer({
    config,
    services: runtime.services,
    logger,
    schemaCompileTime: options.schemaCompileTime ?? "on-first-use",
  });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("server has no TCP address");
  const url = `http://127.0.0.1:${address.port}`;
  const leaveProcess = answerInProcess(url, server);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      leaveProcess();
      await server.close();
      await runtime.close();
    })();
    return stopped;
  };
  const resolvedDatabase: TestDatabase = { dialect: database.dialect, ...(databaseUrl && { databaseUrl }) };
  return {
    url,
    fetch: validatingInProcessFetch,
    database: resolvedDatabase,
    services: runtime.services,
    runtime,
    server,
    dataDir,
    env: options.env ?? {},
    stop,
    async close() {
      await stop();
      await dropSchema?.();
      if (!options.sharing) fs.rmSync(dataDir, { recursive: true, force: true });
      dataDir = "";
    },
  };
}

/** Why PostgreSQL tests skip on this machine, or undefined when it answers. Settled once, at load. */
export const POSTGRES_MISSING = await postgresUnavailable();

/**
 * Declares a suite once per dialect: SQLite always, PostgreSQL when it answers and otherwise as a
 * skipped suite whose message says what is missing. `define` registers hooks and tests as usual.
 */
export function describeEachDatabase(name: string, define: (database: TestDatabase) => void): void {
  describe(`${name} [sqlite]`, () => define({ dialect: "sqlite" }));
  describe(`${name} [postgres]`, { skip: POSTGRES_MISSING ?? false }, () => define({ dialect: "postgres" }));
}

export interface Tenant {
  workspace: WorkspaceRow;
  admin: AdminRow;
  app: CreatedApp;
  token: string;
}

let counter = 0;

/** A workspace with an admin and a private app holding `scopes` (default: every standard scope). */
/** The password of every tenant's admin that `createTenant` makes, for tests that sign in as one. */
export const TENANT_PASSWORD = "correct horse battery staple";

export async function createTenant(
  services: Services,
  options: { name?: string; scopes?: string[]; email?: string } = {},
): Promise<Tenant> {
  counter++;
  const name = options.name ?? `Workspace ${counter}`;
  const workspace = await createWorkspace(services, { name, timezone: "Europe/Edinburgh" });
  const admin = await createAdmin(services, {
    email: options.email ?? `admin${counter}-${workspace.id_code}@example.com`,
    name: `Admin ${counter}`,
    password: TENANT_PASSWORD,
    emailVerified: true,
  });
  await addMember(services, workspace.id, admin.id, "owner");
  const app = await createApp(services, {
    workspaceId: workspace.id,
    adminId: admin.id,
    name: `${name} app`,
    scopes: options.scopes ?? services.scopes.ofTier("standard").map((s) => s.id),
  });
  return { workspace, admin, app, token: app.accessToken.token };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept: "application/json" };
}

export function basic(userAndPassword: string): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(userAndPassword).toString("base64")}`,
    accept: "application/json",
  };
}

/** A tenant whose app holds `scopes`, the extended ones approved by the operator (`gatehouse app review`). */
export async function tenantHolding(services: Services, scopes: string[]): Promise<Tenant> {
  const tenant = await createTenant(services, { scopes });
  for (const scope of scopes) {
    if (services.scopes.get(scope)?.tier === "extended")
      await reviewScopeRequest(services, {
        appId: tenant.app.app.id,
        scopeId: scope,
        decision: "approved",
      });
  }
  return tenant;
}
