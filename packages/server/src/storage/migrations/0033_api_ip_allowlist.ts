import type { Kysely } from "kysely";

/**
 * A workspace's REST API IP allowlist (Intercom 2.14 `/ip_allowlist`): off, and empty, for every
 * workspace until its admins turn it on. Kept on the workspace row because the token lookup already
 * reads that row: the list travels with the cached principal and costs the hot path nothing when off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("workspaces")
    .addColumn("api_ip_allowlist_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("workspaces")
    .addColumn("api_ip_allowlist", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
}
