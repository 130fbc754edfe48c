import { sql } from "kysely";
import { arg, CompiledStatement } from "../../../storage/compiled-statement.ts";

/**
 * The statements every code-for-token exchange runs, compiled once (see `CompiledStatement`): an
 * exchange is a handful of small statements, and building each through Kysely cost more than running it.
 */

/** Redeems a live, unused code of this app: [now, code_hmac, app_id]. Only one transaction can win it. */
export const claimCode = new CompiledStatement((db) =>
  db
    .updateTable("authorization_codes")
    .set({ redeemed_at: arg(0) })
    .where("code_hmac", "=", arg(1))
    .where("app_id", "=", arg(2))
    .where("expires_at", ">", arg(0))
    .where("redeemed_at", "is", null)
    .returningAll(),
);

/** A code by its HMAC, whatever its state: [code_hmac]. */
export const findCode = new CompiledStatement((db) =>
  db.selectFrom("authorization_codes").selectAll().where("code_hmac", "=", arg(0)),
);

/**
 * The app's live installation on a workspace, with its consented scopes (a JSON array: parsed by
 * PostgreSQL, text from SQLite; null or "[]" when none), in one round trip: [app_id, workspace_id].
 */
export const liveInstallationWithScopes = new CompiledStatement((db, dialect) =>
  db
    .selectFrom("installations as i")
    .select([
      "i.id",
      "i.kind",
      (dialect === "postgres"
        ? sql<unknown>`(select json_agg(c.scope_id) from installation_scopes c where c.installation_id = i.id)`
        : sql<unknown>`(select json_group_array(c.scope_id) from installation_scopes c where c.installation_id = i.id)`
      ).as("scopes"),
    ])
    .where("i.app_id", "=", arg(0))
    .where("i.workspace_id", "=", arg(1))
    .where("i.uninstalled_at", "is", null),
);

/** Whether a consented-scopes column (see `liveInstallationWithScopes`) is exactly `scopes`. */
export function sameScopeSet(column: unknown, scopes: readonly string[]): boolean {
  const held: string[] =
    column === null || column === undefined
      ? []
      : ((typeof column === "string" ? JSON.parse(column) : column) as string[]);
  const wanted = new Set(scopes);
  return held.length === wanted.size && held.every((scope) => wanted.has(scope));
}
