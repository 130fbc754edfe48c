import type { Services, Trx } from "../../../core/services.ts";

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

/** Stops queued deliveries of an installation: after an uninstall nothing more is sent for it. */
export async function cancelDeliveries(trx: Trx, installationId: number): Promise<void> {
  await trx
    .updateTable("webhook_deliveries")
    .set({ state: "cancelled", last_error: "uninstalled" })
    .where("installation_id", "=", installationId)
    .where("state", "=", "pending")
    .execute();
}
