import type {
  ContactReference,
  CursorPages,
  CustomAttributes,
  LinkedObjectList,
  PartAttachment,
  Reference,
} from "./common.ts";
import type { AppliedTag } from "./tag.ts";

/** Who wrote a part or started a conversation. */
export interface PartAuthor {
  type: "admin" | "user" | "lead" | "bot" | "team";
  id: string;
  name: string | null;
  email: string | null;
}

/** Intercom's `conversation_part`: a message, a note, or an action (close, assignment, …). */
export interface ConversationPart {
  type: "conversation_part";
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  assigned_to: Reference | null;
  author: PartAuthor;
  attachments: PartAttachment[];
  external_id: string | null;
  redacted: boolean;
  metadata: Record<string, unknown>;
  email_message_metadata: Record<string, unknown> | null;
  state: "open" | "closed" | "snoozed";
  tags: unknown[];
  event_details: Record<string, unknown> | null;
  app_package_code: string | null;
}

/** Intercom's conversation as lists and search show it: everything but its parts. */
export interface ConversationListItem {
  type: "conversation";
  id: string;
  title: string | null;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  open: boolean;
  state: "open" | "closed" | "snoozed";
  read: boolean;
  priority: "priority" | "not_priority";
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  source: {
    type: string;
    id: string;
    delivered_as: string;
    subject: string;
    body: string;
    author: PartAuthor;
    attachments: PartAttachment[];
    url: string | null;
    redacted: boolean;
  };
  contacts: { type: "contact.list"; contacts: ContactReference[] };
  teammates: { type: "admin.list"; teammates: Reference[] };
  tags: { type: "tag.list"; tags: AppliedTag[] };
  first_contact_reply: { created_at: number; type: string; url: string | null } | null;
  custom_attributes: CustomAttributes;
  /** Durations in seconds, times as Unix seconds; null until they happen. */
  statistics: {
    type: "conversation_statistics";
    time_to_assignment: number | null;
    time_to_admin_reply: number | null;
    time_to_first_close: number | null;
    time_to_last_close: number | null;
    median_time_to_reply: number | null;
    first_contact_reply_at: number | null;
    first_assignment_at: number | null;
    first_admin_reply_at: number | null;
    first_close_at: number | null;
    last_assignment_at: number | null;
    last_assignment_admin_reply_at: number | null;
    last_contact_reply_at: number | null;
    last_admin_reply_at: number | null;
    last_close_at: number | null;
    last_closed_by_id: string | null;
    count_reopens: number;
    count_assignments: number;
    count_conversation_parts: number;
    [figure: string]: unknown;
  };
  conversation_rating: Record<string, unknown> | null;
  sla_applied: Record<string, unknown> | null;
  linked_objects: LinkedObjectList;
  ai_agent: Record<string, unknown> | null;
  ai_agent_participated: boolean;
  topics?: unknown;
  ticket?: unknown;
}

/** One conversation with its parts (the most recent 500, oldest first). */
export interface Conversation extends ConversationListItem {
  conversation_parts: {
    type: "conversation_part.list";
    conversation_parts: ConversationPart[];
    total_count: number;
  };
}

/** A page of `GET /conversations` and `POST /conversations/search`. */
export interface ConversationPage {
  type: "conversation.list";
  conversations: ConversationListItem[];
  total_count: number;
  pages: CursorPages;
}

/** `POST /conversations`: a message from a contact, which starts a conversation. */
export interface ConversationCreate {
  from: { type: "user" | "lead" | "contact"; id: string };
  body: string;
  subject?: string;
  attachment_urls?: string[];
  created_at?: number;
}

/** What `POST /conversations` answers: the contact's message, and the conversation it started. */
export interface ConversationMessage {
  type: "user_message";
  id: string;
  created_at: number;
  subject?: string;
  body: string;
  message_type: string;
  conversation_id: string;
}

/** `PUT /conversations/{id}`. */
export interface ConversationUpdate {
  read?: boolean;
  title?: string | null;
  /** Strings, numbers, booleans; null removes an attribute. */
  custom_attributes?: Record<string, string | number | boolean | null>;
  company_id?: string;
}

/** An admin's reply: a comment the contact sees, a note they don't, or quick reply options. */
export interface AdminReply {
  type: "admin";
  message_type: "comment" | "note" | "quick_reply";
  admin_id: string;
  body?: string;
  created_at?: number;
  reply_options?: Array<{ text: string; uuid: string }>;
  attachment_urls?: string[];
}

/** A contact's reply, naming the contact by one of its ids or its email. */
export type ContactReply = {
  type: "user";
  message_type: "comment";
  body: string;
  created_at?: number;
  attachment_urls?: string[];
} & ({ intercom_user_id: string } | { user_id: string } | { email: string });
