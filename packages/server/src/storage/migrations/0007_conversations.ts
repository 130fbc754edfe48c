import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/**
 * Conversations: the opening message (`source`) and the state and reporting figures kept on the
 * conversation row, the contacts taking part, and the parts written after the opening message.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("conversations")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("title", "text")
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["open", "closed", "snoozed"])))
    .addColumn("read", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("snoozed_until", "bigint")
    .addColumn("waiting_since", "bigint")
    .addColumn("admin_assignee_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("company_seq", "integer", (c) => c.references("companies.seq").onDelete("set null"))
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_delivered_as", "text", (c) => c.notNull())
    .addColumn("source_subject", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source_body", "text", (c) => c.notNull())
    .addColumn("source_author_type", "text", (c) =>
      c.notNull().check(oneOf("source_author_type", ["admin", "user", "lead", "bot"])),
    )
    .addColumn("source_author_id", "text", (c) => c.notNull())
    .addColumn("source_attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("source_url", "text")
    .addColumn("first_contact_reply_at", "bigint")
    .addColumn("first_assignment_at", "bigint")
    .addColumn("first_admin_reply_at", "bigint")
    .addColumn("first_close_at", "bigint")
    .addColumn("last_assignment_at", "bigint")
    .addColumn("last_assignment_admin_reply_at", "bigint")
    .addColumn("last_contact_reply_at", "bigint")
    .addColumn("last_admin_reply_at", "bigint")
    .addColumn("last_close_at", "bigint")
    .addColumn("last_closed_by_id", "integer")
    .addColumn("time_to_assignment", "integer")
    .addColumn("time_to_admin_reply", "integer")
    .addColumn("time_to_first_close", "integer")
    .addColumn("time_to_last_close", "integer")
    .addColumn("response_times", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("count_reopens", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("count_assignments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("count_conversation_parts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversations_workspace_idx")
    .on("conversations")
    .columns(["workspace_id", "id"])
    .execute();

  await db.schema
    .createTable("conversation_contacts")
    .addColumn("conversation_id", "integer", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_contacts_pk", ["conversation_id", "contact_seq"])
    .execute();
  // A contact's conversations: `contact_ids` searches and replies to a contact's last conversation.
  await db.schema
    .createIndex("conversation_contacts_contact_idx")
    .on("conversation_contacts")
    .columns(["contact_seq", "conversation_id"])
    .execute();

  await db.schema
    .createTable("conversation_parts")
    .addColumn("id", "integer", id)
    .addColumn("conversation_id", "integer", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("part_type", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("author_type", "text", (c) =>
      c.notNull().check(oneOf("author_type", ["admin", "user", "lead", "bot"])),
    )
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("assigned_to", "text")
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("metadata", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("event_details", "text")
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["open", "closed", "snoozed"])))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conversation_parts_conversation_idx")
    .on("conversation_parts")
    .columns(["conversation_id", "id"])
    .execute();
}
