import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Contacts (users and leads) per workspace, and the tags applied to them. */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("contacts")
    .addColumn("seq", "integer", id)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('user', 'lead')`))
    .addColumn("external_id", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("name", "text")
    .addColumn("avatar", "text")
    .addColumn("owner_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("unsubscribed_from_emails", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("signed_up_at", "bigint")
    .addColumn("last_seen_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contacts_workspace_idx")
    .on("contacts")
    .columns(["workspace_id", "seq"])
    .execute();
  await db.schema
    .createIndex("contacts_external_id_uq")
    .on("contacts")
    .columns(["workspace_id", "external_id"])
    .unique()
    .where(sql.ref("external_id"), "is not", null)
    .execute();
  await db.schema
    .createTable("contact_tags")
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("applied_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_tags_pk", ["contact_seq", "tag_id"])
    .execute();
}
