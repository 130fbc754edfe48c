import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migratorFor, openStorage, type Storage } from "../../src/storage/database.ts";
import { migrationProvider } from "../../src/storage/migrations/index.ts";

/** A database a test suite runs against. Every storage test runs once per available dialect. */
export interface TestDatabase {
  dialect: "sqlite" | "postgres";
  /** Undefined for SQLite: the server then uses a fresh data directory. */
  databaseUrl?: string;
}

export const POSTGRES_URL =
  process.env.GATEHOUSE_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let postgresReachable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers; otherwise why not, for the skip message. */
export function postgresUnavailable(): Promise<string | undefined> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return undefined;
    } catch (error) {
      return `PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresReachable;
}

/**
 * A fresh, empty PostgreSQL schema for one server (or several sharing it), so suites never see each
 * other's rows. The connection string selects it through `search_path`.
 */
export async function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `gh_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** Migrates a fresh database only through the migrations named below `before`: the schema as it stood then. */
async function migrateBefore(storage: Storage, before: string): Promise<void> {
  const everything = migrationProvider(storage.dialect);
  const migrator = await migratorFor(storage, {
    async getMigrations() {
      const all = await everything.getMigrations();
      return Object.fromEntries(Object.entries(all).filter(([name]) => name < before));
    },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * A scratch database (its own data directory, or its own PostgreSQL schema) migrated only through the
 * migrations named below `before`, handed to `work` and thrown away after: for testing what a migration
 * does to data that existed before it.
 */
export async function withStorageBefore(
  database: TestDatabase,
  before: string,
  work: (storage: Storage) => Promise<void>,
): Promise<void> {
  const pgSchema = database.dialect === "postgres" ? await freshPostgresSchema() : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gatehouse-${before}-`));
  const storage = openStorage({ databaseUrl: pgSchema?.url, dataDir });
  try {
    await migrateBefore(storage, before);
    await work(storage);
  } finally {
    await storage.close();
    await pgSchema?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A workspace row written straight into a scratch database, as one created before a migration stood. */
export function oldWorkspace(storage: Storage, idCode: string) {
  return storage.db
    .insertInto("workspaces")
    .values({
      id_code: idCode,
      name: idCode,
      timezone: "UTC",
      region: "US",
      secure: false,
      identity_verification: false,
      created_at: 1_600_000_000_000,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
