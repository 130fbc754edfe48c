import { ApiError, errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import type { TicketPartRow } from "../../storage/tables/tickets.ts";
import type { ReplyBody } from "../../wire/inbox-input.ts";
import { lookUpContact } from "../contacts/lookup.ts";
import { attachments, body, quickReplyOptions } from "../kit/input.ts";
import { findOr404 } from "../kit/records.ts";
import { notify } from "./notify.ts";
import { addParts, type NewPart, part } from "./parts.ts";
import { actingAdmin } from "./plan.ts";

export type ReplyInput = ReplyBody;

/** Intercom's `POST /tickets/{id}/reply`: an admin's comment, note or quick reply, or a contact's comment. */
export async function replyToTicket(
  s: Services,
  workspaceId: number,
  ticketId: number,
  input: ReplyInput,
): Promise<TicketPartRow> {
  const createdAt = input.created_at === undefined ? undefined : input.created_at * 1000;
  const files = attachments(input.attachment_urls);
  return write(s, async (trx) => {
    const ticket = await findOr404(
      trx
        .selectFrom("tickets")
        .innerJoin("ticket_types", "ticket_types.id", "tickets.ticket_type_id")
        .select(["tickets.id", "ticket_types.category"])
        .where("tickets.workspace_id", "=", workspaceId)
        .where("tickets.id", "=", ticketId),
      "Resource",
    );
    let reply: NewPart;
    if (input.type === "admin") {
      const kind = input.message_type;
      if (kind !== "comment" && kind !== "note" && kind !== "quick_reply")
        throw errors.parameterInvalid("message_type must be comment, note or quick_reply", "message_type");
      if (input.admin_id === undefined || input.admin_id === null)
        throw errors.parameterNotFound("admin_id is required", "admin_id");
      const adminId = await actingAdmin(trx, workspaceId, input.admin_id);
      reply = part(
        { type: "admin", id: String(adminId) },
        {
          part_type: kind,
          body: body(input.body, kind !== "quick_reply"),
          attachments: files,
          ...(kind === "quick_reply" && {
            reply_options: JSON.stringify(quickReplyOptions(input.reply_options)),
          }),
        },
      );
    } else if (input.type === "user") {
      if (input.message_type !== "comment")
        throw errors.parameterInvalid("A contact's reply is a comment", "message_type");
      if (ticket.category !== "Customer") {
        throw new ApiError(
          400,
          "parameter_mismatch",
          `User replies are not allowed on ${ticket.category === "Tracker" ? "Tracker" : "Backoffice"} tickets`,
        );
      }
      const text = body(input.body, true);
      const contact = await lookUpContact(
        trx,
        workspaceId,
        { id: input.intercom_user_id, user_id: input.user_id, email: input.email },
        { id: "intercom_user_id", user_id: "user_id", email: "email" },
      );
      reply = part(
        { type: "user", id: contact.id },
        { part_type: "comment", body: text, attachments: files },
      );
    } else {
      throw errors.parameterInvalid("type must be admin or user", "type");
    }
    const [made] = await addParts(s, trx, ticket.id, [
      { ...reply, ...(createdAt !== undefined && { created_at: createdAt }) },
    ]);
    const updated = await trx
      .updateTable("tickets")
      .set({ updated_at: s.now() })
      .where("id", "=", ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (reply.author_type === "user") await notify(s, trx, updated, ["ticket.contact.replied"]);
    else if (reply.part_type === "note") await notify(s, trx, updated, ["ticket.note.created"]);
    return made as TicketPartRow;
  });
}
