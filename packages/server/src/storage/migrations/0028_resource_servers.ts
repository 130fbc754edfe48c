import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/**
 * Resource servers (the APIs that ask Gatehouse about any app's tokens, made with the CLI) and the
 * revocation feed they read. A resource server's secret is kept as an app's is, as a keyed HMAC only
 * (it is never shown again: a lost one is rotated), with the previous one while a rotation's overlap
 * lasts. The feed names a token only by a digest its holder can compute (see `revocation-feed.ts`).
 */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("resource_servers")
    .addColumn("id", "integer", id)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull().unique())
    .addColumn("secret_hmac", "text", (c) => c.notNull())
    .addColumn("secret_key_id", "text", (c) => c.notNull())
    .addColumn("previous_secret_hmac", "text")
    .addColumn("previous_secret_key_id", "text")
    .addColumn("previous_expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("rotated_at", "bigint")
    .execute();
  await db.schema
    .createTable("token_revocations")
    .addColumn("id", "integer", id)
    .addColumn("token_id", "integer", (c) => c.notNull().references("access_tokens.id").onDelete("cascade"))
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) =>
      c.notNull().check(sql`event in ('revoked', 'uninstalled', 'narrowed')`),
    )
    .addColumn("recorded_at", "bigint", (c) => c.notNull())
    .execute();
}
