import { type Kysely, sql } from "kysely";

/**
 * Who asked for each scope, so that a platform reviewer cannot decide a request of their own (even after
 * leaving the app's workspace). Requests made before this stood are taken to be the app's maker's: the
 * cautious guess, since it can only keep a reviewer from deciding, never let one decide.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("app_scopes")
    .addColumn("requested_by_admin_id", "integer", (c) => c.references("admins.id"))
    .execute();
  await sql`update app_scopes set requested_by_admin_id = (
    select apps.created_by_admin_id from apps where apps.id = app_scopes.app_id
  )`.execute(db);
}
