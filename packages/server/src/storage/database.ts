import path from "node:path";
import { Kysely, SqliteDialect, sql } from "kysely";
import { type MigrationProvider, Migrator } from "kysely/migration";
import pg from "pg";
import pino, { type Logger } from "pino";
import { GatehousePostgresDialect } from "./dialects/postgres-dialect.ts";
import { openPool } from "./dialects/postgres-pool.ts";
import { openSqlite } from "./dialects/sqlite-adapter.ts";
import { migrationProvider } from "./migrations/index.ts";
import { createPrivateFile } from "./private-files.ts";
import type { Database, Dialect } from "./schema.ts";

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages: the SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  /** The local paths that hold data (SQLite's directory, file, -wal and -shm), to check who can read them. */
  localPaths: string[];
  /**
   * SQLite only: a counter that moves whenever another process (the CLI, a second server) commits to
   * the database file. Reading it is an in-memory check, no I/O.
   */
  dataVersion?: () => number;
  close(): Promise<void>;
}

export interface StorageOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** PostgreSQL: how this instance's connections are named (default: "gatehouse"). */
  applicationName?: string;
  /** Where lost connections are reported (default: nowhere). */
  log?: Logger;
}

const PG_INT8 = 20;

export function openStorage({ databaseUrl, dataDir, applicationName, log }: StorageOptions): Storage {
  if (databaseUrl) {
    const pool = openPool({
      connectionString: databaseUrl,
      max: 10,
      applicationName: applicationName ?? "gatehouse",
      log: log ?? pino({ level: "silent" }),
      // Millisecond timestamps are bigint columns; they fit a JS number exactly.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === PG_INT8
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new GatehousePostgresDialect({ pool }) });
    return {
      db,
      dialect: "postgres",
      location: redactUrl(databaseUrl),
      localPaths: [],
      close: () => db.destroy(),
    };
  }
  const file = path.join(dataDir, "gatehouse.db");
  // Made 0600 before SQLite opens it: SQLite would make it 0644, and gives the -wal and -shm files it
  // makes beside it the database file's own mode.
  createPrivateFile(file);
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const version = sqlite.raw.prepare("PRAGMA data_version");
  return {
    db,
    dialect: "sqlite",
    location: file,
    localPaths: [dataDir, file, `${file}-wal`, `${file}-shm`],
    dataVersion: () => Number((version.get() as { data_version: number }).data_version),
    close: () => db.destroy(),
  };
}

/** Applies every pending migration; safe to run from several instances at once (Kysely takes a lock). */
export async function migrate(storage: Storage): Promise<string[]> {
  const migrator = await migratorFor(storage, migrationProvider(storage.dialect));
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrator `migrate` runs, over any set of migrations (tests build a schema as an older one stood). */
export async function migratorFor(storage: Storage, provider: MigrationProvider): Promise<Migrator> {
  // Named explicitly on PostgreSQL: Kysely looks for its tables across every schema, and another
  // schema's copy (a second Gatehouse on the same server) must not count as ours.
  const schema =
    storage.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db: storage.db,
    provider,
    migrationTableName: "gatehouse_migrations",
    migrationLockTableName: "gatehouse_migrations_lock",
    // A migration numbered below one a database has already run (a resource group that landed later)
    // is still applied, not refused.
    allowUnorderedMigrations: true,
    ...(schema && { migrationTableSchema: schema }),
  });
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}
