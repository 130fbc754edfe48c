import type { Services, Trx } from "../domain/services.ts";
import { attributeValue, labelOf, readValues } from "../domain/tickets/attribute-values.ts";
import { linkedObjectList, linkedToTickets } from "../domain/tickets/links.ts";
import { statesOf } from "../domain/tickets/states.ts";
import { ticketParts } from "../domain/tickets/tickets.ts";
import { attributesOf, inputOptions } from "../domain/tickets/types.ts";
import type {
  TicketPartRow,
  TicketRow,
  TicketStateRow,
  TicketTypeAttributeRow,
  TicketTypeRow,
} from "../storage/events-tickets-tables.ts";
import { toBool } from "../storage/schema.ts";

/** Intercom shows at most this many parts of a ticket. */
const MAX_PARTS = 500;
const seconds = (millis: number) => Math.floor(millis / 1000);

type Db = Services["db"] | Trx;

export function presentAttribute(a: TicketTypeAttributeRow, workspaceIdCode: string) {
  return {
    type: "ticket_type_attribute",
    id: String(a.id),
    workspace_id: workspaceIdCode,
    name: a.name,
    description: a.description,
    data_type: a.data_type,
    input_options: inputOptions(a),
    order: a.position,
    required_to_create: toBool(a.required_to_create),
    required_to_create_for_contacts: toBool(a.required_to_create_for_contacts),
    visible_on_create: toBool(a.visible_on_create),
    visible_to_contacts: toBool(a.visible_to_contacts),
    default: toBool(a.is_default),
    ticket_type_id: a.ticket_type_id,
    archived: toBool(a.archived),
    created_at: seconds(a.created_at),
    updated_at: seconds(a.updated_at),
  };
}

export function presentState(state: TicketStateRow) {
  return {
    type: "ticket_state",
    id: String(state.id),
    category: state.category,
    internal_label: state.internal_label,
    external_label: state.external_label,
  };
}

/** A ticket type as `/ticket_states` lists it under a state: without its attributes and states. */
function presentTypeBrief(type: TicketTypeRow) {
  return {
    type: "ticket_type",
    id: String(type.id),
    name: type.name,
    description: type.description,
    icon: type.icon,
    archived: toBool(type.archived),
    is_internal: toBool(type.is_internal),
    category: type.category,
  };
}

export function presentStateDetailed(state: TicketStateRow, types: readonly TicketTypeRow[]) {
  return {
    ...presentState(state),
    ticket_types: { type: "list", data: types.map(presentTypeBrief) },
    archived: toBool(state.archived),
  };
}

/** Intercom's `ticket_type`, with its attributes and the states its tickets can be in. */
export function presentTicketType(
  type: TicketTypeRow,
  attributes: readonly TicketTypeAttributeRow[],
  states: readonly TicketStateRow[],
  workspaceIdCode: string,
) {
  return {
    type: "ticket_type",
    id: String(type.id),
    name: type.name,
    description: type.description,
    icon: type.icon,
    workspace_id: workspaceIdCode,
    archived: toBool(type.archived),
    created_at: seconds(type.created_at),
    updated_at: seconds(type.updated_at),
    is_internal: toBool(type.is_internal),
    ticket_type_attributes: {
      type: "list",
      data: attributes
        .filter((a) => a.ticket_type_id === type.id)
        .map((a) => presentAttribute(a, workspaceIdCode)),
    },
    category: type.category,
    ticket_states: {
      type: "list",
      data: states.filter((state) => !toBool(state.archived)).map(presentState),
    },
  };
}

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

interface AuthorRecord {
  name: string | null;
  email: string | null;
}

interface Authors {
  admins: Map<string, AuthorRecord>;
  users: Map<string, AuthorRecord>;
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

function presentAuthor(part: TicketPartRow, authors: Authors) {
  // 2.14's author email is an email address: an author without one (the bot, a lead) has none, not null.
  if (part.author_type === "bot") return { id: part.author_id, type: "bot", name: "Gatehouse" };
  const known = (part.author_type === "admin" ? authors.admins : authors.users).get(part.author_id);
  return {
    id: part.author_id,
    type: part.author_type,
    name: known?.name ?? null,
    ...(known?.email && { email: known.email }),
  };
}

/** Intercom's `ticket_part` (a reply is the same object, with fewer fields set). */
function presentPart(part: TicketPartRow, authors: Authors) {
  return {
    type: "ticket_part",
    id: String(part.id),
    part_type: part.part_type,
    ...(part.body !== null && { body: part.body }),
    ...(part.ticket_state !== null && { ticket_state: part.ticket_state }),
    ...(part.previous_ticket_state !== null && { previous_ticket_state: part.previous_ticket_state }),
    created_at: seconds(part.created_at),
    updated_at: seconds(part.updated_at),
    ...(part.assigned_to !== null && { assigned_to: JSON.parse(part.assigned_to) as object }),
    author: presentAuthor(part, authors),
    attachments: JSON.parse(part.attachments) as object[],
    redacted: false,
    ...(part.attribute_data !== null && {
      updated_attribute_data: JSON.parse(part.attribute_data) as object,
    }),
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
    const state = states.find((st) => st.id === ticket.ticket_state_id) as TicketStateRow;
    const contact = contacts.find((c) => c.seq === ticket.contact_seq);
    const ticketPartRows = parts.filter((p) => p.ticket_id === ticket.id);
    const values = readValues(ticket);
    const ticketAttributes: Record<string, unknown> = {};
    for (const attribute of own) {
      const value = attributeValue(values, attribute);
      // The title and description are always shown, even empty; the rest when they hold something.
      if (toBool(attribute.is_default) || value !== null)
        ticketAttributes[attribute.name] = labelOf(attribute, value);
    }
    return {
      type: "ticket",
      id: String(ticket.id),
      ticket_id: String(ticket.number),
      ticket_attributes: ticketAttributes,
      ticket_state: presentState(state),
      ticket_type: presentTicketType(type, own, states, workspaceIdCode),
      contacts: {
        type: "contact.list",
        contacts: contact ? [{ type: "contact", id: contact.id, external_id: contact.external_id }] : [],
      },
      admin_assignee_id: ticket.admin_assignee_id === null ? "0" : String(ticket.admin_assignee_id),
      team_assignee_id: ticket.team_assignee_id === null ? "0" : String(ticket.team_assignee_id),
      created_at: seconds(ticket.created_at),
      updated_at: seconds(ticket.updated_at),
      ticket_parts: {
        type: "ticket_part.list",
        ticket_parts: ticketPartRows.slice(0, MAX_PARTS).map((p) => presentPart(p, authors)),
        total_count: Math.min(ticketPartRows.length, MAX_PARTS),
      },
      open: toBool(ticket.open),
      ...(ticket.snoozed_until !== null && { snoozed_until: ticket.snoozed_until }),
      linked_objects: linkedObjectList(linked.get(ticket.id)),
      category: type.category,
      is_shared: toBool(ticket.is_shared),
    };
  });
}

/** One ticket as the API answers it, read inside a transaction: what a webhook notification carries. */
export async function ticketObjectIn(trx: Trx, ticket: TicketRow) {
  const workspace = await trx
    .selectFrom("workspaces")
    .select("id_code")
    .where("id", "=", ticket.workspace_id)
    .executeTakeFirstOrThrow();
  const [json] = await ticketsJson(trx, ticket.workspace_id, workspace.id_code, [ticket]);
  return json as object;
}
