import type { Kysely } from "kysely";

/** The team a conversation is assigned to, beside its admin (Intercom's `team_assignee_id`). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("conversations")
    .addColumn("team_assignee_id", "integer", (c) => c.references("teams.id").onDelete("set null"))
    .execute();
}
