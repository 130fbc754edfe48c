import type { Insertable } from "kysely";
import type { Services, Trx } from "../../core/services.ts";
import type { ConversationRow, ConversationsTable } from "../../storage/tables/conversations.ts";
import { conversationObject } from "./present.ts";

/** What differs between the ways a conversation starts: its state, its source, and the figures it starts with. */
export type Opening = Omit<
  Insertable<ConversationsTable>,
  | "workspace_id"
  | "title"
  | "read"
  | "snoozed_until"
  | "company_seq"
  | "source_url"
  | "first_assignment_at"
  | "first_admin_reply_at"
  | "first_close_at"
  | "last_assignment_at"
  | "last_assignment_admin_reply_at"
  | "last_close_at"
  | "last_closed_by_id"
  | "time_to_assignment"
  | "time_to_admin_reply"
  | "time_to_first_close"
  | "time_to_last_close"
  | "updated_at"
> & { created_at: number };

/**
 * Writes a new conversation with its one contact, nothing yet assigned, closed or timed, and raises the
 * topic its start is known by, in the same transaction.
 */
export async function openConversation(
  s: Services,
  trx: Trx,
  start: { workspaceId: number; contactSeq: number; topic: string; opening: Opening },
): Promise<ConversationRow> {
  const now = s.now();
  const row = await trx
    .insertInto("conversations")
    .values({
      ...start.opening,
      workspace_id: start.workspaceId,
      title: null,
      read: false,
      snoozed_until: null,
      company_seq: null,
      source_url: null,
      first_assignment_at: null,
      first_admin_reply_at: null,
      first_close_at: null,
      last_assignment_at: null,
      last_assignment_admin_reply_at: null,
      last_close_at: null,
      last_closed_by_id: null,
      time_to_assignment: null,
      time_to_admin_reply: null,
      time_to_first_close: null,
      time_to_last_close: null,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("conversation_contacts")
    .values({ conversation_id: row.id, contact_seq: start.contactSeq, added_at: now })
    .execute();
  await s.outbox.raise(trx, {
    workspaceId: start.workspaceId,
    topic: start.topic,
    item: () => conversationObject(trx, row, now, []),
  });
  return row;
}
