import { type Kysely, sql } from "kysely";

/**
 * Away mode belongs to an admin's place in a workspace, as on Intercom, where an admin away in one
 * workspace may be answering in another. Each membership takes the value its admin had, and the
 * admin-wide columns go, so that nothing reads a stale copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ["away_mode_enabled", "away_mode_reassign"]) {
    await db.schema
      .alterTable("memberships")
      .addColumn(column, "boolean", (c) => c.notNull().defaultTo(false))
      .execute();
    await sql`update memberships set ${sql.ref(column)} = (
      select ${sql.ref(`admins.${column}`)} from admins where admins.id = memberships.admin_id
    )`.execute(db);
    await db.schema.alterTable("admins").dropColumn(column).execute();
  }
}
