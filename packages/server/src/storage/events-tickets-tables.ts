import type { ColumnType, Generated, Selectable } from "kysely";

/** The tables of migration 0008, kept beside `schema.ts` and merged into its `Database`. */
export interface EventsTicketsTables {
  data_events: DataEventsTable;
  data_event_summaries: DataEventSummariesTable;
  data_attributes: DataAttributesTable;
  ticket_types: TicketTypesTable;
  ticket_type_attributes: TicketTypeAttributesTable;
  ticket_states: TicketStatesTable;
  tickets: TicketsTable;
  ticket_counters: TicketCountersTable;
  ticket_parts: TicketPartsTable;
  ticket_links: TicketLinksTable;
  jobs: JobsTable;
}

type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
type Millis = number;

export interface DataEventsTable {
  seq: Generated<number>;
  /** The event's public id. */
  id: string;
  workspace_id: number;
  contact_seq: number;
  event_name: string;
  /** Unix seconds: the `created_at` the caller sent, part of the de-duplication key. */
  occurred_at: number;
  /** JSON object: at most ten keys, scalars or Intercom's rich link and monetary amount objects. */
  metadata: string;
  received_at: Millis;
}

/** Counts imported with `POST /events/summaries`, added to what the tracked events say. */
export interface DataEventSummariesTable {
  contact_seq: number;
  event_name: string;
  count: number;
  /** Unix seconds. */
  first_at: number;
  last_at: number;
  updated_at: Millis;
}

export type DataAttributeModel = "contact" | "company";
export type DataAttributeType = "string" | "integer" | "float" | "boolean" | "date" | "datetime";

/** A workspace's custom data attributes; the built-in ones are fixed and live in code. */
export interface DataAttributesTable {
  id: Generated<number>;
  workspace_id: number;
  model: DataAttributeModel;
  name: string;
  /** The name lower-cased: names are unique in a workspace without regard to case. */
  name_key: string;
  description: string | null;
  data_type: DataAttributeType;
  /** JSON array of strings for a list attribute; null otherwise. */
  options: string | null;
  messenger_writable: Flag;
  archived: Flag;
  admin_id: number | null;
  created_at: Millis;
  updated_at: Millis;
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
  attributes: ColumnType<string, string | undefined, string>;
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
  attachments: ColumnType<string, string | undefined, string>;
  reply_options: string | null;
  created_at: Millis;
  updated_at: Millis;
}

/** A conversation linked to a ticket: each shows the other among its `linked_objects`. */
export interface TicketLinksTable {
  ticket_id: number;
  conversation_id: number;
  created_at: Millis;
}

export type JobStatus = "pending" | "success" | "failed";

/**
 * Work accepted by the API and done later by the server's job runner. A pending job whose
 * `run_after` has passed is due; the runner moves `run_after` forward while it works (a lease).
 */
export interface JobsTable {
  id: Generated<number>;
  workspace_id: number;
  /** Who asked: the admin the token acted as, the author of what the job makes. */
  admin_id: number | null;
  kind: string;
  /** JSON: the request, as checked when it was accepted. */
  payload: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  resource_type: string;
  resource_id: string | null;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  run_after: Millis;
  created_at: Millis;
  finished_at: Millis | null;
}

export type DataEventRow = Selectable<DataEventsTable>;
export type DataAttributeRow = Selectable<DataAttributesTable>;
export type TicketTypeRow = Selectable<TicketTypesTable>;
export type TicketTypeAttributeRow = Selectable<TicketTypeAttributesTable>;
export type TicketStateRow = Selectable<TicketStatesTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketPartRow = Selectable<TicketPartsTable>;
export type JobRow = Selectable<JobsTable>;
