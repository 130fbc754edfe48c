import { type Static, Type } from "typebox";
import { Timestamp } from "./common.ts";

/**
 * Intercom's webhook envelope, `notification_event`, as Gatehouse sends it on each attempt: the object
 * the topic names sits in `data.item`, made by that object's own presenter (and so shaped by its own
 * schema under wire/) when the change was raised.
 */

/**
 * The item: the Intercom object the topic names (`contact`, `conversation`, `ticket`, `admin`, `ping`…),
 * or for a link topic the pair it links (`company.contact.attached`: `{ company, contact }`). It is open
 * here because its schema is its own presenter's.
 */
export const NotificationItem = Type.Record(Type.String(), Type.Unknown());
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationEvent = Type.Object({
  type: Type.Literal("notification_event"),
  /** The workspace's id code (Intercom's "app id"). */
  app_id: Type.String(),
  data: Type.Object({ type: Type.Literal("notification_event_data"), item: NotificationItem }),
  links: Type.Object({}, { additionalProperties: false }),
  id: Type.String(),
  topic: Type.String(),
  // Intercom sends every notification as "pending", never yet delivered: the receiver's answer decides.
  delivery_status: Type.Literal("pending"),
  delivery_attempts: Type.Integer({ minimum: 1 }),
  delivered_at: Type.Literal(0),
  first_sent_at: Timestamp,
  created_at: Timestamp,
  self: Type.Null(),
});
export type NotificationEvent = Static<typeof NotificationEvent>;

/** Intercom's `ping` (the "Send test notification" button): its item, with Intercom's own message. */
export const PingItem = Type.Object({ type: Type.Literal("ping"), message: Type.String() });

export function pingItemJson(): Static<typeof PingItem> {
  return { type: "ping", message: "something something interzen" };
}

/** A queued delivery as the dispatcher reads it: the item as stored (JSON), times in milliseconds. */
export interface DeliveryRecord {
  notification_id: string;
  topic: string;
  item: string;
  created_at: number;
  first_sent_at: number | null;
  attempts: number;
}

/** The envelope of one attempt, sent at `sentAt` (milliseconds). */
export function notificationEventJson(
  delivery: DeliveryRecord,
  workspaceIdCode: string,
  sentAt: number,
): NotificationEvent {
  return {
    type: "notification_event",
    app_id: workspaceIdCode,
    data: { type: "notification_event_data", item: JSON.parse(delivery.item) as NotificationItem },
    links: {},
    id: delivery.notification_id,
    topic: delivery.topic,
    delivery_status: "pending",
    delivery_attempts: delivery.attempts,
    delivered_at: 0,
    first_sent_at: Math.floor((delivery.first_sent_at ?? sentAt) / 1000),
    created_at: Math.floor(delivery.created_at / 1000),
    self: null,
  };
}
