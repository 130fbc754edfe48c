import type { Selectable } from "kysely";
import type { Id, Millis } from "./columns.ts";

/** A workspace's tags, and the tags put on conversations and tickets (by whom, when). */
export interface TagsTables {
  tags: TagsTable;
  conversation_tags: ConversationTagsTable;
  ticket_tags: TicketTagsTable;
}

export interface TagsTable {
  id: Id;
  workspace_id: number;
  name: string;
  /** The name lower-cased: what uniqueness and look-ups by name use. */
  name_key: string;
  created_at: Millis;
  updated_at: Millis;
}

export type TagRow = Selectable<TagsTable>;

export interface ConversationTagsTable {
  conversation_id: number;
  tag_id: number;
  applied_at: Millis;
  /** The admin who put the tag on; null once that admin is gone. */
  applied_by: number | null;
}

export interface TicketTagsTable {
  ticket_id: number;
  tag_id: number;
  applied_at: Millis;
  applied_by: number | null;
}

export type ConversationTagRow = Selectable<ConversationTagsTable>;

export type TicketTagRow = Selectable<TicketTagsTable>;
