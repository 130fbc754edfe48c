import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Notes on contacts, and email/SMS subscription types with the contacts' explicit choices about them.
 *
 * A contact's JSON shows how many notes it has and the newest ones' ids, and that JSON is built from the
 * contact's row wherever it appears (answers, lists, webhook items); so the row keeps that summary,
 * rewritten in each note's own transaction.
 *
 * Intercom gives every workspace its subscription types before the API can see them; workspaces made
 * from now on get theirs as they are created (`provisionSubscriptionTypes`), the ones that exist get the
 * same set here. The set is written out below rather than imported: a migration must not change when
 * the domain's defaults later do.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("notes")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    // A note outlives its author's account, without a name to show.
    .addColumn("author_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("notes_contact_idx").on("notes").columns(["contact_seq", "id"]).execute();
  await db.schema.createIndex("notes_workspace_idx").on("notes").column("workspace_id").execute();

  await db.schema
    .createTable("subscription_types")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('live', 'draft', 'archived')`))
    .addColumn("consent_type", "text", (c) => c.notNull().check(sql`consent_type in ('opt_in', 'opt_out')`))
    // A JSON array of `email` and `sms_message`.
    .addColumn("content_types", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("subscription_types_name_uq")
    .on("subscription_types")
    .columns(["workspace_id", "name_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("contact_subscriptions")
    .addColumn("contact_seq", "integer", (c) => c.notNull().references("contacts.seq").onDelete("cascade"))
    .addColumn("subscription_type_id", "integer", (c) =>
      c.notNull().references("subscription_types.id").onDelete("cascade"),
    )
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_subscriptions_pk", ["contact_seq", "subscription_type_id"])
    .execute();
  await db.schema
    .createIndex("contact_subscriptions_type_idx")
    .on("contact_subscriptions")
    .column("subscription_type_id")
    .execute();

  // What the workspaces that already exist would have had from the start.
  const defaults = [
    ["Newsletters", "News, tips and announcements", "opt_out", '["email"]'],
    ["Product updates", "New features and changes to the product", "opt_out", '["email"]'],
    ["SMS updates", "Short updates by text message", "opt_in", '["sms_message"]'],
  ] as const;
  for (const [name, description, consent, contentTypes] of defaults) {
    await sql`insert into subscription_types
        (workspace_id, name, name_key, description, state, consent_type, content_types, created_at, updated_at)
      select id, ${name}, ${name.toLowerCase()}, ${description}, 'live', ${consent}, ${contentTypes},
        created_at, created_at
      from workspaces`.execute(db);
  }
}
