import { toBool } from "../storage/schema.ts";
import type {
  TicketPartRow,
  TicketRow,
  TicketStateRow,
  TicketTypeAttributeRow,
  TicketTypeRow,
} from "../storage/tables/tickets.ts";
import { type LinkedObject, linkedObjectList } from "./linked-object.ts";

/** Intercom shows at most this many parts of a ticket. */
const MAX_PARTS = 500;
const seconds = (millis: number) => Math.floor(millis / 1000);

export function presentAttribute(a: TicketTypeAttributeRow, workspaceIdCode: string) {
  return {
    type: "ticket_type_attribute",
    id: String(a.id),
    workspace_id: workspaceIdCode,
    name: a.name,
    description: a.description,
    data_type: a.data_type,
    input_options: a.input_options === null ? null : (JSON.parse(a.input_options) as object),
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

export interface AuthorRecord {
  name: string | null;
  email: string | null;
}

export interface Authors {
  admins: Map<string, AuthorRecord>;
  users: Map<string, AuthorRecord>;
}

export function presentAuthor(part: TicketPartRow, authors: Authors) {
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
export function presentPart(part: TicketPartRow, authors: Authors) {
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

/** What a ticket's JSON shows, loaded by the tickets domain. */
export interface TicketData {
  ticket: TicketRow;
  type: TicketTypeRow;
  /** Its type's attributes. */
  attributes: readonly TicketTypeAttributeRow[];
  /** The workspace's ticket states, and the one it is in. */
  states: readonly TicketStateRow[];
  state: TicketStateRow;
  contact: { id: string; external_id: string | null } | undefined;
  /** `ticket_attributes` as shown: values by attribute name, list items by label. */
  values: Record<string, unknown>;
  /** Its parts, in order. */
  parts: readonly TicketPartRow[];
  authors: Authors;
  linked: readonly LinkedObject[];
}

/** Intercom's `ticket`. */
export function ticketObject(data: TicketData, workspaceIdCode: string) {
  const { ticket, type, contact } = data;
  return {
    type: "ticket",
    id: String(ticket.id),
    ticket_id: String(ticket.number),
    ticket_attributes: data.values,
    ticket_state: presentState(data.state),
    ticket_type: presentTicketType(type, data.attributes, data.states, workspaceIdCode),
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
      ticket_parts: data.parts.slice(0, MAX_PARTS).map((p) => presentPart(p, data.authors)),
      total_count: Math.min(data.parts.length, MAX_PARTS),
    },
    open: toBool(ticket.open),
    ...(ticket.snoozed_until !== null && { snoozed_until: ticket.snoozed_until }),
    linked_objects: linkedObjectList(data.linked),
    category: type.category,
    is_shared: toBool(ticket.is_shared),
  };
}
