import type { Services, Trx } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import type {
  TicketPartRow,
  TicketRow,
  TicketStateRow,
  TicketTypeRow,
} from "../../storage/tables/tickets.ts";
import { type Authors, presentPart, ticketObject } from "../../wire/ticket.ts";
import { presentTicketType } from "../../wire/ticket-type.ts";
import { workspaceIdCode } from "../kit/records.ts";
import { attributeValue, labelOf, readValues } from "./attribute-values.ts";
import { linkedToTickets } from "./links.ts";
import { statesOf } from "./states.ts";
import { attributesOf } from "./types.ts";

type Db = Services["db"] | Trx;

/** Ticket types as the API shows them, with what each needs loaded in one go. */
export async function ticketTypesJson(
  db: Db,
  workspaceId: number,
  workspaceIdCode: string,
  types: readonly TicketTypeRow[],
) {
  const attributes = await attributesOf(
    db,
    types.map((t) => t.id),
  );
  const states = await statesOf(db, workspaceId);
  return types.map((type) => presentTicketType(type, attributes, states, workspaceIdCode));
}

async function loadAuthors(db: Db, parts: readonly TicketPartRow[]): Promise<Authors> {
  const adminIds = [
    ...new Set(parts.filter((p) => p.author_type === "admin").map((p) => Number(p.author_id))),
  ];
  const userIds = [...new Set(parts.filter((p) => p.author_type === "user").map((p) => p.author_id))];
  const admins = adminIds.length
    ? await db.selectFrom("admins").select(["id", "name", "email"]).where("id", "in", adminIds).execute()
    : [];
  const users = userIds.length
    ? await db.selectFrom("contacts").select(["id", "name", "email"]).where("id", "in", userIds).execute()
    : [];
  return {
    admins: new Map(admins.map((a) => [String(a.id), { name: a.name, email: a.email }])),
    users: new Map(users.map((u) => [u.id, { name: u.name, email: u.email }])),
  };
}

export async function replyJson(db: Db, part: TicketPartRow) {
  return presentPart(part, await loadAuthors(db, [part]));
}

/** Intercom's `ticket`, for each of some tickets of one workspace, loading what they show in a few queries. */
export async function ticketsJson(
  db: Db,
  workspaceId: number,
  workspaceIdCode: string,
  tickets: readonly TicketRow[],
) {
  if (tickets.length === 0) return [];
  const typeIds = [...new Set(tickets.map((t) => t.ticket_type_id))];
  const types = await db.selectFrom("ticket_types").selectAll().where("id", "in", typeIds).execute();
  const attributes = await attributesOf(db, typeIds);
  const states = await statesOf(db, workspaceId);
  const contactSeqs = [...new Set(tickets.flatMap((t) => (t.contact_seq === null ? [] : [t.contact_seq])))];
  const contacts = contactSeqs.length
    ? await db
        .selectFrom("contacts")
        .select(["seq", "id", "external_id"])
        .where("seq", "in", contactSeqs)
        .execute()
    : [];
  const parts = await ticketParts(
    db,
    tickets.map((t) => t.id),
  );
  const authors = await loadAuthors(db, parts);
  const linked = await linkedToTickets(
    db,
    tickets.map((t) => t.id),
  );
  return tickets.map((ticket) => {
    const type = types.find((t) => t.id === ticket.ticket_type_id) as TicketTypeRow;
    const own = attributes.filter((a) => a.ticket_type_id === type.id);
    const values = readValues(ticket);
    const shown: Record<string, unknown> = {};
    for (const attribute of own) {
      const value = attributeValue(values, attribute);
      // The title and description are always shown, even empty; the rest when they hold something.
      if (toBool(attribute.is_default) || value !== null) shown[attribute.name] = labelOf(attribute, value);
    }
    return ticketObject(
      {
        ticket,
        type,
        attributes: own,
        states,
        state: states.find((st) => st.id === ticket.ticket_state_id) as TicketStateRow,
        contact: contacts.find((c) => c.seq === ticket.contact_seq),
        values: shown,
        parts: parts.filter((p) => p.ticket_id === ticket.id),
        authors,
        linked: linked.get(ticket.id) ?? [],
      },
      workspaceIdCode,
    );
  });
}

/** One ticket as the API answers it, read inside a transaction: what a webhook notification carries. */
export async function ticketObjectIn(trx: Trx, ticket: TicketRow) {
  const idCode = await workspaceIdCode(trx, ticket.workspace_id);
  const [json] = await ticketsJson(trx, ticket.workspace_id, idCode, [ticket]);
  return json as object;
}

/** A ticket's parts in order; Intercom shows at most 500. */
export async function ticketParts(db: Db, ticketIds: readonly number[]): Promise<TicketPartRow[]> {
  if (ticketIds.length === 0) return [];
  return db
    .selectFrom("ticket_parts")
    .selectAll()
    .where("ticket_id", "in", [...new Set(ticketIds)])
    .orderBy("ticket_id")
    .orderBy("id")
    .execute();
}
