import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Companies (with their plans, the contacts attached to them and their tags) and segments: saved
 * contact filters, kept as queries in Intercom's search language.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("company_plans")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("company_plans_name_uq")
    .on("company_plans")
    .columns(["workspace_id", "name"])
    .unique()
    .execute();

  await db.schema
    .createTable("companies")
    .addColumn("seq", "integer", id)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("plan_id", "integer", (c) => c.references("company_plans.id").onDelete("set null"))
    .addColumn("size", "integer")
    .addColumn("website", "text")
    .addColumn("industry", "text")
    .addColumn("monthly_spend", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("session_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("remote_created_at", "bigint")
    .addColumn("last_request_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("companies_company_id_uq")
    .on("companies")
    .columns(["workspace_id", "company_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("companies_name_idx")
    .on("companies")
    .columns(["workspace_id", "name"])
    .execute();

  await db.schema
    .createTable("company_contacts")
    .addColumn("company_seq", "integer", (c) => c.notNull().references("companies.seq").onDelete("cascade"))
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("attached_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("company_contacts_pk", ["company_seq", "contact_seq"])
    .execute();
  await db.schema
    .createIndex("company_contacts_contact_idx")
    .on("company_contacts")
    .columns(["contact_seq", "company_seq"])
    .execute();

  await db.schema
    .createTable("company_tags")
    .addColumn("company_seq", "integer", (c) => c.notNull().references("companies.seq").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("applied_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("company_tags_pk", ["company_seq", "tag_id"])
    .execute();
  await db.schema.createIndex("company_tags_tag_idx").on("company_tags").columns(["tag_id"]).execute();

  await db.schema
    .createTable("segments")
    .addColumn("seq", "integer", id)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("person_type", "text", (c) => c.notNull().check(sql`person_type in ('user', 'contact')`))
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // Counts name segments by name, so one name is one segment.
  await db.schema
    .createIndex("segments_name_uq")
    .on("segments")
    .columns(["workspace_id", "name_key"])
    .unique()
    .execute();
}
