import type { Kysely } from "kysely";

/**
 * A contact's lifecycle beyond create and delete: archived (Intercom's soft delete, undone by
 * unarchiving) and blocked (archived as spam, for good as far as the API goes). Merged leads need no
 * column: their row is gone once what they held has moved to the user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contacts")
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("contacts")
    .addColumn("blocked", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}
