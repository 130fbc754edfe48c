import type { Trx } from "../../core/services.ts";
import { UNINSTALL } from "./topics.ts";

/**
 * Cancels the deliveries not yet made for an app (its endpoint was removed) or for one installation (it
 * was uninstalled), recording why. The uninstall notice is never cancelled: it goes to the uninstall URL,
 * not the subscription, and it is the one thing still owed after an uninstall.
 */
export async function cancelPendingDeliveries(
  trx: Trx,
  of: { appId: number } | { installationId: number },
  reason: "subscription_removed" | "uninstalled",
): Promise<void> {
  await trx
    .updateTable("webhook_deliveries")
    .set({ state: "cancelled", last_error: reason })
    .where((eb) =>
      "appId" in of ? eb("app_id", "=", of.appId) : eb("installation_id", "=", of.installationId),
    )
    .where("state", "=", "pending")
    .where("topic", "!=", UNINSTALL)
    .execute();
}
