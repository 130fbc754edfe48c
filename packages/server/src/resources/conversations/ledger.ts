import type { Updateable } from "kysely";
import type { Services, Trx } from "../../core/services.ts";
import type {
  ConversationPartRow,
  ConversationRow,
  ConversationsTable,
  PartAuthorType,
} from "../../storage/tables/conversations.ts";
import { notFound } from "../kit/missing.ts";
import { conversationObject } from "./present.ts";

/**
 * What happens to a conversation, one event at a time: each event changes the conversation's state and
 * the reporting figures Intercom's `statistics` shows, and adds the part that records who did it and
 * when. A write gathers its events on a draft and saves them in its own transaction.
 */

export interface Author {
  type: PartAuthorType;
  id: string;
}

interface PendingPart {
  part_type: string;
  body: string | null;
  author: Author;
  at: number;
  assigned_to: string | null;
  attachments: string;
  metadata: string;
  event_details: string | null;
  state: ConversationRow["state"];
}

/** A conversation as one write is changing it: the row as read, the row as it will be, the new parts. */
export interface Draft {
  readonly before: ConversationRow;
  readonly row: ConversationRow;
  readonly parts: PendingPart[];
  /** Its snooze had run out when the write read it: the write records the wake. */
  readonly woken: boolean;
}

export interface Saved {
  row: ConversationRow;
  parts: ConversationPartRow[];
}

/** Whole seconds from one millisecond time to a later one. */
const secondsBetween = (from: number, to: number) => Math.max(0, Math.floor((to - from) / 1000));

/**
 * Intercom's statistics count from the contact's first reply: until then (an admin's message nobody
 * has answered yet) closes, reopens, assignments and admin replies are not counted.
 */
const counting = (row: ConversationRow) => row.first_contact_reply_at !== null;

function addPart(
  d: Draft,
  part: Pick<PendingPart, "part_type" | "author" | "at"> & Partial<PendingPart>,
): void {
  d.parts.push({
    body: null,
    assigned_to: null,
    attachments: "[]",
    metadata: "{}",
    event_details: null,
    ...part,
    state: d.row.state,
  });
}

/**
 * Reads a conversation for a write, locked on PostgreSQL until the write commits (SQLite writes one
 * transaction at a time), and wakes it if its snooze has run out since it was last written.
 */
export async function openDraft(s: Services, trx: Trx, workspaceId: number, id: number): Promise<Draft> {
  let query = trx
    .selectFrom("conversations")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id);
  if (s.dialect === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Resource");
  const woken = row.state === "snoozed" && row.snoozed_until !== null && row.snoozed_until <= s.now();
  const d: Draft = { before: row, row: { ...row }, parts: [], woken };
  if (woken && row.snoozed_until !== null) {
    // The snooze ended while nobody wrote (the snooze timer, or a write that came first); the part is
    // dated when it ended, by whoever snoozed it.
    const snoozer = await trx
      .selectFrom("conversation_parts")
      .select(["author_type", "author_id"])
      .where("conversation_id", "=", row.id)
      .where("part_type", "=", "snoozed")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const at = row.snoozed_until;
    d.row.state = "open";
    d.row.snoozed_until = null;
    addPart(d, {
      part_type: "timer_unsnooze",
      author: snoozer ? { type: snoozer.author_type, id: snoozer.author_id } : { type: "bot", id: "0" },
      at,
    });
  }
  return d;
}

/** A contact wrote: a closed or snoozed conversation opens again, and the contact now waits for an answer. */
export function contactReplied(
  d: Draft,
  author: Author,
  reply: { body: string; attachments: string; at: number },
): void {
  const { row } = d;
  // The first reply to an admin's message starts the conversation rather than reopening it.
  const reopens = counting(row) && row.state !== "open";
  if (counting(row) && row.state === "closed") row.count_reopens += 1;
  row.state = "open";
  row.snoozed_until = null;
  row.read = false;
  row.first_contact_reply_at ??= reply.at;
  row.last_contact_reply_at = reply.at;
  row.waiting_since ??= reply.at;
  // Intercom records a contact's reply that reopens a conversation as an `open` part carrying the message.
  addPart(d, { part_type: reopens ? "open" : "comment", author, ...reply });
}

/** An admin answered the contact (a comment, or quick reply options): the contact is no longer waiting. */
export function adminReplied(
  d: Draft,
  adminId: number,
  reply: {
    part_type: "comment" | "quick_reply";
    body: string | null;
    attachments: string;
    metadata?: string;
    at: number;
  },
): void {
  const { row } = d;
  if (row.first_admin_reply_at === null && row.first_contact_reply_at !== null) {
    row.first_admin_reply_at = reply.at;
    row.time_to_admin_reply = secondsBetween(row.first_contact_reply_at, reply.at);
  }
  row.last_admin_reply_at = reply.at;
  if (row.last_assignment_at !== null && row.last_assignment_admin_reply_at === null)
    row.last_assignment_admin_reply_at = reply.at;
  if (row.waiting_since !== null) {
    const times = JSON.parse(row.response_times) as number[];
    times.push(secondsBetween(row.waiting_since, reply.at));
    row.response_times = JSON.stringify(times);
  }
  row.waiting_since = null;
  addPart(d, { author: { type: "admin", id: String(adminId) }, ...reply });
}

/** A note between admins: the contact does not see it, so nothing else changes. */
export function adminNoted(
  d: Draft,
  adminId: number,
  note: { body: string; attachments: string; at: number },
) {
  addPart(d, { part_type: "note", author: { type: "admin", id: String(adminId) }, ...note });
}

