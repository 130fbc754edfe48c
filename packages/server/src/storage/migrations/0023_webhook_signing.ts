import { type Kysely, sql } from "kysely";

/**
 * Each app's own Standard Webhooks signing secret, sealed (made on first use: a migration holds no
 * keys), with the previous one kept while a rotation's overlap lasts. And the deliveries' `last_error`
 * becomes a class of failure: the raw error text older versions kept there named what listens where.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhook_signing_secrets")
    .addColumn("app_id", "integer", (c) => c.primaryKey().references("apps.id").onDelete("cascade"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("previous_sealed", "text")
    .addColumn("previous_expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("rotated_at", "bigint")
    .execute();
  await sql`update webhook_deliveries set last_error = case
      when last_error = 'The app was uninstalled' then 'uninstalled'
      when last_error = 'The app''s webhook subscription was removed' then 'subscription_removed'
      when last_status >= 500 then 'http_5xx'
      when last_status >= 400 then 'http_4xx'
      when last_status >= 300 then 'http_3xx'
      else 'connection_failed'
    end
    where last_error is not null`.execute(db);
}
