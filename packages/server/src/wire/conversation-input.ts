import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { CustomAttributesInput } from "./custom-attribute-input.ts";
import { AttachmentUrls, MessageBody, RecordIdInput, SecondsInput } from "./inbox-input.ts";
import { TicketAttributesInput } from "./ticket-input.ts";

/**
 * What the conversation and message routes take (2.14 `create_conversation_request`,
 * `update_conversation_request`, `manage_conversation_parts_request`, `attach_contact_to_conversation_request`,
 * `redact_conversation_request`, `convert_conversation_to_ticket_request`, `create_message_request`).
 * The domain keeps the rules that join fields (which `type` takes which `message_type`, what is required
 * of each) and answers null as absence, naming the field.
 */

export const ConversationParams = Type.Object({ conversation_id: Type.String({ maxLength: 50 }) });
export const ConversationContactParams = Type.Object({
  conversation_id: Type.String({ maxLength: 50 }),
  contact_id: Type.String({ maxLength: 100 }),
});
/** `display_as=plaintext`: the message and its parts in plain text, not HTML (any other value: HTML). */
const DisplayAs = Type.Optional(Type.String({ maxLength: 50 }));

/** `GET /conversations/{id}`'s query. */
export const ConversationQuery = Type.Object({
  display_as: DisplayAs,
  include_translations: Type.Optional(Type.Boolean()),
});

/** `PUT /conversations/{id}`'s query: it answers with the conversation, displayed as asked. */
export const ConversationUpdateQuery = Type.Object({ display_as: DisplayAs });

const Text = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

/** `POST /conversations`: a contact's message. */
export const NewConversationBody = Type.Object({
  from: Type.Optional(
    Nullable(
      Type.Object({
        type: Type.Optional(Type.String({ maxLength: 20 })),
        id: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      }),
    ),
  ),
  body: Type.Optional(MessageBody),
  subject: Text(255),
  attachment_urls: Type.Optional(AttachmentUrls),
  created_at: Type.Optional(Nullable(SecondsInput)),
});
export type NewConversationBody = Static<typeof NewConversationBody>;

/** `PUT /conversations/{id}`. */
export const ConversationChangesBody = Type.Object({
  read: Type.Optional(Type.Boolean()),
  title: Text(255),
  custom_attributes: Type.Optional(CustomAttributesInput()),
  company_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
});
export type ConversationChangesBody = Static<typeof ConversationChangesBody>;

/** `POST /conversations/{id}/parts`: close, open, snooze or assign. */
export const ManageBody = Type.Object({
  message_type: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  type: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  admin_id: Type.Optional(Nullable(RecordIdInput)),
  assignee_id: Type.Optional(Nullable(RecordIdInput)),
  body: Type.Optional(MessageBody),
  snoozed_until: Type.Optional(Nullable(SecondsInput)),
});
export type ManageBody = Static<typeof ManageBody>;

/** The contact `customer` names, by Intercom's id, your user id, or email. */
const CustomerInput = Type.Object({
  intercom_user_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  user_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
  customer: Type.Optional(
    Type.Object({
      intercom_user_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
      user_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
      email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    }),
  ),
});

/** `POST /conversations/{id}/customers`. */
export const AttachBody = Type.Object({
  admin_id: Type.Optional(Nullable(RecordIdInput)),
  customer: Type.Optional(Nullable(CustomerInput)),
});
export type AttachBody = Static<typeof AttachBody>;

/** `DELETE /conversations/{id}/customers/{contact_id}`: its body is optional on the wire. */
export const DetachBody = Nullable(Type.Object({ admin_id: Type.Optional(Nullable(RecordIdInput)) }));

/** An id redaction names: any number or text; one that is not a record's digits names nothing (a 404). */
const NamedId = Type.Optional(Nullable(Type.Union([Type.Number(), Type.String()])));

/** `POST /conversations/redact`. */
export const RedactBody = Type.Object({
  type: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  conversation_id: NamedId,
  conversation_part_id: NamedId,
  source_id: NamedId,
});
export type RedactBody = Static<typeof RedactBody>;

/** `POST /conversations/{id}/convert`. */
export const ConvertBody = Type.Object({
  ticket_type_id: Type.Optional(Nullable(RecordIdInput)),
  attributes: Type.Optional(TicketAttributesInput),
});
export type ConvertBody = Static<typeof ConvertBody>;

/** A message's recipient: one contact (a list is refused by name: Gatehouse sends no group messages). */
const Recipient = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 20 })),
  id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  user_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
});

/** `POST /messages`: an admin writes first to a contact. */
export const NewMessageBody = Type.Object({
  message_type: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  subject: Text(255),
  body: Type.Optional(MessageBody),
  template: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  from: Type.Optional(
    Nullable(
      Type.Object({
        type: Type.Optional(Type.String({ maxLength: 20 })),
        id: Type.Optional(Nullable(RecordIdInput)),
      }),
    ),
  ),
  to: Type.Optional(Nullable(Type.Union([Recipient, Type.Array(Recipient, { maxItems: 100 })]))),
  cc: Type.Optional(Nullable(Type.Array(Recipient, { maxItems: 100 }))),
  bcc: Type.Optional(Nullable(Type.Array(Recipient, { maxItems: 100 }))),
  created_at: Type.Optional(Nullable(SecondsInput)),
  create_conversation_without_contact_reply: Type.Optional(Type.Boolean()),
});
export type NewMessageBody = Static<typeof NewMessageBody>;
