import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * OAuth (redirect URLs, authorization codes, the scopes each workspace granted), admins' sessions,
 * the activity log, Canvas Kit and platform reviewers.
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable("apps")
    .addColumn("canvas_kit", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable("admins").addColumn("platform_role", "text").execute();
  // Which workspace's consent an installation stands on: its own app ("owner") or an OAuth grant.
  await db.schema
    .alterTable("installations")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("owner"))
    .execute();

  await db.schema
    .createTable("redirect_uris")
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("uri", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("redirect_uris_pk", ["app_id", "position"])
    .execute();
  await db.schema
    .createIndex("redirect_uris_uq")
    .on("redirect_uris")
    .columns(["app_id", "uri"])
    .unique()
    .execute();

  await db.schema
    .createTable("installation_scopes")
    .addColumn("installation_id", "integer", (c) =>
      c.notNull().references("installations.id").onDelete("cascade"),
    )
    .addColumn("scope_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("installation_scopes_pk", ["installation_id", "scope_id"])
    .execute();

  await db.schema
    .createTable("authorization_codes")
    .addColumn("id", "integer", id)
    .addColumn("code_hmac", "text", (c) => c.notNull().unique())
    .addColumn("code_key_id", "text", (c) => c.notNull())
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("admin_id", "integer", (c) => c.notNull().references("admins.id").onDelete("cascade"))
    .addColumn("redirect_uri", "text", (c) => c.notNull())
    .addColumn("redirect_uri_explicit", "boolean", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("code_challenge_method", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("redeemed_at", "bigint")
    .execute();

  await db.schema
    .alterTable("access_tokens")
    .addColumn("authorization_code_id", "integer", (c) => c.references("authorization_codes.id"))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "integer", id)
    .addColumn("token_hmac", "text", (c) => c.notNull().unique())
    .addColumn("admin_id", "integer", (c) => c.notNull().references("admins.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("ended_at", "bigint")
    .execute();

  await db.schema
    .createTable("activity_log")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.references("workspaces.id").onDelete("cascade"))
    .addColumn("admin_id", "integer", (c) => c.references("admins.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("ip", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("activity_log_workspace_idx")
    .on("activity_log")
    .columns(["workspace_id", "created_at"])
    .execute();
}
