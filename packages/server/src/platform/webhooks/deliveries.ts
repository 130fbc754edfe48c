import type { Services } from "../../core/services.ts";

/** An app's most recent deliveries, newest first, with the workspace each went for. */
export async function recentDeliveries(s: Services, appId: number, limit = 50) {
  return s.db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("workspaces as w", "w.id", "d.workspace_id")
    .select([
      "d.notification_id",
      "d.topic",
      "d.state",
      "d.attempts",
      "d.last_status",
      "d.last_error",
      "d.created_at",
      "d.last_attempt_at",
      "d.next_attempt_at",
      "w.name as workspace_name",
    ])
    .where("d.app_id", "=", appId)
    .orderBy("d.id", "desc")
    .limit(limit)
    .execute();
}

export type RecentDelivery = Awaited<ReturnType<typeof recentDeliveries>>[number];
