import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type {
  ConversationPartRow,
  ConversationRow,
  ConversationState,
  PartAuthorType,
} from "../storage/tables/conversations.ts";
import { AppliedTagObject } from "./applied-tag.ts";
import { CursorPages, Nullable, Timestamp } from "./common.ts";
import { type LinkedObject, LinkedObjectList, linkedObjectList } from "./linked-object.ts";
import { AssignedTo, Attachment, ContactReference, PartAuthor } from "./part.ts";

const seconds = (millis: number | null) => (millis === null ? null : Math.floor(Number(millis) / 1000));
const at = (millis: number) => Math.floor(Number(millis) / 1000);
const Open = Type.Object({}, { additionalProperties: true });
const State = Type.Union([Type.Literal("open"), Type.Literal("closed"), Type.Literal("snoozed")]);

/** Intercom's `conversation_part`. */
export const ConversationPart = Type.Object({
  type: Type.Literal("conversation_part"),
  id: Type.String(),
  part_type: Type.String(),
  body: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
  notified_at: Timestamp,
  assigned_to: Nullable(AssignedTo),
  author: PartAuthor,
  attachments: Type.Array(Attachment),
  external_id: Type.Null(),
  redacted: Type.Boolean(),
  /** Quick reply options and the like: open, as Intercom's is. */
  metadata: Open,
  email_message_metadata: Type.Null(),
  state: State,
  tags: Type.Array(AppliedTagObject),
  event_details: Nullable(Open),
  app_package_code: Type.Null(),
});

const TeamResponseTime = Type.Object({
  team_id: Type.Integer(),
  team_name: Type.String(),
  response_time: Type.Integer(),
});

/** Intercom's `conversation_statistics`. */
const Statistics = Type.Object({
  type: Type.Literal("conversation_statistics"),
  time_to_assignment: Nullable(Type.Integer()),
  time_to_admin_reply: Nullable(Type.Integer()),
  time_to_first_close: Nullable(Type.Integer()),
  time_to_last_close: Nullable(Type.Integer()),
  median_time_to_reply: Nullable(Type.Integer()),
  first_contact_reply_at: Nullable(Timestamp),
  first_assignment_at: Nullable(Timestamp),
  first_admin_reply_at: Nullable(Timestamp),
  first_close_at: Nullable(Timestamp),
  last_assignment_at: Nullable(Timestamp),
  last_assignment_admin_reply_at: Nullable(Timestamp),
  last_contact_reply_at: Nullable(Timestamp),
  last_admin_reply_at: Nullable(Timestamp),
  last_close_at: Nullable(Timestamp),
  last_closed_by_id: Nullable(Type.String()),
  count_reopens: Type.Integer(),
  count_assignments: Type.Integer(),
  count_conversation_parts: Type.Integer(),
  assigned_team_first_response_time: Type.Array(TeamResponseTime),
  assigned_team_first_response_time_in_office_hours: Type.Array(TeamResponseTime),
  handling_time: Nullable(Type.Integer()),
  adjusted_handling_time: Type.Null(),
});

/** Intercom's conversation as lists show it (`conversation_list_item`): everything but its parts. */
export const ConversationListItem = Type.Object({
  type: Type.Literal("conversation"),
  id: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  waiting_since: Nullable(Timestamp),
  snoozed_until: Nullable(Timestamp),
  source: Type.Object({
    type: Type.String(),
    id: Type.String(),
    delivered_as: Type.String(),
    subject: Type.String(),
    body: Type.String(),
    author: PartAuthor,
    attachments: Type.Array(Attachment),
    url: Nullable(Type.String()),
    redacted: Type.Boolean(),
  }),
  contacts: Type.Object({ type: Type.Literal("contact.list"), contacts: Type.Array(ContactReference) }),
  first_contact_reply: Nullable(
    Type.Object({ created_at: Timestamp, type: Type.Literal("conversation"), url: Nullable(Type.String()) }),
  ),
  admin_assignee_id: Nullable(Type.Integer()),
  team_assignee_id: Nullable(Type.Integer()),
  open: Type.Boolean(),
  state: State,
  read: Type.Boolean(),
  tags: Type.Object({ type: Type.Literal("tag.list"), tags: Type.Array(AppliedTagObject) }),
  priority: Type.Union([Type.Literal("priority"), Type.Literal("not_priority")]),
  sla_applied: Type.Null(),
  statistics: Statistics,
  conversation_rating: Type.Null(),
  teammates: Type.Object({
    type: Type.Literal("admin.list"),
    teammates: Type.Array(Type.Object({ type: Type.Literal("admin"), id: Type.String() })),
  }),
  title: Nullable(Type.String()),
  custom_attributes: Open,
  topics: Open,
  ticket: Type.Null(),
  linked_objects: LinkedObjectList,
  ai_agent: Type.Null(),
  ai_agent_participated: Type.Boolean(),
});
export type ConversationListItem = Static<typeof ConversationListItem>;

