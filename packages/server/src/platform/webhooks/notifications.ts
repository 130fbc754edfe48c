import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { type DeliveryRecord, notificationEventJson, pingItemJson } from "../../wire/notification-event.ts";
import { installationsWithApps } from "../apps/installations.ts";
import { PING } from "./topics.ts";

/** Intercom's `notification_event`, as it is sent on a given attempt: the envelope's schema is wire's. */
export function notificationBody(delivery: DeliveryRecord, workspaceIdCode: string, sentAt: number): string {
  return JSON.stringify(notificationEventJson(delivery, workspaceIdCode, sentAt));
}

/**
 * Intercom's signature: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed with the app's
 * client secret>`. Gatehouse also sends the SHA-256 form GitHub popularised, for receivers that can
 * choose; both cover the exact bytes sent.
 */
export function signatureHeaders(body: string, clientSecret: string): Record<string, string> {
  const sign = (algorithm: string) => crypto.createHmac(algorithm, clientSecret).update(body).digest("hex");
  return { "x-hub-signature": `sha1=${sign("sha1")}`, "x-hub-signature-256": `sha256=${sign("sha256")}` };
}

/**
 * Queues Intercom's `ping` for the app's own workspace (the hub's "Send test notification"): it needs no
 * topic or scope, and travels the same outbox, signature and retries as any notification.
 */
export async function queuePing(s: Services, appId: number): Promise<void> {
  await write(s, async (trx) => {
    const owner = await installationsWithApps(trx)
      .select(["i.id", "i.workspace_id"])
      .where("i.app_id", "=", appId)
      .whereRef("i.workspace_id", "=", "a.workspace_id")
      .where("i.uninstalled_at", "is", null)
      .executeTakeFirst();
    if (!owner) throw errors.notFound("The app is not installed on its own workspace");
    const now = s.now();
    await trx
      .insertInto("webhook_deliveries")
      .values({
        notification_id: `notif_${crypto.randomUUID()}`,
        app_id: appId,
        installation_id: owner.id,
        workspace_id: owner.workspace_id,
        topic: PING,
        item: JSON.stringify(pingItemJson()),
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
  });
}
