import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.ts";

/** Webhook subscriptions (an endpoint and topics per app) and the delivery outbox. */
export async function up(db: Kysely<unknown>, { id }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("webhook_subscriptions")
    .addColumn("app_id", "integer", (c) => c.primaryKey().references("apps.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("webhook_topics")
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("webhook_topics_pk", ["app_id", "topic"])
    .execute();
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "integer", id)
    .addColumn("notification_id", "text", (c) => c.notNull().unique())
    .addColumn("app_id", "integer", (c) => c.notNull().references("apps.id").onDelete("cascade"))
    .addColumn("installation_id", "integer", (c) =>
      c.notNull().references("installations.id").onDelete("cascade"),
    )
    .addColumn("workspace_id", "integer", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`state in ('pending', 'delivered', 'failed', 'cancelled')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("first_sent_at", "bigint")
    .addColumn("last_attempt_at", "bigint")
    .addColumn("last_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("delivered_at", "bigint")
    .execute();
  // What the dispatcher polls: due rows still to deliver.
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["state", "next_attempt_at"])
    .execute();
  // What the app's page lists: its newest deliveries.
  await db.schema
    .createIndex("webhook_deliveries_app_idx")
    .on("webhook_deliveries")
    .columns(["app_id", "id"])
    .execute();
}
