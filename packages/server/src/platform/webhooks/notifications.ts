import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { PING } from "./topics.ts";

/** Intercom's `notification_event`, as it is sent on a given attempt. */
export function notificationBody(
  delivery: {
    notification_id: string;
    topic: string;
    item: string;
    created_at: number;
    first_sent_at: number | null;
    attempts: number;
  },
  workspaceIdCode: string,
  sentAt: number,
): string {
  return JSON.stringify({
    type: "notification_event",
    app_id: workspaceIdCode,
    data: { type: "notification_event_data", item: JSON.parse(delivery.item) as unknown },
    links: {},
    id: delivery.notification_id,
    topic: delivery.topic,
    delivery_status: "pending",
    delivery_attempts: delivery.attempts,
    delivered_at: 0,
    first_sent_at: Math.floor((delivery.first_sent_at ?? sentAt) / 1000),
    created_at: Math.floor(delivery.created_at / 1000),
    self: null,
  });
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
    const owner = await trx
      .selectFrom("installations as i")
      .innerJoin("apps as a", "a.id", "i.app_id")
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
        item: JSON.stringify({ type: "ping", message: "something something interzen" }),
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
  });
}
