import type { Kysely } from "kysely";
import type { Trx } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type {
  ConversationPartRow,
  ConversationRow,
  PartAuthorType,
} from "../../storage/tables/conversations.ts";
import {
  type ConversationExtras,
  conversationListItem,
  conversationWithParts,
  type ShownState,
} from "../../wire/conversation.ts";
import { appliedTagObject } from "../../wire/tag.ts";
import { linkedToConversations } from "../tickets/links.ts";

type Db = Kysely<Database> | Trx;

/** Intercom shows at most this many parts of a conversation: the most recent ones. */
const MAX_PARTS = 500;

/**
 * A conversation's state as of `now`: a snooze that has run out reads as open, whether or not a write
 * has recorded its waking yet.
 */
export function effectiveState(
  row: Pick<ConversationRow, "state" | "snoozed_until">,
  now: number,
): ShownState {
  if (row.state === "snoozed" && row.snoozed_until !== null && row.snoozed_until <= now)
    return { state: "open", snoozedUntil: null };
  return { state: row.state, snoozedUntil: row.snoozed_until };
}

/** What the conversations' JSON shows beyond their rows, loaded in a few queries for all of them. */
async function load(db: Db, rows: readonly ConversationRow[], parts: readonly ConversationPartRow[]) {
  const ids = rows.map((r) => r.id);
  const loaded: ConversationExtras = {
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

/** Conversations as `GET /conversations` and search list them. */
export async function conversationListItems(db: Db, rows: readonly ConversationRow[], now: number) {
  const loaded = await load(db, rows, []);
  return rows.map((row) => conversationListItem(row, loaded, effectiveState(row, now)));
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
  return conversationWithParts(row, loaded, effectiveState(row, now), shown);
}
