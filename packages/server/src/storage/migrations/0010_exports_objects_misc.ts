import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

const workspace = "workspace_id";

/**
 * Content data export jobs, custom object types and instances, phone call redirects, AI content
 * (import sources and external pages), data connectors, and what contacts enter into Canvas Kit apps.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("content_exports")
    .addColumn("id", "integer", id)
    .addColumn("job_identifier", "text", (c) => c.notNull().unique())
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(oneOf("status", ["pending", "in_progress", "completed", "no_data", "failed", "canceled"])),
    )
    .addColumn("created_at_after", "bigint", (c) => c.notNull())
    .addColumn("created_at_before", "bigint", (c) => c.notNull())
    .addColumn("run_after", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("row_count", "integer")
    .addColumn("csv", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("download_expires_at", "bigint")
    .execute();
  // Intercom allows one active export per workspace; the database holds that line under concurrency.
  await db.schema
    .createIndex("content_exports_active_uq")
    .on("content_exports")
    .column(workspace)
    .unique()
    .where(sql.ref("status"), "in", ["pending", "in_progress"])
    .execute();
  await db.schema
    .createIndex("content_exports_due_idx")
    .on("content_exports")
    .columns(["status", "run_after"])
    .execute();

  await db.schema
    .createTable("custom_object_types")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("custom_object_types_uq", [workspace, "identifier"])
    .execute();
  await db.schema
    .createTable("custom_object_instances")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("type_id", "integer", (c) =>
      c.notNull().references("custom_object_types.id").onDelete("cascade"),
    )
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("external_created_at", "bigint")
    .addColumn("external_updated_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("custom_object_instances_uq", ["type_id", "external_id"])
    .execute();

  await db.schema
    .createTable("phone_call_redirects")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("contact_seq", "integer", (c) => c.references("contacts.seq").onDelete("set null"))
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("content_import_sources")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("sync_behavior", "text", (c) =>
      c.notNull().check(oneOf("sync_behavior", ["api", "automatic", "manual"])),
    )
    .addColumn("status", "text", (c) => c.notNull().check(oneOf("status", ["active", "deactivated"])))
    .addColumn("last_synced_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("external_pages")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    // Deleting a source deletes the pages imported from it, as Intercom documents.
    .addColumn("source_id", "integer", (c) =>
      c.notNull().references("content_import_sources.id").onDelete("cascade"),
    )
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("ai_agent_availability", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("ai_copilot_availability", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("last_ingested_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("external_pages_uq", ["source_id", "external_id"])
    .execute();
  await db.schema
    .createIndex("external_pages_workspace_idx")
    .on("external_pages")
    .columns([workspace, "id"])
    .execute();

  await db.schema
    .createTable("data_connectors")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", ["draft", "live"])))
    .addColumn("http_method", "text", (c) =>
      c.notNull().check(oneOf("http_method", ["get", "post", "put", "patch", "delete"])),
    )
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("headers", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("body", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("canvas_kit_submissions")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("component_id", "text", (c) => c.notNull())
    .addColumn("input_values", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("stored_data", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("context", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("canvas_kit_submissions_app_idx")
    .on("canvas_kit_submissions")
    .columns(["app_id", workspace, "id"])
    .execute();
}
