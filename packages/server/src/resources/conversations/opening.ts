import type { Insertable } from "kysely";
import type { Services, Trx } from "../../core/services.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import type { ConversationRow, ConversationsTable } from "../../storage/tables/conversations.ts";
import { type ContactReference, lookUpContact } from "../contacts/lookup.ts";
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
  | "created_at"
  | "updated_at"
>;

/** The contact a request names, with the request's own names for the reference's fields (for its errors). */
export interface NamedContact {
  ref: ContactReference;
  names: { id: string; user_id: string; email: string };
}

/** Who a new conversation is with, the topic its start is known by, and when it starts (now, unless said). */
export interface Start {
  workspaceId: number;
  contact: NamedContact;
  topic: string;
  createdAt: number | undefined;
}

/**
 * Writes a new conversation with its one contact (the workspace's live contact the request names, or
 * its 404), nothing yet assigned, closed or timed, and raises the topic its start is known by, in the
 * same transaction. `opening` says how it starts, given the contact and the time it starts at.
 */
export async function openConversation(
  s: Services,
  trx: Trx,
  start: Start,
  opening: (contact: ContactRow, at: number) => Opening,
): Promise<ConversationRow> {
  const contact = await lookUpContact(trx, start.workspaceId, start.contact.ref, start.contact.names);
  const at = start.createdAt ?? s.now();
  const now = s.now();
  const row = await trx
    .insertInto("conversations")
    .values({
      ...opening(contact, at),
      created_at: at,
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
    .values({ conversation_id: row.id, contact_seq: contact.seq, added_at: now })
    .execute();
  await s.outbox.raise(trx, {
    workspaceId: start.workspaceId,
    topic: start.topic,
    item: () => conversationObject(trx, row, now, []),
  });
  return row;
}
