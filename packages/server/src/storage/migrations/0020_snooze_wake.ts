import { type Kysely, sql } from "kysely";

/**
 * The snooze timer asks every second which snoozed conversations are due: a partial index holds only
 * the snoozed ones, so that question costs the same however many conversations are open or closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("conversations_snoozed_until_idx")
    .on("conversations")
    .column("snoozed_until")
    .where(sql.ref("state"), "=", "snoozed")
    .execute();
}
