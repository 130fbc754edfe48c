import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type {
  TicketPartRow,
  TicketRow,
  TicketStateRow,
  TicketTypeAttributeRow,
  TicketTypeRow,
} from "../storage/tables/tickets.ts";
import { CursorPages, InOrder, Timestamp } from "./common.ts";
import { type LinkedObject, LinkedObjectList, linkedObjectList } from "./linked-object.ts";
import { AssignedTo, Attachment, ContactReference, PartAuthor } from "./part.ts";
import { presentState, presentTicketType, TicketState, TicketType } from "./ticket-type.ts";

/** Intercom shows at most this many parts of a ticket. */
const MAX_PARTS = 500;
const seconds = (millis: number) => Math.floor(Number(millis) / 1000);

/** Intercom's `ticket_part` (a reply is the same object, with fewer fields set). */
export const TicketPart = InOrder(
  Type.Object({
    type: Type.Literal("ticket_part"),
    id: Type.String(),
    part_type: Type.String(),
    body: Type.Optional(Type.String()),
    ticket_state: Type.Optional(Type.String()),
    previous_ticket_state: Type.Optional(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    assigned_to: Type.Optional(AssignedTo),
    author: PartAuthor,
    attachments: Type.Array(Attachment),
    redacted: Type.Boolean(),
    /** What an attribute change set: open, as the attributes are. */
    updated_attribute_data: Type.Optional(Type.Object({}, { additionalProperties: true })),
  }),
);
export type TicketPart = Static<typeof TicketPart>;

/** Intercom's `ticket`. */
export const Ticket = InOrder(
  Type.Object({
    type: Type.Literal("ticket"),
    id: Type.String(),
    ticket_id: Type.String(),
    /** Values by attribute name: open, as the ticket type's attributes are the workspace's own. */
    ticket_attributes: Type.Object({}, { additionalProperties: true }),
    ticket_state: TicketState,
    ticket_type: TicketType,
    contacts: Type.Object({ type: Type.Literal("contact.list"), contacts: Type.Array(ContactReference) }),
    admin_assignee_id: Type.String(),
    team_assignee_id: Type.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
    ticket_parts: Type.Object({
      type: Type.Literal("ticket_part.list"),
      ticket_parts: Type.Array(TicketPart),
      total_count: Type.Integer(),
    }),
    open: Type.Boolean(),
    snoozed_until: Type.Optional(Timestamp),
    linked_objects: LinkedObjectList,
    category: Type.Union([Type.Literal("Customer"), Type.Literal("Back-office"), Type.Literal("Tracker")]),
    is_shared: Type.Boolean(),
  }),
);
export type Ticket = Static<typeof Ticket>;

export const TicketList = Type.Object({
  type: Type.Literal("ticket.list"),
  pages: CursorPages,
  total_count: Type.Integer(),
  tickets: Type.Array(Ticket),
});

/** What `DELETE /tickets/{id}` answers (2.14 `deleted_ticket_object`: `object`, not `type`). */
export const DeletedTicket = Type.Object({
  id: Type.String(),
  object: Type.Literal("ticket"),
  deleted: Type.Literal(true),
});

export interface AuthorRecord {
  name: string | null;
  email: string | null;
}

export interface Authors {
  admins: Map<string, AuthorRecord>;
  users: Map<string, AuthorRecord>;
}

export function presentAuthor(part: TicketPartRow, authors: Authors): Static<typeof PartAuthor> {
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
export function presentPart(part: TicketPartRow, authors: Authors): TicketPart {
  return {
    type: "ticket_part",
    id: String(part.id),
    part_type: part.part_type,
    ...(part.body !== null && { body: part.body }),
    ...(part.ticket_state !== null && { ticket_state: part.ticket_state }),
    ...(part.previous_ticket_state !== null && { previous_ticket_state: part.previous_ticket_state }),
    created_at: seconds(part.created_at),
    updated_at: seconds(part.updated_at),
    ...(part.assigned_to !== null && {
      assigned_to: JSON.parse(part.assigned_to) as Static<typeof AssignedTo>,
    }),
    author: presentAuthor(part, authors),
    attachments: JSON.parse(part.attachments) as Array<Static<typeof Attachment>>,
    redacted: false,
    ...(part.attribute_data !== null && {
      updated_attribute_data: JSON.parse(part.attribute_data) as Record<string, unknown>,
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
export function ticketObject(data: TicketData, workspaceIdCode: string): Ticket {
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
