import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import type { ReplyBody } from "../../wire/inbox-input.ts";
import { lookUpContact } from "../contacts/lookup.ts";
import { attachments, body, optionalTime, quickReplyOptions } from "../kit/input.ts";
import { findOr404 } from "../kit/records.ts";
import { actingAdmin } from "./conversations.ts";
import { adminNoted, adminReplied, contactReplied, openDraft, type Saved, saveDraft } from "./ledger.ts";

export type ReplyInput = ReplyBody;

/**
 * Intercom's `POST /conversations/{id}/reply`: an admin's comment, note or quick reply options, or a
 * contact's comment. `"last"` instead of an id names the contact's most recently active conversation.
 */
export async function replyToConversation(
  s: Services,
  workspaceId: number,
  target: number | "last",
  input: ReplyInput,
): Promise<Saved> {
  const files = attachments(input.attachment_urls);
  const createdAt = optionalTime(input.created_at, "created_at");
  if (input.type === "admin") {
    const kind = input.message_type;
    if (kind !== "comment" && kind !== "note" && kind !== "quick_reply")
      throw errors.parameterInvalid("message_type must be comment, note or quick_reply", "message_type");
    if (target === "last")
      throw errors.parameterInvalid("Only a contact can reply to their last conversation", "conversation_id");
    const text = body(input.body, kind !== "quick_reply");
    const options =
      kind === "quick_reply"
        ? JSON.stringify({
            quick_reply_options: quickReplyOptions(input.reply_options).map((o) => ({
              ...o,
              translations: null,
            })),
          })
        : undefined;
    return write(s, async (trx) => {
      const d = await openDraft(s, trx, workspaceId, target);
      const adminId = await actingAdmin(trx, workspaceId, input.admin_id);
      const at = createdAt ?? s.now();
      if (kind === "note") {
        adminNoted(d, adminId, { body: text as string, attachments: files, at });
        return saveDraft(s, trx, d, "conversation.admin.noted");
      }
      adminReplied(d, adminId, {
        part_type: kind,
        body: text,
        attachments: files,
        ...(options && { metadata: options }),
        at,
      });
      return saveDraft(s, trx, d, "conversation.admin.replied");
    });
  }
  if (input.type === "user") {
    if (input.message_type !== "comment")
      throw errors.parameterInvalid("A contact's reply is a comment", "message_type");
    const text = body(input.body, true);
    return write(s, async (trx) => {
      const contact = await lookUpContact(
        trx,
        workspaceId,
        { id: input.intercom_user_id, user_id: input.user_id, email: input.email },
        { id: "intercom_user_id", user_id: "user_id", email: "email" },
      );
      let conversationId: number;
      if (target === "last") {
        const last = await findOr404(
          trx
            .selectFrom("conversation_contacts")
            .innerJoin("conversations", "conversations.id", "conversation_contacts.conversation_id")
            .select("conversations.id")
            .where("conversation_contacts.contact_seq", "=", contact.seq)
            .orderBy("conversations.updated_at", "desc")
            .orderBy("conversations.id", "desc")
            .limit(1),
          "Resource",
        );
        conversationId = last.id;
      } else conversationId = target;
      const d = await openDraft(s, trx, workspaceId, conversationId);
      const taking = await trx
        .selectFrom("conversation_contacts")
        .select("contact_seq")
        .where("conversation_id", "=", d.row.id)
        .where("contact_seq", "=", contact.seq)
        .executeTakeFirst();
      if (!taking)
        throw errors.parameterInvalid("That contact is not part of this conversation", "intercom_user_id");
      contactReplied(
        d,
        { type: contact.role, id: contact.id },
        { body: text, attachments: files, at: createdAt ?? s.now() },
      );
      return saveDraft(s, trx, d, "conversation.user.replied");
    });
  }
  throw errors.parameterInvalid("type must be admin or user", "type");
}
