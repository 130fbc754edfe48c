import { errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import { toBool } from "../../storage/schema.ts";
import type { TicketRow } from "../../storage/tables/tickets.ts";
import type { ConvertBody } from "../../wire/conversation-input.ts";
import { findInWorkspace } from "../kit/records.ts";
import { applyAttributes } from "../tickets/attribute-values.ts";
import { type NewPart, part } from "../tickets/parts.ts";
import type { TicketPlan } from "../tickets/plan.ts";
import { insertTicket } from "../tickets/tickets.ts";
import { attributesOf, findTicketType } from "../tickets/types.ts";

export type ConvertInput = ConvertBody;

/** The parts a ticket takes over from the conversation it was made from: what people wrote. */
const CARRIED_OVER = new Set(["comment", "note", "quick_reply"]);

const alreadyConverted = () =>
  errors.parameterInvalid("The conversation has already been converted to a ticket", "conversation_id");

function typeId(value: unknown): number {
  if (value === undefined || value === null)
    throw errors.parameterNotFound("ticket_type_id is required", "ticket_type_id");
  if (
    (typeof value === "number" && Number.isInteger(value)) ||
    (typeof value === "string" && /^[0-9]{1,15}$/.test(value))
  )
    return recordId(value);
  throw errors.parameterInvalid("ticket_type_id must be an id", "ticket_type_id");
}

/**
 * Intercom's `POST /conversations/{id}/convert`: a customer ticket for the conversation's contact, opening
 * with what was written in the conversation (its first message, then its comments and notes, each by its
 * author and at its time), in the submitted state set by Gatehouse's bot. A conversation converts once.
 */
export async function convertConversation(
  s: Services,
  workspaceId: number,
  conversationId: number,
  input: ConvertInput,
): Promise<TicketRow> {
  const ticketTypeId = typeId(input.ticket_type_id);
  try {
    return await write(s, async (trx) => {
      const conversation = await findInWorkspace(
        trx,
        "conversations",
        workspaceId,
        conversationId,
        "Resource",
      );
      const type = await findTicketType(trx, workspaceId, ticketTypeId);
      if (type.category !== "Customer" || toBool(type.archived))
        throw errors.parameterInvalid("Ticket type is not a customer ticket type", "ticket_type_id");
      const earlier = await trx
        .selectFrom("tickets")
        .select("id")
        .where("converted_from_id", "=", conversation.id)
        .executeTakeFirst();
      if (earlier) throw alreadyConverted();
      const contact = await trx
        .selectFrom("conversation_contacts")
        .select("contact_seq")
        .where("conversation_id", "=", conversation.id)
        .orderBy("added_at")
        .orderBy("contact_seq")
        .limit(1)
        .executeTakeFirst();
      if (!contact) throw errors.parameterInvalid("The conversation has no contact to raise a ticket for");
      const { values } = applyAttributes(
        await attributesOf(trx, [type.id]),
        input.attributes,
        { title: conversation.title, description: null, others: {} },
        { creating: true },
      );
      const written = await trx
        .selectFrom("conversation_parts")
        .selectAll()
        .where("conversation_id", "=", conversation.id)
        .orderBy("id")
        .execute();
      const byContact = (type: string) => (type === "admin" || type === "bot" ? type : "user");
      const parts: NewPart[] = [
        {
          ...part(
            { type: byContact(conversation.source_author_type), id: conversation.source_author_id },
            { part_type: "comment", body: conversation.source_body },
          ),
          attachments: conversation.source_attachments,
          created_at: conversation.created_at,
        },
        ...written
          .filter((p) => CARRIED_OVER.has(p.part_type))
          .map((p) => ({
            ...part(
              { type: byContact(p.author_type), id: p.author_id },
              { part_type: p.part_type, body: p.body },
            ),
            attachments: p.attachments,
            created_at: p.created_at,
          })),
      ];
      const plan: TicketPlan = {
        type,
        contact: { seq: contact.contact_seq },
        values,
        adminAssigneeId: conversation.admin_assignee_id,
        companySeq: conversation.company_seq,
        createdAt: conversation.created_at,
        linkConversationId: null,
        conversion: { conversationId: conversation.id, parts },
      };
      return insertTicket(s, trx, workspaceId, plan, { type: "bot", id: "0" });
    });
  } catch (error) {
    // Two conversions raced: the unique index let one through.
    if (isUniqueViolation(error)) throw alreadyConverted();
    throw error;
  }
}
