import { type Static, Type } from "typebox";

/**
 * What the ticket type routes take (2.14 `create_ticket_type_request`, `update_ticket_type_request`,
 * `create_ticket_type_attribute_request`, `update_ticket_type_attribute_request`). Text is bounded here
 * generously; the domain trims it and holds it to its own limits (a name of at most 255 characters).
 */

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Flag = Type.Optional(Type.Boolean());

export const TicketTypeParams = Type.Object({ ticket_type_id: Type.String({ maxLength: 50 }) });
export const TicketTypeAttributeParams = Type.Object({
  ticket_type_id: Type.String({ maxLength: 50 }),
  attribute_id: Type.String({ maxLength: 50 }),
});

export const TicketCategory = Type.Union([
  Type.Literal("Customer"),
  Type.Literal("Back-office"),
  Type.Literal("Tracker"),
]);

/** `POST /ticket_types` (name required, as the domain checks) and `PUT /ticket_types/{id}`. */
export const TicketTypeBody = Type.Object({
  name: Text(1000),
  description: Text(1000),
  category: Type.Optional(TicketCategory),
  icon: Text(200),
  is_internal: Flag,
  archived: Flag,
});
export type TicketTypeBody = Static<typeof TicketTypeBody>;

export const TicketAttributeDataType = Type.Union([
  Type.Literal("string"),
  Type.Literal("list"),
  Type.Literal("integer"),
  Type.Literal("decimal"),
  Type.Literal("boolean"),
  Type.Literal("datetime"),
  Type.Literal("files"),
]);

/**
 * `POST /ticket_types/{id}/attributes` (name, description and data_type required, as the domain
 * checks, naming the field) and `PUT …/attributes/{attribute_id}`.
 */
export const TicketTypeAttributeBody = Type.Object({
  name: Text(1000),
  description: Text(1000),
  data_type: Type.Optional(TicketAttributeDataType),
  required_to_create: Flag,
  required_to_create_for_contacts: Flag,
  visible_on_create: Flag,
  visible_to_contacts: Flag,
  multiline: Flag,
  /** A comma-separated list of labels. */
  list_items: Text(60_000),
  allow_multiple_values: Flag,
  archived: Flag,
});
export type TicketTypeAttributeBody = Static<typeof TicketTypeAttributeBody>;
