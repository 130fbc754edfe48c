import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const POSTGRES_URL = process.env.GATEHOUSE_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Where one Gatehouse instance of the bench keeps its data, and the environment that points it there. */
export interface Store {
  /** GATEHOUSE_DATA_DIR (the key file, and SQLite's database) and DATABASE_URL when on PostgreSQL. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh data directory, and with `postgres` a fresh schema in postgres://…/test (or
 * GATEHOUSE_TEST_DATABASE_URL), selected through the connection string's search_path.
 */
export async function createStore(postgres: boolean): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!postgres) return { env: { GATEHOUSE_DATA_DIR: dataDir }, drop: async () => removeDir() };
  const schema = `gh_bench_${crypto.randomBytes(4).toString("hex")}`;
  await query(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    env: { GATEHOUSE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async drop() {
      removeDir();
      await query(`drop schema if exists ${schema} cascade`);
    },
  };
}

async function query(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