/** Intercom's `conversation`, with its `conversation_parts`. */
export const Conversation = Type.Object({
  ...ConversationListItem.properties,
  conversation_parts: Type.Object({
    type: Type.Literal("conversation_part.list"),
    conversation_parts: Type.Array(ConversationPart),
    total_count: Type.Integer(),
  }),
});
export type Conversation = Static<typeof Conversation>;

export interface Person {
  name: string | null;
  email: string | null;
}

/** What the conversations' JSON shows beyond their rows, loaded for all of them by the conversations domain. */
export interface ConversationExtras {
  contacts: Map<number, Array<{ id: string; external_id: string | null }>>;
  /** The admins who wrote in each, in the order they first did. */
  teammates: Map<number, string[]>;
  admins: Map<string, Person>;
  people: Map<string, Person>;
  linked: Map<number, LinkedObject[]>;
  tags: Map<number, AppliedTagObject[]>;
}

/** A conversation's state as it reads now (the conversations domain decides: a lapsed snooze reads open). */
export interface ShownState {
  state: ConversationState;
  snoozedUntil: number | null;
}

/** 2.14's author email is an email address: an author without one (the bot, a lead) has none, not null. */
function author(type: PartAuthorType, id: string, loaded: ConversationExtras): Static<typeof PartAuthor> {
  if (type === "bot") return { type, id, name: "Gatehouse" };
  const known = (type === "admin" ? loaded.admins : loaded.people).get(id);
  return { type, id, name: known?.name ?? null, ...(known?.email && { email: known.email }) };
}

