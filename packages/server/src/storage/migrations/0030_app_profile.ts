import type { Kysely } from "kysely";

/**
 * An app's public face (issue 15): a short description and an icon URL, shown in the hub and on the
 * consent page a third party's admin reads before installing it. Both optional: apps made before show
 * their name and a neutral placeholder.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("apps").addColumn("description", "text").execute();
  await db.schema.alterTable("apps").addColumn("icon_url", "text").execute();
}
