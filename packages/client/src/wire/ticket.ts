import type { ContactReference, CursorPages, LinkedObjectList, PartAttachment, Reference } from "./common.ts";

export type TicketCategory = "Customer" | "Back-office" | "Tracker";
export type TicketStateCategory = "submitted" | "in_progress" | "waiting_on_customer" | "resolved";

/** Intercom's `ticket_state`: one of the workspace's states, in one of four categories. */
export interface TicketState {
  type: "ticket_state";
  id: string;
  category: TicketStateCategory;
  internal_label: string;
  external_label: string;
}

/** An attribute a ticket type's tickets carry (`_default_title_`, `_default_description_`, custom ones). */
export interface TicketTypeAttribute {
  type: "ticket_type_attribute";
  id: string;
  name: string;
  description: string;
  data_type: string;
  input_options: Record<string, unknown> | null;
  required_to_create: boolean;
  visible_to_contacts: boolean;
  default: boolean;
  archived: boolean;
  [field: string]: unknown;
}

/** Intercom's `ticket_type`, with its attributes and the states its tickets can be in. */
export interface TicketType {
  type: "ticket_type";
  id: string;
  name: string;
  description: string;
  icon: string;
  workspace_id: string;
  category: TicketCategory;
  archived: boolean;
  is_internal: boolean;
  created_at: number;
  updated_at: number;
  ticket_type_attributes: { type: "list"; data: TicketTypeAttribute[] };
  ticket_states: { type: "list"; data: TicketState[] };
}

/** `POST /ticket_types`. */
export interface TicketTypeCreate {
  name: string;
  description?: string;
  category?: TicketCategory;
  icon?: string;
  is_internal?: boolean;
}

export interface TicketTypeList {
  type: "list";
  data: TicketType[];
}

/** Intercom's `ticket_part`: a reply, a note, or a change of state, assignee or attributes. */
export interface TicketPart {
  type: "ticket_part";
  id: string;
  part_type: string;
  body?: string;
  ticket_state?: TicketStateCategory;
  previous_ticket_state?: TicketStateCategory;
  created_at: number;
  updated_at: number;
  assigned_to?: Reference;
  author: { type: "admin" | "user" | "bot" | "team"; id: string; name: string | null; email: string | null };
  attachments: PartAttachment[];
  redacted: boolean;
  updated_attribute_data?: Record<string, unknown>;
}

/** Intercom's `ticket`. `ticket_attributes` holds values by attribute name. */
export interface Ticket {
  type: "ticket";
  id: string;
  /** The number the Inbox shows. */
  ticket_id: string;
  category: TicketCategory;
  ticket_attributes: Record<string, unknown>;
  ticket_state: TicketState;
  ticket_type: TicketType;
  contacts: { type: "contact.list"; contacts: ContactReference[] };
  /** "0" when nobody is assigned. */
  admin_assignee_id: string;
  team_assignee_id: string;
  created_at: number;
  updated_at: number;
  open: boolean;
  snoozed_until?: number;
  is_shared: boolean;
  linked_objects: LinkedObjectList;
  ticket_parts: { type: "ticket_part.list"; ticket_parts: TicketPart[]; total_count: number };
}

/** `POST /tickets`: a ticket of a type, about one contact. */
export interface TicketCreate {
  ticket_type_id: string;
  contacts: [{ id: string } | { external_id: string } | { email: string }];
  ticket_attributes?: Record<string, unknown>;
  company_id?: string;
  conversation_to_link_id?: string;
  created_at?: number;
  assignment?: { admin_assignee_id?: string; team_assignee_id?: string };
  skip_notifications?: boolean;
}

/** `PUT /tickets/{id}`: a state change or an assignment is recorded as done by `admin_id`. */
export interface TicketUpdate {
  ticket_attributes?: Record<string, unknown>;
  ticket_state_id?: string;
  company_id?: string;
  open?: boolean;
  is_shared?: boolean;
  snoozed_until?: number;
  admin_id?: number | string;
  assignee_id?: string;
  skip_notifications?: boolean;
}

/** A page of `POST /tickets/search`. */
export interface TicketPage {
  type: "ticket.list";
  tickets: Ticket[];
  total_count: number;
  pages: CursorPages;
}
