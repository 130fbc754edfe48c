import { Type } from "typebox";
import { Admin } from "./admin.ts";
import { InOrder, Timestamp } from "./common.ts";

/**
 * What the conversation writes answer besides a conversation: the message that started one (a
 * contact's, `POST /conversations`; an admin's, `POST /messages`), the contacts taking part, a deletion.
 */

const MessageFields = {
  id: Type.String(),
  created_at: Timestamp,
  /** Only a message with a subject shows one. */
  subject: Type.Optional(Type.String()),
  body: Type.String(),
};

/** A contact's message (2.14 `message`, type `user_message`). */
export const UserMessage = InOrder(
  Type.Object({
    type: Type.Literal("user_message"),
    ...MessageFields,
    message_type: Type.Literal("inapp"),
    conversation_id: Type.String(),
  }),
);

/** An admin's message (2.14 `message`, type `admin_message`), with its owner, the admin who sent it. */
export const AdminMessage = InOrder(
  Type.Object({
    type: Type.Literal("admin_message"),
    ...MessageFields,
    message_type: Type.Union([Type.Literal("email"), Type.Literal("inapp")]),
    conversation_id: Type.String(),
    owner: Admin,
  }),
);

/** The contacts taking part after one is added or removed. */
export const Customers = Type.Object({
  customers: Type.Array(
    Type.Object({ type: Type.Union([Type.Literal("user"), Type.Literal("lead")]), id: Type.String() }),
  ),
});

/** What `DELETE /conversations/{id}` answers (2.14 `conversation_deleted`: `object`, not `type`). */
export const DeletedConversation = Type.Object({
  id: Type.String(),
  object: Type.Literal("conversation"),
  deleted: Type.Literal(true),
});
