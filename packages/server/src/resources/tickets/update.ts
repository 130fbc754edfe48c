import { ApiError, errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import { toBool } from "../../storage/schema.ts";
import type { TicketRow, TicketStateRow, TicketTypeAttributeRow } from "../../storage/tables/tickets.ts";
import type { TicketChangesBody } from "../../wire/ticket-input.ts";
import { companyNamed } from "../companies/reference.ts";
import { findInWorkspaceToChange } from "../kit/records.ts";
import { type AttributeValue, applyAttributes, labelOf, readValues } from "./attribute-values.ts";
import { notify } from "./notify.ts";
import { type Author, addParts, type NewPart, part } from "./parts.ts";
import { actingAdmin, adminOrTeam } from "./plan.ts";
import { ensureTicketStates } from "./states.ts";
import { attributesOf } from "./types.ts";

export type TicketChanges = Omit<TicketChangesBody, "skip_notifications">;

/**
 * Intercom's `PUT /tickets/{id}`: attributes, state, assignment, open or closed, snoozing, sharing.
 * Each change is recorded as a ticket part by the acting admin (`admin_id`, else the token's admin).
 */
export async function updateTicket(
  s: Services,
  workspaceId: number,
  ticketId: number,
  tokenAdminId: number,
  input: TicketChanges,
): Promise<TicketRow> {
  const { open, is_shared: isShared, snoozed_until: snoozedUntil } = input;
  if (snoozedUntil !== undefined && snoozedUntil * 1000 <= s.now())
    throw errors.parameterInvalid("snoozed_until must be in the future", "snoozed_until");
  return write(s, async (trx) => {
    const ticket = await findInWorkspaceToChange(s, trx, "tickets", workspaceId, ticketId, "Ticket");
    const adminId =
      input.admin_id === undefined || input.admin_id === null
        ? tokenAdminId
        : await actingAdmin(trx, workspaceId, input.admin_id);
    const author: Author = { type: "admin", id: String(adminId) };
    const set: Partial<{
      title: string | null;
      description: string | null;
      attributes: string;
      ticket_state_id: number;
      admin_assignee_id: number | null;
      team_assignee_id: number | null;
      open: boolean;
      is_shared: boolean;
      snoozed_until: number | null;
      company_seq: number | null;
    }> = {};
    const parts: NewPart[] = [];

    if (input.company_id !== undefined) {
      const companySeq = await companyNamed(trx, workspaceId, input.company_id);
      if (companySeq !== ticket.company_seq) set.company_seq = companySeq;
    }

    if (input.ticket_attributes !== undefined) {
      const attributes = await attributesOf(trx, [ticket.ticket_type_id]);
      const { values, changes } = applyAttributes(attributes, input.ticket_attributes, readValues(ticket), {
        creating: false,
      });
      if (changes.length > 0) {
        set.title = values.title;
        set.description = values.description;
        set.attributes = JSON.stringify(values.others);
      }
      for (const change of changes) {
        parts.push(
          part(author, {
            part_type: "ticket_attribute_updated_by_admin",
            attribute_data: JSON.stringify(attributeData(change.attribute, change.value)),
          }),
        );
      }
    }

    if (input.ticket_state_id !== undefined) {
      const states = await ensureTicketStates(trx, workspaceId);
      const wanted =
        typeof input.ticket_state_id === "string" || typeof input.ticket_state_id === "number"
          ? recordId(input.ticket_state_id)
          : 0;
      const next = states.find((state) => state.id === wanted && !toBool(state.archived));
      if (!next) {
        throw new ApiError(
          400,
          "ticket_state_id_invalid",
          "Ticket state id is not valid or is not associated with the ticket type",
          { field: "ticket_state_id" },
        );
      }
      if (next.id !== ticket.ticket_state_id) {
        const previous = states.find((state) => state.id === ticket.ticket_state_id) as TicketStateRow;
        set.ticket_state_id = next.id;
        parts.push(
          part(author, {
            part_type: "ticket_state_updated_by_admin",
            ticket_state: next.category,
            previous_ticket_state: previous?.category ?? null,
          }),
        );
      }
    }

    if (input.assignee_id !== undefined && input.assignee_id !== null) {
      const to = await adminOrTeam(trx, workspaceId, input.assignee_id);
      if (to.type === "admin" && to.id !== ticket.admin_assignee_id) {
        set.admin_assignee_id = to.id;
        parts.push(
          part(author, {
            part_type: "assignment",
            assigned_to: JSON.stringify(
              to.id === null ? { type: "nobody_admin", id: null } : { type: "admin", id: String(to.id) },
            ),
          }),
        );
      }
      // A team takes the ticket beside its admin, as Intercom's assignment to a team leaves the admin be.
      if (to.type === "team" && to.id !== ticket.team_assignee_id) {
        set.team_assignee_id = to.id;
        parts.push(
          part(author, {
            part_type: "assignment",
            assigned_to: JSON.stringify({ type: "team", id: String(to.id) }),
          }),
        );
      }
    }

    if (snoozedUntil !== undefined) {
      set.snoozed_until = snoozedUntil;
      parts.push(part(author, { part_type: "snoozed" }));
    }
    if (open !== undefined && open !== toBool(ticket.open)) {
      set.open = open;
      parts.push(part(author, { part_type: open ? "open" : "close" }));
    }
    // Closing a ticket also wakes it from a snooze.
    if (open === false) set.snoozed_until = null;
    if (isShared !== undefined && isShared !== toBool(ticket.is_shared)) set.is_shared = isShared;

    if (Object.keys(set).length === 0) return ticket;
    await addParts(s, trx, ticket.id, parts);
    const updated = await trx
      .updateTable("tickets")
      .set({ ...set, updated_at: s.now() })
      .where("id", "=", ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const topics: string[] = [];
    if (set.attributes !== undefined) topics.push("ticket.attribute.updated");
    if (set.ticket_state_id !== undefined) topics.push("ticket.state.updated");
    if (set.admin_assignee_id !== undefined) topics.push("ticket.admin.assigned");
    if (set.open === false) topics.push("ticket.closed");
    await notify(s, trx, updated, topics);
    return updated;
  });
}

/** Intercom's `updated_attribute_data` of an attribute change: the attribute, and the value's id and label. */
function attributeData(attribute: TicketTypeAttributeRow, value: AttributeValue) {
  const label = labelOf(attribute, value);
  return {
    attribute: { type: "attribute", id: String(attribute.id), label: attribute.name },
    value: {
      type: "value",
      id: value === null ? null : String(value),
      label: label === null ? "" : String(label),
    },
  };
}
