import type { Kysely } from "kysely";

/**
 * Old authorization codes are purged on a timer, and a replayed code revokes the one token it issued:
 * the purge finds old codes by their expiry, and both it and a replay find a code's token by the code,
 * with an index each rather than a scan of every code or every token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("authorization_codes_expires_at_idx")
    .on("authorization_codes")
    .column("expires_at")
    .execute();
  await db.schema
    .createIndex("access_tokens_authorization_code_idx")
    .on("access_tokens")
    .column("authorization_code_id")
    .execute();
}
