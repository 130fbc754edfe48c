import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Workspaces, admins, apps with their scopes, installations and access tokens. */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("workspaces")
    .addColumn("id", "integer", id)
    .addColumn("id_code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("secure", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("identity_verification", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("admins")
    .addColumn("id", "integer", id)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email_verified", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("avatar_url", "text")
    .addColumn("has_inbox_seat", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("job_title", "text")
    .addColumn("away_mode_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("away_mode_reassign", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("password_hash", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("admin_id", "integer", (c) => c.notNull().references("admins.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sqlIn("role", ["owner", "admin"])))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("memberships_pk", ["workspace_id", "admin_id"])
    .execute();
  await db.schema.createIndex("memberships_admin_idx").on("memberships").column("admin_id").execute();

  await db.schema
    .createTable("apps")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull().unique())
    .addColumn("client_secret_hmac", "text", (c) => c.notNull())
    .addColumn("client_secret_key_id", "text", (c) => c.notNull())
    .addColumn("client_secret_sealed", "text", (c) => c.notNull())
    .addColumn("oauth_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by_admin_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("apps_workspace_idx").on("apps").column("workspace_id").execute();

  await db.schema
    .createTable("app_scopes")
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("scope_id", "text", (c) => c.notNull())
    .addColumn("review_state", "text", (c) =>
      c.notNull().check(sqlIn("review_state", ["not_required", "pending", "approved", "rejected"])),
    )
    .addColumn("request_reason", "text")
    .addColumn("requested_at", "bigint", (c) => c.notNull())
    .addColumn("reviewed_at", "bigint")
    .addColumn("reviewed_by_admin_id", "integer", (c) => c.references("admins.id"))
    .addColumn("review_note", "text")
    .addPrimaryKeyConstraint("app_scopes_pk", ["app_id", "scope_id"])
    .execute();
  await db.schema
    .createIndex("app_scopes_review_idx")
    .on("app_scopes")
    .columns(["review_state", "requested_at"])
    .execute();

  await db.schema
    .createTable("installations")
    .addColumn("id", "integer", id)
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("installed_by_admin_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("installed_at", "bigint", (c) => c.notNull())
    .addColumn("uninstalled_at", "bigint")
    .execute();
  // At most one live installation of an app per workspace; uninstalled ones stay for the record.
  await db.schema
    .createIndex("installations_live_uq")
    .on("installations")
    .columns(["app_id", "workspace_id"])
    .unique()
    .where(sql.ref("uninstalled_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("installations_workspace_idx")
    .on("installations")
    .column("workspace_id")
    .execute();

  await db.schema
    .createTable("access_tokens")
    .addColumn("id", "integer", id)
    .addColumn("installation_id", "integer", (c) =>
      c.notNull().references("installations.id").onDelete("cascade"),
    )
    .addColumn("admin_id", "integer", (c) => c.notNull().references("admins.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sqlIn("kind", ["access", "oauth"])))
    .addColumn("token_hmac", "text", (c) => c.notNull().unique())
    .addColumn("token_key_id", "text", (c) => c.notNull())
    .addColumn("token_sealed", "text", (c) => c.notNull())
    .addColumn("token_hint", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("revoked_reason", "text")
    .addColumn("revoked_by_admin_id", "integer", (c) => c.references("admins.id"))
    .execute();
  await db.schema
    .createIndex("access_tokens_installation_idx")
    .on("access_tokens")
    .column("installation_id")
    .execute();
}

function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