export function closed(d: Draft, adminId: number, close: { body: string | null; at: number }): void {
  const { row } = d;
  row.state = "closed";
  row.snoozed_until = null;
  if (row.first_close_at === null && row.first_contact_reply_at !== null) {
    row.first_close_at = close.at;
    row.time_to_first_close = secondsBetween(row.first_contact_reply_at, close.at);
  }
  row.last_close_at = close.at;
  if (row.first_contact_reply_at !== null)
    row.time_to_last_close = secondsBetween(row.first_contact_reply_at, close.at);
  row.last_closed_by_id = adminId;
  addPart(d, { part_type: "close", author: { type: "admin", id: String(adminId) }, ...close });
}

export function opened(d: Draft, adminId: number, at: number): void {
  const { row } = d;
  if (row.state === "closed" && counting(row)) row.count_reopens += 1;
  row.state = "open";
  row.snoozed_until = null;
  addPart(d, { part_type: "open", author: { type: "admin", id: String(adminId) }, at });
}

export function snoozed(d: Draft, adminId: number, until: number, at: number): void {
  d.row.state = "snoozed";
  d.row.snoozed_until = until;
  addPart(d, { part_type: "snoozed", author: { type: "admin", id: String(adminId) }, at });
}

/**
 * An admin hands the conversation over (to an admin or a team, or to nobody: `to` null). Handing over
 * a closed conversation opens it again, as Intercom's `assign_and_reopen` part says.
 */
function handedOver(
  d: Draft,
  adminId: number,
  assignment: { to: { type: "admin" | "team"; id: number } | null; body: string | null; at: number },
): void {
  const { row } = d;
  const reopens = row.state === "closed";
  if (reopens) {
    row.state = "open";
    if (counting(row)) row.count_reopens += 1;
  }
  const { to } = assignment;
  addPart(d, {
    part_type: reopens ? "assign_and_reopen" : "assignment",
    author: { type: "admin", id: String(adminId) },
    body: assignment.body,
    at: assignment.at,
    assigned_to: JSON.stringify(
      to === null ? { type: "nobody_admin", id: null } : { type: to.type, id: String(to.id) },
    ),
  });
}

/** An admin assigned the conversation to an admin, or to nobody (`assignee` null). */
export function assigned(
  d: Draft,
  adminId: number,
  assignment: { assignee: number | null; body: string | null; at: number },
): void {
  const { row } = d;
  handedOver(d, adminId, {
    ...assignment,
    to: assignment.assignee === null ? null : { type: "admin", id: assignment.assignee },
  });
  row.admin_assignee_id = assignment.assignee;
  if (assignment.assignee !== null && counting(row)) {
    row.first_assignment_at ??= assignment.at;
    row.last_assignment_at = assignment.at;
    row.last_assignment_admin_reply_at = null;
    row.count_assignments += 1;
    if (row.first_admin_reply_at === null && row.first_contact_reply_at !== null)
      row.time_to_assignment = secondsBetween(row.first_contact_reply_at, assignment.at);
  }
}

/** An admin assigned the conversation to a team, or to no team (`team` null); its admin stays. */
export function teamAssigned(
  d: Draft,
  adminId: number,
  assignment: { team: number | null; body: string | null; at: number },
): void {
  handedOver(d, adminId, {
    ...assignment,
    to: assignment.team === null ? null : { type: "team", id: assignment.team },
  });
  d.row.team_assignee_id = assignment.team;
}

/** An admin set one of the conversation's custom attributes (null clears it). */
export function attributeUpdated(
  d: Draft,
  adminId: number,
  change: { name: string; value: string | number | boolean | null; at: number },
): void {
  addPart(d, {
    part_type: "conversation_attribute_updated_by_admin",
    author: { type: "admin", id: String(adminId) },
    at: change.at,
    event_details: JSON.stringify({
      attribute: { name: change.name },
      value: { name: change.value === null ? null : String(change.value) },
    }),
  });
}

/** An admin added a contact to the conversation's participants, or removed one. */
export function participantsChanged(
  d: Draft,
  adminId: number,
  change: { part_type: "participant_added" | "participant_removed"; at: number },
): void {
  addPart(d, { author: { type: "admin", id: String(adminId) }, ...change });
}

/**
 * Writes the draft: its parts, and whichever of the conversation's fields changed. With a topic, queues
 * that webhook notification in the same transaction, carrying the conversation and its new parts.
 */
export async function saveDraft(s: Services, trx: Trx, d: Draft, topic?: string): Promise<Saved> {
  const now = s.now();
  const parts: ConversationPartRow[] = [];
  for (const { author, at, ...part } of d.parts) {
    parts.push(
      await trx
        .insertInto("conversation_parts")
        .values({
          conversation_id: d.row.id,
          ...part,
          author_type: author.type,
          author_id: author.id,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(d.row) as Array<keyof ConversationRow>) {
    if (d.row[key] !== d.before[key]) changes[key] = d.row[key];
  }
  if (parts.length === 0 && Object.keys(changes).length === 0) return { row: d.before, parts };
  const row = await trx
    .updateTable("conversations")
    .set({
      ...(changes as Updateable<ConversationsTable>),
      count_conversation_parts: d.before.count_conversation_parts + parts.length,
      updated_at: now,
    })
    .where("id", "=", d.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // A wake is announced whichever write records it, so that each snooze that runs out raises one.
  const topics = [...(d.woken ? ["conversation.admin.unsnoozed"] : []), ...(topic ? [topic] : [])];
  for (const raised of new Set(topics)) {
    await s.outbox.raise(trx, {
      workspaceId: row.workspace_id,
      topic: raised,
      item: () => conversationObject(trx, row, now, parts),
    });
  }
  return { row, parts };
}
