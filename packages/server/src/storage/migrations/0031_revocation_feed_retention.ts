import type { Kysely } from "kysely";

/**
 * The revocation feed keeps its entries for a retention window, not for ever (issue 14's feed had grown
 * without end). One row records how far it has been cleared: a reader whose cursor is older than that
 * may have missed entries, and is told so instead of being answered as if nothing had happened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("token_revocation_horizon")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("purged_through", "bigint", (c) => c.notNull())
    .execute();
  await (db as Kysely<{ token_revocation_horizon: { id: number; purged_through: number } }>)
    .insertInto("token_revocation_horizon")
    .values({ id: 1, purged_through: 0 })
    .execute();
}
