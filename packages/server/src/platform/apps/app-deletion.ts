import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { type Actor, recordActivity } from "../services/audit.ts";
import { revokeTokens } from "./tokens/access-tokens.ts";

export interface DeletedApp {
  appId: number;
  /** Workspaces it was still installed on, now uninstalled. */
  uninstalled: number;
  /** Live tokens (access and refresh) revoked. */
  revokedTokens: number;
  /** Webhook notifications still queued, now cancelled. */
  cancelledDeliveries: number;
}

/**
 * Deletes an app, at once and for good: every installation is uninstalled and every token it issued is
 * revoked (and published on the revocation feed, as any revocation is), its webhook subscription goes and
 * what is still queued for it is cancelled, and the activity log records who did it. The row stays,
 * stamped `deleted_at` (see migration 0029), so the trail of what it did remains; no lookup finds it.
 * Uninstall notices are not sent: the app's builder is the one deleting it.
 */
export async function deleteApp(s: Services, appId: number, actor?: Actor): Promise<DeletedApp> {
  return write(s, async (trx, touched) => {
    const now = s.now();
    const app = await trx
      .updateTable("apps")
      .set({ deleted_at: now, oauth_enabled: false, updated_at: now })
      .where("id", "=", appId)
      .where("deleted_at", "is", null)
      .returning(["id", "name", "workspace_id", "client_id"])
      .executeTakeFirst();
    if (!app) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    const installations = await trx
      .updateTable("installations")
      .set({ uninstalled_at: now })
      .where("app_id", "=", appId)
      .where("uninstalled_at", "is", null)
      .returning("id")
      .execute();
    let revokedTokens = 0;
    for (const { id } of installations) {
      touched.add(`installation:${id}`);
      revokedTokens += await revokeTokens(
        s,
        trx,
        touched,
        { installationId: id },
        { reason: "uninstalled", byAdminId: actor?.adminId ?? null },
      );
    }
    const cancelled = await trx
      .updateTable("webhook_deliveries")
      .set({ state: "cancelled", last_error: "uninstalled" })
      .where("app_id", "=", appId)
      .where("state", "=", "pending")
      .executeTakeFirst();
    await trx.deleteFrom("webhook_topics").where("app_id", "=", appId).execute();
    await trx.deleteFrom("webhook_subscriptions").where("app_id", "=", appId).execute();
    await recordActivity(s, trx, {
      workspaceId: app.workspace_id,
      adminId: actor?.adminId ?? null,
      action: "app.deleted",
      details: { app_id: appId, app_name: app.name, client_id: app.client_id },
      ip: actor?.ip ?? null,
    });
    return {
      appId,
      uninstalled: installations.length,
      revokedTokens,
      cancelledDeliveries: Number(cancelled.numUpdatedRows),
    };
  });
}
