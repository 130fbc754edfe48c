import type { Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Subscription types and each contact's choice about them. */
export interface SubscriptionsTables {
  subscription_types: SubscriptionTypesTable;
  contact_subscriptions: ContactSubscriptionsTable;
}

export type ConsentType = "opt_in" | "opt_out";

export type SubscriptionState = "live" | "draft" | "archived";

export interface SubscriptionTypesTable {
  id: Generated<number>;
  workspace_id: number;
  /** The default translation's name and description (locale `en`). */
  name: string;
  /** The name lower-cased: what uniqueness uses. */
  name_key: string;
  description: string;
  state: SubscriptionState;
  consent_type: ConsentType;
  /** JSON array of `email` and `sms_message`. */
  content_types: string;
  created_at: Millis;
  updated_at: Millis;
}

export type SubscriptionTypeRow = Selectable<SubscriptionTypesTable>;

/** A contact's explicit choice about a subscription type: in for an opt-in type, out for an opt-out one. */
export interface ContactSubscriptionsTable {
  contact_seq: number;
  subscription_type_id: number;
  created_at: Millis;
}
