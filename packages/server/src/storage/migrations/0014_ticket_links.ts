import { type Kysely, sql } from "kysely";

/**
 * Conversations linked to tickets (Intercom's `conversation_to_link_id`, shown as `linked_objects` on
 * both), and the conversation a ticket was converted from, which converts once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ticket_links")
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    .addColumn("conversation_id", "integer", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("ticket_links_pk", ["ticket_id", "conversation_id"])
    .execute();
  await db.schema
    .createIndex("ticket_links_conversation_idx")
    .on("ticket_links")
    .column("conversation_id")
    .execute();
  await db.schema
    .alterTable("tickets")
    .addColumn("converted_from_id", "integer", (c) => c.references("conversations.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("tickets_converted_from_uq")
    .on("tickets")
    .column("converted_from_id")
    .unique()
    .where(sql.ref("converted_from_id"), "is not", null)
    .execute();
}
