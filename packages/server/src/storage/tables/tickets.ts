import type { ColumnType, Generated, Selectable } from "kysely";
import type { Flag, Json, Millis } from "./columns.ts";

/** Ticket types with their attributes and states, tickets, their parts and links, and the per-workspace ticket number. */
export interface TicketsTables {
  ticket_types: TicketTypesTable;
  ticket_type_attributes: TicketTypeAttributesTable;
  ticket_states: TicketStatesTable;
  tickets: TicketsTable;
  ticket_counters: TicketCountersTable;
  ticket_parts: TicketPartsTable;
  ticket_links: TicketLinksTable;
}

export type TicketCategory = "Customer" | "Back-office" | "Tracker";

export interface TicketTypesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  icon: string;
  category: TicketCategory;
  is_internal: Flag;
  archived: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type TicketTypeRow = Selectable<TicketTypesTable>;

export type TicketAttributeType =
  | "string"
  | "list"
  | "integer"
  | "decimal"
  | "boolean"
  | "datetime"
  | "files";

export interface TicketTypeAttributesTable {
  id: Generated<number>;
  ticket_type_id: number;
  name: string;
  name_key: string;
  description: ColumnType<string, string | undefined, string>;
  data_type: TicketAttributeType;
  /** JSON: `{multiline}` for text, `{list_items: [{id, label, archived}]}` for lists, `{allow_multiple_values}` for files. */
  input_options: string | null;
  /** Intercom's `order`. */
  position: number;
  required_to_create: Flag;
  required_to_create_for_contacts: Flag;
  visible_on_create: Flag;
  visible_to_contacts: Flag;
  /** `_default_title_` and `_default_description_`, made with every ticket type. */
  is_default: Flag;
  archived: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type TicketTypeAttributeRow = Selectable<TicketTypeAttributesTable>;

export type TicketStateCategory = "submitted" | "in_progress" | "waiting_on_customer" | "resolved";

export interface TicketStatesTable {
  id: Generated<number>;
  workspace_id: number;
  category: TicketStateCategory;
  internal_label: string;
  external_label: string;
  position: number;
  archived: Flag;
}

export type TicketStateRow = Selectable<TicketStatesTable>;

export interface TicketsTable {
  id: Generated<number>;
  workspace_id: number;
  /** Intercom's `ticket_id`: the number the Inbox shows, counted per workspace. */
  number: number;
  ticket_type_id: number;
  ticket_state_id: number;
  contact_seq: number | null;
  /** `_default_title_` and `_default_description_`, in columns so search can reach them. */
  title: string | null;
  description: string | null;
  /** JSON object of the other attributes' values, keyed by attribute id. */
  attributes: Json;
  admin_assignee_id: number | null;
  /** The team it is assigned to (migration 0018); a ticket may have an admin and a team both. */
  team_assignee_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The company the ticket is about; the API takes it but Intercom's ticket object does not show it. */
  company_seq: ColumnType<number | null, number | null | undefined, number | null>;
  /** The conversation this ticket was converted from (`POST /conversations/{id}/convert`). */
  converted_from_id: ColumnType<number | null, number | null | undefined, number | null>;
  open: Flag;
  is_shared: Flag;
  /** Unix seconds. */
  snoozed_until: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export type TicketRow = Selectable<TicketsTable>;

/** Per workspace, the last `ticket_id` number given out. */
export interface TicketCountersTable {
  workspace_id: number;
  last_number: number;
}

export interface TicketPartsTable {
  id: Generated<number>;
  ticket_id: number;
  part_type: string;
  body: string | null;
  author_type: "admin" | "user" | "bot";
  /** An admin's id, or a contact's public id. */
  author_id: string;
  ticket_state: string | null;
  previous_ticket_state: string | null;
  /** JSON reference `{type, id}` of whom an assignment part assigned. */
  assigned_to: string | null;
  /** JSON `updated_attribute_data` of an attribute change. */
  attribute_data: string | null;
  /** JSON array of attachments. */
  attachments: Json;
  reply_options: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export type TicketPartRow = Selectable<TicketPartsTable>;

/** A conversation linked to a ticket: each shows the other among its `linked_objects`. */
export interface TicketLinksTable {
  ticket_id: number;
  conversation_id: number;
  created_at: Millis;
}
