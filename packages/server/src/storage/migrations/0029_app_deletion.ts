import type { Kysely } from "kysely";

/**
 * When an app was deleted. The row stays, like an uninstalled installation's: its revoked tokens, the
 * revocation feed resource servers read and the activity log all point at it, and deleting it would
 * cascade them away. A deleted app is found by no lookup (see `findAppByClientId`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("apps").addColumn("deleted_at", "bigint").execute();
}
