import type { Kysely } from "kysely";

/**
 * Each app's uninstall URL (the Developer Hub's, on Basic information): where a workspace's uninstall is
 * told, as `{"app_id": "<id_code>"}`. And a delivery's own URL, for a notification that goes somewhere
 * other than the app's webhook subscription (that uninstall notice, to the URL of the moment).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("apps").addColumn("uninstall_url", "text").execute();
  await db.schema.alterTable("webhook_deliveries").addColumn("url", "text").execute();
}
