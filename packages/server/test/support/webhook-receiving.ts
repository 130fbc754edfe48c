import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe } from "node:test";
import type { Json } from "./api.ts";
import { describeEachDatabase, type Gatehouse } from "./gatehouse.ts";
import { OPENSSL_MISSING, type ReceivedRequest } from "./https-receiver.ts";

/** Intercom's `notification_event`, as much of it as the topic tests read. */
export interface Notification {
  type: string;
  topic: string;
  data: { type: string; item: Json };
}

/** The receiver's side: the signature must be the HMAC-SHA1 of the raw body under the client secret. */
export function verifiedNotification(request: ReceivedRequest, clientSecret: string): Notification {
  const expected = `sha1=${crypto.createHmac("sha1", clientSecret).update(request.body).digest("hex")}`;
  assert.equal(request.headers["x-hub-signature"], expected);
  const notification = JSON.parse(request.body) as Notification;
  assert.equal(notification.type, "notification_event");
  assert.equal(notification.data.type, "notification_event_data");
  return notification;
}

/** A suite on each database that needs the HTTPS receiver, skipped with the reason where openssl is missing. */
export const webhookSuite: typeof describeEachDatabase = OPENSSL_MISSING
  ? (name: string) => describe(name, { skip: OPENSSL_MISSING }, () => {})
  : describeEachDatabase;

/** Deliveries are queued in the write's own transaction, so once the API has answered they are there. */
export async function queuedTopics(gh: Gatehouse, appId: number): Promise<string[]> {
  const rows = await gh.services.db
    .selectFrom("webhook_deliveries")
    .select("topic")
    .where("app_id", "=", appId)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.topic);
}
