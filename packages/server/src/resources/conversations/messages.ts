import { ApiError, errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import type { ConversationRow } from "../../storage/tables/conversations.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import type { NewMessageBody } from "../../wire/conversation-input.ts";
import { idOf, isObject, optionalText, optionalTime } from "../kit/input.ts";
import { findOr404 } from "../kit/records.ts";
import { type NamedContact, openConversation } from "./opening.ts";

export type NewMessageInput = NewMessageBody;

export interface SentMessage {
  row: ConversationRow;
  sender: AdminRow;
}

const MAX_BODY = 65_535;

/** What Intercom's examples answer: a missing body is invalid (400), an email's missing subject is not found (422). */
function messageBody(value: unknown): string {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    throw errors.parameterInvalid("Body is required", "body");
  if (typeof value !== "string") throw errors.parameterInvalid("body must be a string", "body");
  if (value.length > MAX_BODY)
    throw errors.parameterInvalid(`body must be at most ${MAX_BODY} characters`, "body");
  return value;
}

function kindOf(value: unknown): "inapp" | "email" {
  if (value === undefined || value === null)
    throw errors.parameterNotFound("message_type is required", "message_type");
  // The description's enum spells it `in_app`; Intercom's examples, SDKs and answers say `inapp`.
  if (value === "inapp" || value === "in_app") return "inapp";
  if (value === "email") return "email";
  throw errors.parameterInvalid("message_type must be inapp or email", "message_type");
}

function senderId(from: unknown): number {
  if (from === undefined || from === null) throw errors.parameterNotFound("from is required", "from");
  if (!isObject(from)) throw errors.parameterInvalid("from must be an object", "from");
  if (from.type !== "admin") throw errors.parameterInvalid("from.type must be admin", "from.type");
  if (from.id === undefined || from.id === null)
    throw errors.parameterNotFound("from.id is required", "from.id");
  return idOf(from.id, "from.id");
}

function recipient(to: unknown): NamedContact {
  if (to === undefined || to === null) throw errors.parameterNotFound("to is required", "to");
  // Several recipients (and cc, bcc) make one of Intercom's group conversations, which Gatehouse does not hold.
  if (Array.isArray(to))
    throw errors.parameterInvalid("to names one contact: Gatehouse sends no group messages", "to");
  if (!isObject(to)) throw errors.parameterInvalid("to must be an object", "to");
  if (to.type !== "user" && to.type !== "lead")
    throw errors.parameterInvalid("to.type must be user or lead", "to.type");
  return {
    ref: { id: to.id, user_id: to.user_id, email: to.email },
    names: { id: "to.id", user_id: "to.user_id", email: "to.email" },
  };
}

function noCopies(value: unknown, field: "cc" | "bcc"): void {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return;
  throw errors.parameterInvalid(`${field} is for group messages, which Gatehouse does not send`, field);
}

/**
 * Intercom's `POST /messages`: an admin writes first, in-app or by email, to one contact. The message
 * opens a conversation whose source is the admin's message. Until the contact replies it waits closed,
 * out of the inbox, unless `create_conversation_without_contact_reply` puts it there at once; nobody is
 * waiting for an answer, and the statistics that count from the contact's first reply stay empty.
 * Replies to it go to the sender, who is its assignee.
 */
export async function sendMessage(
  s: Services,
  workspaceId: number,
  input: NewMessageInput,
): Promise<SentMessage> {
  const kind = kindOf(input.message_type);
  const text = messageBody(input.body);
  const subject = optionalText(input.subject, "subject", 255) ?? "";
  if (kind === "email" && subject.trim() === "")
    throw new ApiError(422, "parameter_not_found", "No subject supplied for email message", {
      field: "subject",
    });
  if (input.template !== undefined && input.template !== null) {
    if (input.template !== "plain" && input.template !== "personal")
      throw errors.parameterInvalid("template must be plain or personal", "template");
  }
  const fromId = senderId(input.from);
  const to = recipient(input.to);
  noCopies(input.cc, "cc");
  noCopies(input.bcc, "bcc");
  const createdAt = optionalTime(input.created_at, "created_at");
  const inbox = input.create_conversation_without_contact_reply ?? false;
  if (typeof inbox !== "boolean")
    throw errors.parameterInvalid(
      "create_conversation_without_contact_reply must be true or false",
      "create_conversation_without_contact_reply",
    );
  const start = { workspaceId, contact: to, topic: "conversation.admin.single.created", createdAt };
  return write(s, async (trx) => {
    const sender = await findOr404(
      trx
        .selectFrom("admins")
        .innerJoin("memberships", "memberships.admin_id", "admins.id")
        .selectAll("admins")
        .where("memberships.workspace_id", "=", workspaceId)
        .where("admins.id", "=", fromId),
      "Admin",
    );
    const row = await openConversation(s, trx, start, (_contact, at) => ({
      state: inbox ? "open" : "closed",
      waiting_since: null,
      admin_assignee_id: sender.id,
      source_type: kind === "email" ? "email" : "conversation",
      source_delivered_as: "admin_initiated",
      source_subject: subject,
      source_body: text,
      source_author_type: "admin",
      source_author_id: String(sender.id),
      source_attachments: "[]",
      first_contact_reply_at: null,
      last_contact_reply_at: null,
      // The opening message is the admin's last word so far; "first admin reply" counts only answers.
      last_admin_reply_at: at,
    }));
    return { row, sender };
  });
}
