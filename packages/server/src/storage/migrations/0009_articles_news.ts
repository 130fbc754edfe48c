import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

const workspace = "workspace_id";

/**
 * Help centers with their collections and sections, articles, newsfeeds and news items. Intercom gives
 * every workspace a help center and its newsfeeds before the API can see them; workspaces made from now
 * on get theirs as they are created (`provisionContent`), and the ones that exist get theirs here.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("help_centers")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("identifier", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("website_turned_on", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("custom_domain", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("help_centers_workspace_idx").on("help_centers").column(workspace).execute();

  await db.schema
    .createTable("help_center_collections")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("help_center_id", "integer", (c) =>
      c.notNull().references("help_centers.id").onDelete("cascade"),
    )
    // Deleting a collection deletes its sections with it.
    .addColumn("parent_id", "integer", (c) => c.references("help_center_collections.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("icon", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("translations", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("help_center_collections_workspace_idx")
    .on("help_center_collections")
    .columns([workspace, "updated_at"])
    .execute();
  await db.schema
    .createIndex("help_center_collections_parent_idx")
    .on("help_center_collections")
    .column("parent_id")
    .execute();

  await db.schema
    .createTable("articles")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('published', 'draft')`))
    // An article whose collection is deleted stays, standing alone.
    .addColumn("parent_id", "integer", (c) => c.references("help_center_collections.id").onDelete("set null"))
    .addColumn("translations", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("articles_workspace_idx")
    .on("articles")
    .columns([workspace, "updated_at"])
    .execute();
  await db.schema.createIndex("articles_parent_idx").on("articles").column("parent_id").execute();

  await db.schema
    .createTable("newsfeeds")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("newsfeeds_workspace_idx").on("newsfeeds").column(workspace).execute();

  await db.schema
    .createTable("news_items")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("sender_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('live', 'draft')`))
    .addColumn("labels", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("reactions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("cover_image_url", "text")
    .addColumn("deliver_silently", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("news_items_workspace_idx").on("news_items").column(workspace).execute();

  await db.schema
    .createTable("newsfeed_assignments")
    .addColumn("news_item_id", "integer", (c) => c.notNull().references("news_items.id").onDelete("cascade"))
    .addColumn("newsfeed_id", "integer", (c) => c.notNull().references("newsfeeds.id").onDelete("cascade"))
    .addColumn("published_at", "bigint")
    .addPrimaryKeyConstraint("newsfeed_assignments_pk", ["news_item_id", "newsfeed_id"])
    .execute();
  await db.schema
    .createIndex("newsfeed_assignments_feed_idx")
    .on("newsfeed_assignments")
    .columns(["newsfeed_id", "published_at"])
    .execute();

  // What the workspaces that already exist would have had from the start.
  await sql`insert into help_centers (workspace_id, identifier, display_name, website_turned_on, created_at, updated_at)
    select id, id_code, name || ' Help Center', ${sql.lit(false)}, created_at, created_at from workspaces`.execute(
    db,
  );
  for (const name of ["User Feed", "Visitor Feed"]) {
    await sql`insert into newsfeeds (workspace_id, name, created_at, updated_at)
      select id, ${name}, created_at, created_at from workspaces`.execute(db);
  }
}
