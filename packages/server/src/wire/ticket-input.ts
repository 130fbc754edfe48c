import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { RecordIdInput, ReplyBody, SecondsInput } from "./inbox-input.ts";

/**
 * What the ticket routes take (2.14 `create_ticket_request`, `update_ticket_request`). Required fields
 * are checked by the domain, which answers null as it answers absence (`parameter_not_found`).
 */

export const TicketParams = Type.Object({ ticket_id: Type.String({ maxLength: 50 }) });
export const TicketTagParams = Type.Object({
  ticket_id: Type.String({ maxLength: 50 }),
  tag_id: Type.String({ maxLength: 50 }),
});

/** A value of a ticket attribute: its type is the attribute's, checked by the domain against it. */
const AttributeValueInput = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
  // Files attributes: Intercom takes uploaded files here, which the domain refuses by name.
  Type.Array(Type.Object({}, { additionalProperties: true })),
]);
export const TicketAttributesInput = Type.Record(Type.String(), AttributeValueInput, {
  maxProperties: 250,
  propertyNames: { maxLength: 255 },
});
export type TicketAttributesInput = Static<typeof TicketAttributesInput>;

/** The contact a ticket is for: by id, external_id or email. */
const TicketContactInput = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 255 })),
  external_id: Type.Optional(Type.String({ maxLength: 255 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
});

/** `POST /tickets` and `POST /tickets/enqueue`. */
export const NewTicketBody = Type.Object({
  ticket_type_id: Type.Optional(Nullable(RecordIdInput)),
  contacts: Type.Optional(Nullable(Type.Array(TicketContactInput, { maxItems: 100 }))),
  company_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  conversation_to_link_id: Type.Optional(Nullable(RecordIdInput)),
  created_at: Type.Optional(SecondsInput),
  ticket_attributes: Type.Optional(TicketAttributesInput),
  assignment: Type.Optional(
    Nullable(
      Type.Object({
        admin_assignee_id: Type.Optional(Nullable(RecordIdInput)),
        team_assignee_id: Type.Optional(Nullable(RecordIdInput)),
      }),
    ),
  ),
  skip_notifications: Type.Optional(Type.Boolean()),
});
export type NewTicketBody = Static<typeof NewTicketBody>;
/** What the domain plans a ticket from (the job keeps it as JSON until the runner makes the ticket). */
export type NewTicketInput = Omit<NewTicketBody, "skip_notifications">;

/** `PUT /tickets/{id}`. */
export const TicketChangesBody = Type.Object({
  ticket_attributes: Type.Optional(TicketAttributesInput),
  ticket_state_id: Type.Optional(RecordIdInput),
  company_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  open: Type.Optional(Type.Boolean()),
  is_shared: Type.Optional(Type.Boolean()),
  snoozed_until: Type.Optional(SecondsInput),
  admin_id: Type.Optional(Nullable(RecordIdInput)),
  assignee_id: Type.Optional(Nullable(RecordIdInput)),
  skip_notifications: Type.Optional(Type.Boolean()),
});
export type TicketChangesBody = Static<typeof TicketChangesBody>;

/** `POST /tickets/{id}/reply`: the reply conversations take, and `skip_notifications`. */
export const TicketReplyBody = Type.Object({
  ...ReplyBody.properties,
  skip_notifications: Type.Optional(Type.Boolean()),
});
export type TicketReplyBody = Static<typeof TicketReplyBody>;
