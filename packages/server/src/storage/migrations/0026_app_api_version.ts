import type { Kysely } from "kysely";

/**
 * Each app's default API version (the Developer Hub's "API version" of an app): what its requests
 * speak when they send no `Intercom-Version` header. Apps made before this stood were served 2.14
 * without the header, and keep it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("apps")
    .addColumn("api_version", "text", (c) => c.notNull().defaultTo("2.14"))
    .execute();
}
