import type { ColumnType, Generated, Selectable } from "kysely";
import type { Counter, Flag, Json, Millis } from "./columns.ts";

/** Conversations, who is in each, and their parts. */
export interface ConversationsTables {
  conversations: ConversationsTable;
  conversation_contacts: ConversationContactsTable;
  conversation_parts: ConversationPartsTable;
}

export type ConversationState = "open" | "closed" | "snoozed";

/** Who wrote a part: an admin, a contact (as its role), or Gatehouse acting on a timer. */
export type PartAuthorType = "admin" | "user" | "lead" | "bot";

/**
 * A conversation, its opening message (`source_*`) and the reporting figures Intercom's `statistics`
 * shows, kept up to date by each write that adds a part.
 */
export interface ConversationsTable {
  id: Generated<number>;
  workspace_id: number;
  title: string | null;
  state: ConversationState;
  read: Flag;
  snoozed_until: Millis | null;
  /** Since when a contact has waited for an admin's reply; null once an admin has replied. */
  waiting_since: Millis | null;
  admin_assignee_id: number | null;
  team_assignee_id: ColumnType<number | null, number | null | undefined, number | null>;
  company_seq: number | null;
  /** JSON object of the conversation's custom attributes. */
  custom_attributes: Json;
  source_type: string;
  source_delivered_as: string;
  source_subject: ColumnType<string, string | undefined, string>;
  source_body: string;
  source_author_type: PartAuthorType;
  /** An admin's id, or a contact's public id. */
  source_author_id: string;
  /** JSON array of attachments. */
  source_attachments: Json;
  source_url: string | null;
  /** Set once the opening message was redacted: its body and attachments are gone. */
  source_redacted: Flag;
  first_contact_reply_at: Millis | null;
  first_assignment_at: Millis | null;
  first_admin_reply_at: Millis | null;
  first_close_at: Millis | null;
  last_assignment_at: Millis | null;
  last_assignment_admin_reply_at: Millis | null;
  last_contact_reply_at: Millis | null;
  last_admin_reply_at: Millis | null;
  last_close_at: Millis | null;
  last_closed_by_id: number | null;
  /** Seconds. */
  time_to_assignment: number | null;
  time_to_admin_reply: number | null;
  time_to_first_close: number | null;
  time_to_last_close: number | null;
  /** JSON array of seconds: how long each admin reply kept a waiting contact waiting. */
  response_times: Json;
  count_reopens: Counter;
  count_assignments: Counter;
  count_conversation_parts: Counter;
  created_at: Millis;
  updated_at: Millis;
}

export interface ConversationContactsTable {
  conversation_id: number;
  contact_seq: number;
  added_at: Millis;
}

export interface ConversationPartsTable {
  id: Generated<number>;
  conversation_id: number;
  part_type: string;
  body: string | null;
  author_type: PartAuthorType;
  /** An admin's id, a contact's public id, or "0" for Gatehouse's own timer. */
  author_id: string;
  /** JSON reference `{type, id}` of whom an assignment part assigned. */
  assigned_to: string | null;
  attachments: Json;
  /** JSON object: quick reply options an admin offered. */
  metadata: Json;
  /** JSON `event_details`: the attribute and value of an attribute change. */
  event_details: string | null;
  /** The conversation's state once this part was written. */
  state: ConversationState;
  /** Set once the part was redacted: its body and attachments are gone. */
  redacted: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type ConversationRow = Selectable<ConversationsTable>;

export type ConversationPartRow = Selectable<ConversationPartsTable>;