/** Intercom's `conversation_part`. */
function partObject(part: ConversationPartRow, loaded: ConversationExtras): Static<typeof ConversationPart> {
  return {
    type: "conversation_part",
    id: String(part.id),
    part_type: part.part_type,
    body: part.body,
    created_at: at(part.created_at),
    updated_at: at(part.updated_at),
    notified_at: at(part.created_at),
    assigned_to:
      part.assigned_to === null ? null : (JSON.parse(part.assigned_to) as Static<typeof AssignedTo>),
    author: author(part.author_type, part.author_id, loaded),
    attachments: JSON.parse(part.attachments) as Array<Static<typeof Attachment>>,
    external_id: null,
    redacted: toBool(part.redacted),
    metadata: JSON.parse(part.metadata) as Record<string, unknown>,
    email_message_metadata: null,
    state: part.state,
    tags: [],
    event_details:
      part.event_details === null ? null : (JSON.parse(part.event_details) as Record<string, unknown>),
    app_package_code: null,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : Math.floor(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

/** Intercom's `conversation_statistics`, from the figures each write keeps on the row. */
function statistics(row: ConversationRow): Static<typeof Statistics> {
  const handling =
    row.last_close_at !== null &&
    row.last_assignment_at !== null &&
    row.last_close_at >= row.last_assignment_at
      ? Math.floor((row.last_close_at - row.last_assignment_at) / 1000)
      : null;
  return {
    type: "conversation_statistics",
    time_to_assignment: row.time_to_assignment,
    time_to_admin_reply: row.time_to_admin_reply,
    time_to_first_close: row.time_to_first_close,
    time_to_last_close: row.time_to_last_close,
    median_time_to_reply: median(JSON.parse(row.response_times) as number[]),
    first_contact_reply_at: seconds(row.first_contact_reply_at),
    first_assignment_at: seconds(row.first_assignment_at),
    first_admin_reply_at: seconds(row.first_admin_reply_at),
    first_close_at: seconds(row.first_close_at),
    last_assignment_at: seconds(row.last_assignment_at),
    last_assignment_admin_reply_at: seconds(row.last_assignment_admin_reply_at),
    last_contact_reply_at: seconds(row.last_contact_reply_at),
    last_admin_reply_at: seconds(row.last_admin_reply_at),
    last_close_at: seconds(row.last_close_at),
    last_closed_by_id: row.last_closed_by_id === null ? null : String(row.last_closed_by_id),
    count_reopens: row.count_reopens,
    count_assignments: row.count_assignments,
    count_conversation_parts: row.count_conversation_parts,
    assigned_team_first_response_time: [],
    assigned_team_first_response_time_in_office_hours: [],
    handling_time: handling,
    adjusted_handling_time: null,
  };
}

/** Intercom's conversation as lists show it (`conversation_list_item`): everything but its parts. */
export function conversationListItem(
  row: ConversationRow,
  loaded: ConversationExtras,
  shown: ShownState,
): ConversationListItem {
  const { state, snoozedUntil } = shown;
  return {
    type: "conversation",
    id: String(row.id),
    created_at: at(row.created_at),
    updated_at: at(row.updated_at),
    waiting_since: seconds(row.waiting_since),
    snoozed_until: seconds(snoozedUntil),
    source: {
      type: row.source_type,
      id: String(row.id),
      delivered_as: row.source_delivered_as,
      subject: row.source_subject,
      body: row.source_body,
      author: author(row.source_author_type, row.source_author_id, loaded),
      attachments: JSON.parse(row.source_attachments) as Array<Static<typeof Attachment>>,
      url: row.source_url,
      redacted: toBool(row.source_redacted),
    },
    contacts: {
      type: "contact.list",
      contacts: (loaded.contacts.get(row.id) ?? []).map((c) => ({
        type: "contact",
        id: c.id,
        external_id: c.external_id,
      })),
    },
    first_contact_reply:
      row.first_contact_reply_at === null
        ? null
        : { created_at: at(row.first_contact_reply_at), type: "conversation", url: row.source_url },
    admin_assignee_id: row.admin_assignee_id,
    team_assignee_id: row.team_assignee_id,
    open: state !== "closed",
    state,
    read: toBool(row.read),
    tags: { type: "tag.list", tags: loaded.tags.get(row.id) ?? [] },
    priority: "not_priority",
    sla_applied: null,
    statistics: statistics(row),
    conversation_rating: null,
    teammates: {
      type: "admin.list",
      teammates: (loaded.teammates.get(row.id) ?? []).map((id) => ({ type: "admin", id })),
    },
    title: row.title,
    custom_attributes: JSON.parse(row.custom_attributes) as Record<string, unknown>,
    topics: {},
    ticket: null,
    linked_objects: linkedObjectList(loaded.linked.get(row.id)),
    ai_agent: null,
    ai_agent_participated: false,
  };
}

/** Intercom's `conversation` with its `conversation_parts`: the ones given, in their order. */
export function conversationWithParts(
  row: ConversationRow,
  loaded: ConversationExtras,
  shown: ShownState,
  parts: readonly ConversationPartRow[],
): Conversation {
  return {
    ...conversationListItem(row, loaded, shown),
    conversation_parts: {
      type: "conversation_part.list",
      conversation_parts: parts.map((p) => partObject(p, loaded)),
      total_count: parts.length,
    },
  };
}

/** A page of `GET /conversations` or of a conversation search. */
export const ConversationList = Type.Object({
  type: Type.Literal("conversation.list"),
  pages: CursorPages,
  total_count: Type.Integer(),
  conversations: Type.Array(ConversationListItem),
});
