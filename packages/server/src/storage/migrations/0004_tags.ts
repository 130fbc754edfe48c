import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Tags, per workspace; names are unique without regard to case, as Intercom's are. */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("tags")
    .addColumn("id", "integer", id)
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("tags_name_uq")
    .on("tags")
    .columns(["workspace_id", "name_key"])
    .unique()
    .execute();
}
