import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

const workspace = "workspace_id";

/**
 * Teams of admins, the away status reasons a workspace offers (and the one each admin gave, per
 * workspace as Intercom keeps it), tickets assigned to a team, internal articles, and visitors.
 *
 * Team ids start at 1,000,000. Intercom's `PUT /tickets/{id}` takes one `assignee_id` that names "the
 * admin or team": with both counted from 1 in their own tables, team 3 and admin 3 would be the same
 * number, so teams count from where admins will never reach.
 *
 * Intercom gives every workspace its away status reasons before the API can see them; workspaces made
 * from now on get theirs as they are created (`provisionAwayStatusReasons`), and the ones that exist get
 * the same set here, written out rather than imported so that this migration never changes.
 */
export async function up(db: Kysely<unknown>, { id, dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("teams")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("distribution_method", "text", (c) =>
      c.check(sql`distribution_method in ('round_robin', 'balanced_assignment')`),
    )
    .addColumn("assignment_limit", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("teams_name_uq")
    .on("teams")
    .columns([workspace, "name_key"])
    .unique()
    .execute();
  if (dialect === "postgres") await sql`alter table teams alter column id restart with 1000000`.execute(db);
  else await sql`insert into sqlite_sequence (name, seq) values ('teams', 999999)`.execute(db);

  await db.schema
    .createTable("team_admins")
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("admin_id", "integer", (c) => c.notNull().references("admins.id").onDelete("cascade"))
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_admins_pk", ["team_id", "admin_id"])
    .execute();
  await db.schema.createIndex("team_admins_admin_idx").on("team_admins").column("admin_id").execute();

  await db.schema
    .alterTable("tickets")
    .addColumn("team_assignee_id", "integer", (c) => c.references("teams.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("away_status_reasons")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("emoji", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("deleted", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("away_status_reasons_workspace_idx")
    .on("away_status_reasons")
    .columns([workspace, "position"])
    .execute();
  await db.schema
    .alterTable("memberships")
    .addColumn("away_status_reason_id", "integer", (c) =>
      c.references("away_status_reasons.id").onDelete("set null"),
    )
    .execute();

  await db.schema
    .createTable("internal_articles")
    .addColumn("id", "integer", id)
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("owner_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("internal_articles_workspace_idx")
    .on("internal_articles")
    .columns([workspace, "updated_at"])
    .execute();

  await db.schema
    .createTable("visitors")
    .addColumn("seq", "integer", id)
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn(workspace, "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("name", "text")
    .addColumn("pseudonym", "text", (c) => c.notNull())
    .addColumn("custom_attributes", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("visitors_user_id_uq")
    .on("visitors")
    .columns([workspace, "user_id"])
    .unique()
    .execute();

  // What the workspaces that already exist would have had from the start.
  const reasons = [
    ["On a break", "☕"],
    ["At lunch", "🍔"],
    ["In a meeting", "📅"],
    ["Finished for the day", "🏠"],
    ["On holiday", "🌴"],
    ["Off sick", "🤒"],
  ] as const;
  for (const [index, [label, emoji]] of reasons.entries()) {
    await sql`insert into away_status_reasons (workspace_id, label, emoji, position, deleted, created_at, updated_at)
      select id, ${label}, ${emoji}, ${index + 1}, ${sql.lit(false)}, created_at, created_at from workspaces`.execute(
      db,
    );
  }
}
