import type { Kysely } from "kysely";

/** The company a ticket is about (Intercom's `company_id` on ticket creation and update). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("tickets")
    .addColumn("company_seq", "integer", (c) => c.references("companies.seq").onDelete("set null"))
    .execute();
}
