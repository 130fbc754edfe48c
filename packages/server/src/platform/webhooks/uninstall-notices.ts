import crypto from "node:crypto";
import { type Services, type Trx, write } from "../../core/services.ts";
import { installationsWithApps } from "../apps/installations.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";
import { checkEndpointUrl } from "./subscriptions.ts";
import { UNINSTALL } from "./topics.ts";

/**
 * Intercom's uninstall notification: an app may register an uninstall URL; when a workspace uninstalls
 * the app, `{"app_id": "<the workspace's id_code>"}` is POSTed to it, any 2xx taken as received. Here it
 * travels the outbox like any notification (its retries, its destination guard, its signatures) but to
 * its own URL, and survives the cancellation of the uninstalled app's other pending deliveries.
 */

/**
 * Sets (or, with null or blank, clears) the app's uninstall URL: absolute HTTPS, and a destination the
 * guard allows, exactly as a webhook endpoint.
 */
export async function setUninstallUrl(
  s: Services,
  appId: number,
  raw: string | null,
  actor?: Actor,
): Promise<string | null> {
  let url: string | null = null;
  if (raw !== null && raw.trim() !== "") {
    url = checkEndpointUrl(raw);
    await s.webhooks.destinations.checkAtSave(new URL(url));
  }
  await write(s, async (trx, touched) => {
    await trx
      .updateTable("apps")
      .set({ uninstall_url: url, updated_at: s.now() })
      .where("id", "=", appId)
      .execute();
    // Every write to an app row says so: apps are kept in memory by client_id (app-by-client-id.ts).
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.uninstall_url_changed", { url });
  });
  return url;
}

/** Queues the notice for an installation just uninstalled, inside the uninstall's own transaction. */
export async function queueUninstallNotice(trx: Trx, installationId: number, now: number): Promise<void> {
  const row = await installationsWithApps(trx)
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .select(["i.app_id", "i.workspace_id", "a.uninstall_url", "w.id_code"])
    .where("i.id", "=", installationId)
    .executeTakeFirst();
  if (!row?.uninstall_url) return;
  await trx
    .insertInto("webhook_deliveries")
    .values({
      notification_id: `notif_${crypto.randomUUID()}`,
      app_id: row.app_id,
      installation_id: installationId,
      workspace_id: row.workspace_id,
      topic: UNINSTALL,
      item: JSON.stringify({ app_id: row.id_code }),
      url: row.uninstall_url,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}
