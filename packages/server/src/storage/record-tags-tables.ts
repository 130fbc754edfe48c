import type { Selectable } from "kysely";

/** The tables of migration 0013, kept beside `schema.ts` and merged into its `Database`. */
export interface RecordTagsTables {
  conversation_tags: ConversationTagsTable;
  ticket_tags: TicketTagsTable;
}

type Millis = number;

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
