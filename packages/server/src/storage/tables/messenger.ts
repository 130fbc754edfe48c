import type { ColumnType, Generated, Selectable } from "kysely";
import type { Json, Millis } from "./columns.ts";

/** What the Messenger side holds: visitors, phone calls deflected to it, and Canvas Kit submissions. */
export interface MessengerTables {
  visitors: VisitorsTable;
  phone_call_redirects: PhoneCallRedirectsTable;
  canvas_kit_submissions: CanvasKitSubmissionsTable;
}

/**
 * Anonymous people a Messenger has seen, not yet contacts. Kept apart from `contacts` so that nothing
 * that lists, searches, counts or segments contacts can come upon one, as Intercom keeps them out.
 */
export interface VisitorsTable {
  seq: Generated<number>;
  /** Intercom-style public id: 24 hex characters, kept by the contact the visitor becomes. */
  id: string;
  workspace_id: number;
  /** Generated for the visitor (a UUID), as the Messenger's cookie would carry it; unique in the workspace. */
  user_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  /** The name Intercom makes up for an anonymous visitor ("Violet Suitcase"). */
  pseudonym: string;
  /** JSON object of custom attributes. */
  custom_attributes: ColumnType<string, string | undefined, string>;
  created_at: Millis;
  updated_at: Millis;
}

export type VisitorRow = Selectable<VisitorsTable>;

/** A phone call deflected to the Messenger: the number, the contact it reached, and its link's token. */
export interface PhoneCallRedirectsTable {
  id: Generated<number>;
  workspace_id: number;
  contact_seq: number | null;
  /** E.164, as normalised from the request. */
  phone: string;
  token: string;
  custom_attributes: Json;
  created_at: Millis;
}

export type PhoneCallRedirectRow = Selectable<PhoneCallRedirectsTable>;

/**
 * What a contact entered into an app's Canvas Kit components, kept for the app it was entered into:
 * the parts of Canvas Kit's submit request that are not read live from other tables.
 */
export interface CanvasKitSubmissionsTable {
  id: Generated<number>;
  workspace_id: number;
  app_id: number;
  contact_seq: number;
  component_id: string;
  /** JSON object: component id → value entered. */
  input_values: Json;
  /** JSON object the app asked to have returned (the current canvas's `stored_data`). */
  stored_data: Json;
  /** JSON object: Canvas Kit's context (location, locale, conversation_id). */
  context: Json;
  created_at: Millis;
}

export type CanvasKitSubmissionRow = Selectable<CanvasKitSubmissionsTable>;
