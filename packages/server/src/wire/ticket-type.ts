import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { TicketStateRow, TicketTypeAttributeRow, TicketTypeRow } from "../storage/tables/tickets.ts";
import { Timestamp } from "./common.ts";

const seconds = (millis: number) => Math.floor(Number(millis) / 1000);

const Category = Type.Union([Type.Literal("Customer"), Type.Literal("Back-office"), Type.Literal("Tracker")]);
const StateCategory = Type.Union([
  Type.Literal("submitted"),
  Type.Literal("in_progress"),
  Type.Literal("waiting_on_customer"),
  Type.Literal("resolved"),
]);

/** Intercom's `ticket_type_attribute`. */
export const TicketTypeAttribute = Type.Object({
  type: Type.Literal("ticket_type_attribute"),
  id: Type.String(),
  workspace_id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  data_type: Type.String(),
  /** `{multiline}`, `{list_items: […]}` or `{allow_multiple_values}`, by data type. */
  input_options: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  order: Type.Integer(),
  required_to_create: Type.Boolean(),
  required_to_create_for_contacts: Type.Boolean(),
  visible_on_create: Type.Boolean(),
  visible_to_contacts: Type.Boolean(),
  default: Type.Boolean(),
  ticket_type_id: Type.Integer(),
  archived: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type TicketTypeAttribute = Static<typeof TicketTypeAttribute>;

export function presentAttribute(a: TicketTypeAttributeRow, workspaceIdCode: string): TicketTypeAttribute {
  return {
    type: "ticket_type_attribute",
    id: String(a.id),
    workspace_id: workspaceIdCode,
    name: a.name,
    description: a.description,
    data_type: a.data_type,
    input_options: a.input_options === null ? null : (JSON.parse(a.input_options) as Record<string, unknown>),
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

/** Intercom's `ticket_state`, as a ticket and its type show it. */
export const TicketState = Type.Object({
  type: Type.Literal("ticket_state"),
  id: Type.String(),
  category: StateCategory,
  internal_label: Type.String(),
  external_label: Type.String(),
});
export type TicketState = Static<typeof TicketState>;

export function presentState(state: TicketStateRow): TicketState {
  return {
    type: "ticket_state",
    id: String(state.id),
    category: state.category,
    internal_label: state.internal_label,
    external_label: state.external_label,
  };
}

/** A ticket type as `/ticket_states` lists it under a state: without its attributes and states. */
const TicketTypeBrief = Type.Object({
  type: Type.Literal("ticket_type"),
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  archived: Type.Boolean(),
  is_internal: Type.Boolean(),
  category: Category,
});

function presentTypeBrief(type: TicketTypeRow): Static<typeof TicketTypeBrief> {
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

/** Intercom's `ticket_state_detailed`: a state with the ticket types whose tickets can be in it. */
export const TicketStateDetailed = Type.Object({
  ...TicketState.properties,
  ticket_types: Type.Object({ type: Type.Literal("list"), data: Type.Array(TicketTypeBrief) }),
  archived: Type.Boolean(),
});

export const TicketStateList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(TicketStateDetailed),
});

export function presentStateDetailed(
  state: TicketStateRow,
  types: readonly TicketTypeRow[],
): Static<typeof TicketStateDetailed> {
  return {
    ...presentState(state),
    ticket_types: { type: "list", data: types.map(presentTypeBrief) },
    archived: toBool(state.archived),
  };
}

/** Intercom's `ticket_type`, with its attributes and the states its tickets can be in. */
export const TicketType = Type.Object({
  type: Type.Literal("ticket_type"),
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  workspace_id: Type.String(),
  archived: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  is_internal: Type.Boolean(),
  ticket_type_attributes: Type.Object({ type: Type.Literal("list"), data: Type.Array(TicketTypeAttribute) }),
  category: Category,
  ticket_states: Type.Object({ type: Type.Literal("list"), data: Type.Array(TicketState) }),
});
export type TicketType = Static<typeof TicketType>;

export const TicketTypeList = Type.Object({ type: Type.Literal("list"), data: Type.Array(TicketType) });

export function presentTicketType(
  type: TicketTypeRow,
  attributes: readonly TicketTypeAttributeRow[],
  states: readonly TicketStateRow[],
  workspaceIdCode: string,
): TicketType {
  return {
    // The brief's fields, and what only the full type has (answers are written in the schema's order).
    ...presentTypeBrief(type),
    workspace_id: workspaceIdCode,
    created_at: seconds(type.created_at),
    updated_at: seconds(type.updated_at),
    ticket_type_attributes: {
      type: "list",
      data: attributes
        .filter((a) => a.ticket_type_id === type.id)
        .map((a) => presentAttribute(a, workspaceIdCode)),
    },
    ticket_states: {
      type: "list",
      data: states.filter((state) => !toBool(state.archived)).map(presentState),
    },
  };
}
