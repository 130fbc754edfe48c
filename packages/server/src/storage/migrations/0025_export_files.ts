import { gzipSync } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * A finished content export keeps its file gzipped, compressed once by the runner that made it, so a
 * download sends stored bytes and no request waits on compression. Files already made are compressed
 * here, once, and the plain-text column goes.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("content_exports")
    .addColumn("file", dialect === "postgres" ? "bytea" : "blob")
    .execute();
  const made = await sql<{ id: number; csv: string }>`
    select id, csv from content_exports where csv is not null`.execute(db);
  for (const { id, csv } of made.rows)
    await sql`update content_exports set file = ${gzipSync(csv)} where id = ${id}`.execute(db);
  await db.schema.alterTable("content_exports").dropColumn("csv").execute();
}
