import type { Kysely } from "kysely";

/**
 * Tags on conversations and tickets, with when and by which admin each was put on. A tag leaves with
 * the tag or the record; an admin's leaving keeps the tags they applied, unattributed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, record, references] of [
    ["conversation_tags", "conversation_id", "conversations.id"],
    ["ticket_tags", "ticket_id", "tickets.id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(record, "integer", (c) => c.notNull().references(references).onDelete("cascade"))
      .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
      .addColumn("applied_at", "bigint", (c) => c.notNull())
      .addColumn("applied_by", "integer", (c) => c.references("admins.id").onDelete("set null"))
      .addPrimaryKeyConstraint(`${table}_pk`, [record, "tag_id"])
      .execute();
    // Deleting a tag finds what it is on without reading every row.
    await db.schema.createIndex(`${table}_tag_idx`).on(table).columns(["tag_id"]).execute();
  }
}
