import type { Kysely } from "kysely";
import type { Trx } from "../core/services.ts";
import { type LinkedObject, linkedObjectList, linkedToConversations } from "../resources/tickets/links.ts";
import { type Database, toBool } from "../storage/schema.ts";
import type {
  ConversationPartRow,
  ConversationRow,
  ConversationState,
  PartAuthorType,
} from "../storage/tables/conversations.ts";
import { appliedTagObject } from "./tag.ts";

type Db = Kysely<Database> | Trx;

/** Intercom shows at most this many parts of a conversation: the most recent ones. */
const MAX_PARTS = 500;
const seconds = (millis: number | null) => (millis === null ? null : Math.floor(millis / 1000));

/**
 * A conversation's state as of `now`: a snooze that has run out reads as open, whether or not a write
 * has recorded its waking yet.
 */
export function effectiveState(
  row: Pick<ConversationRow, "state" | "snoozed_until">,
  now: number,
): { state: ConversationState; snoozedUntil: number | null } {
  if (row.state === "snoozed" && row.snoozed_until !== null && row.snoozed_until <= now)
    return { state: "open", snoozedUntil: null };
  return { state: row.state, snoozedUntil: row.snoozed_until };
}

interface Person {
  name: string | null;
  email: string | null;
}

/** What the conversations' JSON shows beyond their rows, loaded in a few queries for all of them. */
interface Loaded {
  contacts: Map<number, Array<{ id: string; external_id: string | null }>>;
  teammates: Map<number, string[]>;
  admins: Map<string, Person>;
  people: Map<string, Person>;
  linked: Map<number, LinkedObject[]>;
  tags: Map<number, Array<ReturnType<typeof appliedTagObject>>>;
}

async function load(db: Db, rows: readonly ConversationRow[], parts: readonly ConversationPartRow[]) {
  const ids = rows.map((r) => r.id);
  const loaded: Loaded = {
    contacts: new Map(),
    teammates: new Map(),
    admins: new Map(),
    people: new Map(),
    linked: new Map(),
    tags: new Map(),
  };
  if (ids.length === 0) return loaded;
  loaded.linked = await linkedToConversations(db, ids);
  const contacts = await db
    .selectFrom("conversation_contacts")
    .innerJoin("contacts", "contacts.seq", "conversation_contacts.contact_seq")
    .select(["conversation_contacts.conversation_id", "contacts.id", "contacts.external_id"])
    .where("conversation_contacts.conversation_id", "in", ids)
    .orderBy("conversation_contacts.added_at")
    .orderBy("contacts.seq")
    .execute();
  for (const c of contacts) {
    const list = loaded.contacts.get(c.conversation_id) ?? [];
    list.push({ id: c.id, external_id: c.external_id });
    loaded.contacts.set(c.conversation_id, list);
  }
  // Teammates are the admins who wrote in it, in the order they first did: an admin's opening message
  // comes before every part.
  for (const row of rows)
    if (row.source_author_type === "admin") loaded.teammates.set(row.id, [row.source_author_id]);
  const teammates = await db
    .selectFrom("conversation_parts")
    .select((eb) => ["conversation_id", "author_id", eb.fn.min("id").as("first")])
    .where("conversation_id", "in", ids)
    .where("author_type", "=", "admin")
    .groupBy(["conversation_id", "author_id"])
    .orderBy("first")
    .execute();
  for (const t of teammates) {
    const list = loaded.teammates.get(t.conversation_id) ?? [];
    if (!list.includes(t.author_id)) list.push(t.author_id);
    loaded.teammates.set(t.conversation_id, list);
  }
  const authors: Array<{ type: PartAuthorType; id: string }> = [
    ...rows.map((r) => ({ type: r.source_author_type, id: r.source_author_id })),
    ...parts.map((p) => ({ type: p.author_type, id: p.author_id })),
  ];
  const adminIds = [
    ...new Set(
      authors.filter((a) => a.type === "admin" && /^[0-9]{1,9}$/.test(a.id)).map((a) => Number(a.id)),
    ),
  ];
  const contactIds = [
    ...new Set(authors.filter((a) => a.type === "user" || a.type === "lead").map((a) => a.id)),
  ];
  if (adminIds.length > 0) {
    for (const a of await db
      .selectFrom("admins")
      .select(["id", "name", "email"])
      .where("id", "in", adminIds)
      .execute())
      loaded.admins.set(String(a.id), { name: a.name, email: a.email });
  }
  if (contactIds.length > 0) {
    for (const c of await db
      .selectFrom("contacts")
      .select(["id", "name", "email"])
      .where("id", "in", contactIds)
      .execute())
      loaded.people.set(c.id, { name: c.name, email: c.email });
  }
  // Tags in the order they were put on.
  for (const t of await db
    .selectFrom("conversation_tags")
    .innerJoin("tags", "tags.id", "conversation_tags.tag_id")
    .select(["conversation_tags.conversation_id", "tags.id", "tags.name", "applied_at", "applied_by"])
    .where("conversation_tags.conversation_id", "in", ids)
    .orderBy("applied_at")
    .orderBy("tags.id")
    .execute()) {
    const list = loaded.tags.get(t.conversation_id) ?? [];
    list.push(appliedTagObject({ tag: t, appliedAt: t.applied_at, appliedBy: t.applied_by }));
    loaded.tags.set(t.conversation_id, list);
  }
  return loaded;
}

