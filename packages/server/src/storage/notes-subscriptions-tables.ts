import type { Generated, Selectable } from "kysely";

/** The tables of migration 0017, kept beside `schema.ts` and merged into its `Database`. */
export interface NotesSubscriptionsTables {
  notes: NotesTable;
  subscription_types: SubscriptionTypesTable;
  contact_subscriptions: ContactSubscriptionsTable;
}

type Millis = number;

export interface NotesTable {
  id: Generated<number>;
  workspace_id: number;
  contact_seq: number;
  /** The admin who wrote it; null once that admin is gone. */
  author_id: number | null;
  /** HTML, as Intercom keeps and answers it. */
  body: string;
  created_at: Millis;
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

/** A contact's explicit choice about a subscription type: in for an opt-in type, out for an opt-out one. */
export interface ContactSubscriptionsTable {
  contact_seq: number;
  subscription_type_id: number;
  created_at: Millis;
}

export type NoteRow = Selectable<NotesTable>;
export type SubscriptionTypeRow = Selectable<SubscriptionTypesTable>;
