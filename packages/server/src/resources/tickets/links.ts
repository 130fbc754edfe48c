import type { Services, Trx } from "../../core/services.ts";
import type { LinkedObject } from "../../wire/linked-object.ts";

type Db = Services["db"] | Trx;

function push<K>(map: Map<K, LinkedObject[]>, key: K, object: LinkedObject): void {
  const list = map.get(key);
  if (list) list.push(object);
  else map.set(key, [object]);
}

/** The conversations linked to each of some tickets. */
export async function linkedToTickets(db: Db, ticketIds: readonly number[]) {
  const out = new Map<number, LinkedObject[]>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom("ticket_links")
    .select(["ticket_id", "conversation_id"])
    .where("ticket_id", "in", [...new Set(ticketIds)])
    .orderBy("created_at")
    .orderBy("conversation_id")
    .execute();
  for (const row of rows)
    push(out, row.ticket_id, { type: "conversation", id: String(row.conversation_id), category: null });
  return out;
}

/** The tickets linked to each of some conversations, and the ticket each was converted into. */
export async function linkedToConversations(db: Db, conversationIds: readonly number[]) {
  const out = new Map<number, LinkedObject[]>();
  if (conversationIds.length === 0) return out;
  const ids = [...new Set(conversationIds)];
  const converted = await db
    .selectFrom("tickets")
    .innerJoin("ticket_types", "ticket_types.id", "tickets.ticket_type_id")
    .select(["tickets.id", "tickets.converted_from_id", "ticket_types.category"])
    .where("tickets.converted_from_id", "in", ids)
    .execute();
  for (const row of converted)
    push(out, row.converted_from_id as number, {
      type: "ticket",
      id: String(row.id),
      category: row.category,
    });
  const linked = await db
    .selectFrom("ticket_links")
    .innerJoin("tickets", "tickets.id", "ticket_links.ticket_id")
    .innerJoin("ticket_types", "ticket_types.id", "tickets.ticket_type_id")
    .select(["ticket_links.conversation_id", "tickets.id", "ticket_types.category"])
    .where("ticket_links.conversation_id", "in", ids)
    .orderBy("ticket_links.created_at")
    .orderBy("tickets.id")
    .execute();
  for (const row of linked)
    push(out, row.conversation_id, { type: "ticket", id: String(row.id), category: row.category });
  return out;
}
