import crypto from "node:crypto";
import { type Services, type Trx, write } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import type { TicketRow } from "../../storage/tables/tickets.ts";
import { deleteInWorkspace, findInWorkspace } from "../kit/records.ts";
import { notify } from "./notify.ts";
import { type Author, addParts, part } from "./parts.ts";
import { type NewTicketInput, planTicket, type TicketPlan } from "./plan.ts";
import { ensureTicketStates } from "./states.ts";

type Db = Services["db"] | Trx;

/** Writes a checked ticket, numbered next in its workspace, with the part that records its first state. */
export async function insertTicket(
  s: Services,
  trx: Trx,
  workspaceId: number,
  plan: TicketPlan,
  author: Author,
): Promise<TicketRow> {
  const states = await ensureTicketStates(trx, workspaceId);
  const initial =
    states.find((state) => state.category === "submitted" && !toBool(state.archived)) ?? states[0];
  if (!initial) throw new Error("the workspace has no ticket states");
  let contactSeq: number;
  if ("seq" in plan.contact) contactSeq = plan.contact.seq;
  else {
    const now = s.now();
    const made = await trx
      .insertInto("contacts")
      .values({
        id: crypto.randomBytes(12).toString("hex"),
        workspace_id: workspaceId,
        role: "user",
        email: plan.contact.email,
        unsubscribed_from_emails: false,
        created_at: now,
        updated_at: now,
      })
      .returning("seq")
      .executeTakeFirstOrThrow();
    contactSeq = made.seq;
  }
  // An upsert that takes the workspace's next number: concurrent creations queue on its row.
  const { last_number: number } = await trx
    .insertInto("ticket_counters")
    .values({ workspace_id: workspaceId, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column("workspace_id")
        .doUpdateSet((eb) => ({ last_number: eb("ticket_counters.last_number", "+", 1) })),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const now = s.now();
  const ticket = await trx
    .insertInto("tickets")
    .values({
      workspace_id: workspaceId,
      number,
      ticket_type_id: plan.type.id,
      ticket_state_id: initial.id,
      contact_seq: contactSeq,
      title: plan.values.title,
      description: plan.values.description,
      attributes: JSON.stringify(plan.values.others),
      admin_assignee_id: plan.adminAssigneeId,
      team_assignee_id: plan.teamAssigneeId ?? null,
      company_seq: plan.companySeq,
      converted_from_id: plan.conversion?.conversationId ?? null,
      open: true,
      is_shared: plan.type.category === "Customer",
      snoozed_until: null,
      created_at: plan.createdAt ?? now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addParts(s, trx, ticket.id, [
    ...(plan.conversion?.parts ?? []),
    part(author, {
      part_type: "ticket_state_updated_by_admin",
      ticket_state: initial.category,
      previous_ticket_state: initial.category,
    }),
  ]);
  if (plan.linkConversationId !== null) {
    await trx
      .insertInto("ticket_links")
      .values({ ticket_id: ticket.id, conversation_id: plan.linkConversationId, created_at: now })
      .execute();
  }
  await notify(s, trx, ticket, ["ticket.created"]);
  return ticket;
}

/** Intercom's `POST /tickets`. */
export async function createTicket(
  s: Services,
  workspaceId: number,
  author: Author,
  input: NewTicketInput,
): Promise<TicketRow> {
  const plan = await planTicket(s.db, workspaceId, input);
  return write(s, (trx) => insertTicket(s, trx, workspaceId, plan, author));
}

export async function findTicket(db: Db, workspaceId: number, id: number): Promise<TicketRow> {
  return findInWorkspace(db, "tickets", workspaceId, id, "Ticket");
}

export async function deleteTicket(s: Services, workspaceId: number, ticketId: number): Promise<TicketRow> {
  return write(s, (trx) => deleteInWorkspace(trx, "tickets", workspaceId, ticketId, "Ticket"));
}
