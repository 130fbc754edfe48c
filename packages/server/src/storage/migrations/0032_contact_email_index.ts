import type { Kysely } from "kysely";

/**
 * Contacts are found by email in many places (a new user's email must be free, a conversation's
 * participant named by email, the 1.x Users API's lookups); until now each read every contact of the
 * workspace. Not unique: leads may share an email, and databases made before users' emails were kept
 * apart may hold two users with one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("contacts_email_idx")
    .on("contacts")
    .columns(["workspace_id", "email"])
    .execute();
}
