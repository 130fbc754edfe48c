import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/**
 * Data events and their imported summaries, custom data attributes, tickets (types, their attributes,
 * states, parts) and the jobs that create tickets in the background.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("data_events")
    .addColumn("seq", "integer", id)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("event_name", "text", (c) => c.notNull())
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addColumn("metadata", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .execute();
  // Intercom's de-duplication key: the same contact, name and second is the same event.
  await db.schema
    .createIndex("data_events_dedupe_uq")
    .on("data_events")
    .columns(["contact_seq", "event_name", "occurred_at"])
    .unique()
    .execute();
  await db.schema
    .createIndex("data_events_list_idx")
    .on("data_events")
    .columns(["contact_seq", "occurred_at", "seq"])
    .execute();

  await db.schema
    .createTable("data_event_summaries")
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("event_name", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("first_at", "bigint", (c) => c.notNull())
    .addColumn("last_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("data_event_summaries_pk", ["contact_seq", "event_name"])
    .execute();

  await db.schema
    .createTable("data_attributes")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("model", "text", (c) => c.notNull().check(oneOf("model", ["contact", "company"])))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("data_type", "text", (c) =>
      c.notNull().check(oneOf("data_type", ["string", "integer", "float", "boolean", "date", "datetime"])),
    )
    .addColumn("options", "text")
    .addColumn("messenger_writable", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("admin_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // One name per workspace across people and company data, as Intercom refuses the same name twice.
  await db.schema
    .createIndex("data_attributes_name_uq")
    .on("data_attributes")
    .columns(["workspace_id", "name_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("ticket_types")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("icon", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) =>
      c.notNull().check(oneOf("category", ["Customer", "Back-office", "Tracker"])),
    )
    .addColumn("is_internal", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ticket_types_workspace_idx")
    .on("ticket_types")
    .columns(["workspace_id", "id"])
    .execute();

  await db.schema
    .createTable("ticket_type_attributes")
    .addColumn("id", "integer", id)
    .addColumn("ticket_type_id", "integer", (c) =>
      c.notNull().references("ticket_types.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("data_type", "text", (c) =>
      c
        .notNull()
        .check(oneOf("data_type", ["string", "list", "integer", "decimal", "boolean", "datetime", "files"])),
    )
    .addColumn("input_options", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("required_to_create", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("required_to_create_for_contacts", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("visible_on_create", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("visible_to_contacts", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_default", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ticket_type_attributes_name_uq")
    .on("ticket_type_attributes")
    .columns(["ticket_type_id", "name_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("ticket_states")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("category", "text", (c) =>
      c.notNull().check(oneOf("category", ["submitted", "in_progress", "waiting_on_customer", "resolved"])),
    )
    .addColumn("internal_label", "text", (c) => c.notNull())
    .addColumn("external_label", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  // A workspace's standard states are made once, whoever asks first: the position keeps them single.
  await db.schema
    .createIndex("ticket_states_position_uq")
    .on("ticket_states")
    .columns(["workspace_id", "position"])
    .unique()
    .execute();

  await db.schema
    .createTable("tickets")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("ticket_type_id", "integer", (c) =>
      c.notNull().references("ticket_types.id").onDelete("cascade"),
    )
    .addColumn("ticket_state_id", "integer", (c) =>
      c.notNull().references("ticket_states.id").onDelete("cascade"),
    )
    .addColumn("contact_seq", "integer", (c) => c.references("contacts.seq").onDelete("set null"))
    .addColumn("title", "text")
    .addColumn("description", "text")
    .addColumn("attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("admin_assignee_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("open", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_shared", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("snoozed_until", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // `ticket_id` of Intercom's ticket: numbered per workspace, as the Inbox shows it.
  await db.schema
    .createIndex("tickets_number_uq")
    .on("tickets")
    .columns(["workspace_id", "number"])
    .unique()
    .execute();

  // The last ticket number each workspace gave out, taken and moved on in one atomic upsert.
  await db.schema
    .createTable("ticket_counters")
    .addColumn("workspace_id", "integer", (c) =>
      c.primaryKey().references("workspaces.id").onDelete("cascade"),
    )
    .addColumn("last_number", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("ticket_parts")
    .addColumn("id", "integer", id)
    .addColumn("ticket_id", "integer", (c) => c.notNull().references("tickets.id").onDelete("cascade"))
    .addColumn("part_type", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("author_type", "text", (c) =>
      c.notNull().check(oneOf("author_type", ["admin", "user", "bot"])),
    )
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("ticket_state", "text")
    .addColumn("previous_ticket_state", "text")
    .addColumn("assigned_to", "text")
    .addColumn("attribute_data", "text")
    .addColumn("attachments", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("reply_options", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ticket_parts_ticket_idx")
    .on("ticket_parts")
    .columns(["ticket_id", "id"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("admin_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(oneOf("status", ["pending", "success", "failed"])),
    )
    .addColumn("resource_type", "text", (c) => c.notNull())
    .addColumn("resource_id", "text")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_after", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  // What the runner polls: pending jobs that are due.
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["status", "run_after"]).execute();
}
