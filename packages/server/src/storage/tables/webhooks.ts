import type { ColumnType, Generated, Selectable } from "kysely";

/** Webhook subscriptions (an endpoint and topics per app), the delivery outbox, and signing secrets. */
export interface WebhookTables {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_topics: WebhookTopicsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_signing_secrets: WebhookSigningSecretsTable;
}

/** Where an app's notifications go: one HTTPS endpoint per app, as in Intercom's Developer Hub. */
export interface WebhookSubscriptionsTable {
  app_id: number;
  url: string;
  created_at: number;
  updated_at: number;
}

export interface WebhookTopicsTable {
  app_id: number;
  topic: string;
}

export type DeliveryState = "pending" | "delivered" | "failed" | "cancelled";

/**
 * Why the last attempt did not deliver, as a class and never as the error's own text: that text
 * (a server's banner, a TLS alert, an address) would tell whoever reads the hub what listens where.
 */
export type DeliveryFailure =
  | "timed_out"
  | "connection_refused"
  | "connection_failed"
  | "tls_failed"
  | "dns_failed"
  | "destination_refused"
  | "http_3xx"
  | "http_4xx"
  | "http_5xx"
  | "uninstalled"
  | "subscription_removed";

/**
 * The outbox: one row per notification per installation, written in the transaction of the change it
 * reports, so a notification exists exactly when its change does. The dispatcher claims due rows by
 * moving `next_attempt_at` forward (a lease), so a row a crashed instance held comes due again.
 */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** Intercom's `notif_…` id: the same on every attempt, so receivers can drop duplicates. */
  notification_id: string;
  app_id: number;
  installation_id: number;
  workspace_id: number;
  topic: string;
  /** The notification's `data.item`, as JSON, as it was when the change happened. */
  item: string;
  /** Where it goes when not to the app's subscription: the uninstall notice's URL (migration 0027). */
  url: ColumnType<string | null, string | null | undefined, string | null>;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: number;
  first_sent_at: number | null;
  last_attempt_at: number | null;
  /** The receiver's HTTP status on the last attempt; null when it could not be reached. */
  last_status: number | null;
  /** Why the last attempt failed, or why the delivery was cancelled (migration 0023 made it a class). */
  last_error: DeliveryFailure | null;
  created_at: number;
  delivered_at: number | null;
}

export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

/**
 * An app's own Standard Webhooks signing secret (migration 0023), sealed with the keyring. After a
 * rotation the previous secret keeps signing beside the new one until `previous_expires_at`.
 */
export interface WebhookSigningSecretsTable {
  app_id: number;
  secret_sealed: string;
  previous_sealed: string | null;
  previous_expires_at: number | null;
  created_at: number;
  rotated_at: number | null;
}
