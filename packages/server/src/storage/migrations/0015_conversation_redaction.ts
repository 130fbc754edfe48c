import type { Kysely } from "kysely";

/**
 * Redaction (Intercom's `POST /conversations/redact`): a part or an opening message whose content was
 * erased keeps saying so, as Intercom's `redacted` flag on each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversation_parts")
    .addColumn("redacted", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("source_redacted", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}