/** 2.14's author email is an email address: an author without one (the bot, a lead) has none, not null. */
function author(type: PartAuthorType, id: string, loaded: Loaded) {
  if (type === "bot") return { type, id, name: "Gatehouse" };
  const known = (type === "admin" ? loaded.admins : loaded.people).get(id);
  return { type, id, name: known?.name ?? null, ...(known?.email && { email: known.email }) };
}

/** Intercom's `conversation_part`. */
function partObject(part: ConversationPartRow, loaded: Loaded) {
  return {
    type: "conversation_part",
    id: String(part.id),
    part_type: part.part_type,
    body: part.body,
    created_at: seconds(part.created_at),
    updated_at: seconds(part.updated_at),
    notified_at: seconds(part.created_at),
    assigned_to: part.assigned_to === null ? null : (JSON.parse(part.assigned_to) as object),
    author: author(part.author_type, part.author_id, loaded),
    attachments: JSON.parse(part.attachments) as object[],
    external_id: null,
    redacted: toBool(part.redacted),
    metadata: JSON.parse(part.metadata) as object,
    email_message_metadata: null,
    state: part.state,
    tags: [],
    event_details: part.event_details === null ? null : (JSON.parse(part.event_details) as object),
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
function statistics(row: ConversationRow) {
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
function listItem(row: ConversationRow, loaded: Loaded, now: number) {
  const { state, snoozedUntil } = effectiveState(row, now);
  return {
    type: "conversation",
    id: String(row.id),
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
    waiting_since: seconds(row.waiting_since),
    snoozed_until: seconds(snoozedUntil),
    source: {
      type: row.source_type,
      id: String(row.id),
      delivered_as: row.source_delivered_as,
      subject: row.source_subject,
      body: row.source_body,
      author: author(row.source_author_type, row.source_author_id, loaded),
      attachments: JSON.parse(row.source_attachments) as object[],
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
        : { created_at: seconds(row.first_contact_reply_at), type: "conversation", url: row.source_url },
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

/** Conversations as `GET /conversations` and search list them. */
export async function conversationListItems(db: Db, rows: readonly ConversationRow[], now: number) {
  const loaded = await load(db, rows, []);
  return rows.map((row) => listItem(row, loaded, now));
}

/**
 * Intercom's `conversation` with its `conversation_parts`: the given ones (what a write just added),
 * or else its most recent 500, oldest first.
 */
export async function conversationObject(
  db: Db,
  row: ConversationRow,
  now: number,
  parts?: readonly ConversationPartRow[],
) {
  const shown =
    parts ??
    (
      await db
        .selectFrom("conversation_parts")
        .selectAll()
        .where("conversation_id", "=", row.id)
        .orderBy("id", "desc")
        .limit(MAX_PARTS)
        .execute()
    ).reverse();
  const loaded = await load(db, [row], shown);
  return {
    ...listItem(row, loaded, now),
    conversation_parts: {
      type: "conversation_part.list",
      conversation_parts: shown.map((p) => partObject(p, loaded)),
      total_count: shown.length,
    },
  };
}
