import { ApiError, errors } from "../../core/errors.ts";
import type { Services, Trx } from "../../core/services.ts";
import { requireEmail } from "../../core/validation.ts";
import { isMember } from "../../platform/identity/admins.ts";
import { toBool } from "../../storage/schema.ts";
import type { TicketTypeRow } from "../../storage/tables/tickets.ts";
import type { NewTicketInput } from "../../wire/ticket-input.ts";
import { companyNamed } from "../companies/reference.ts";
import { lookUpContact } from "../contacts/lookup.ts";
import { idOf } from "../kit/input.ts";
import { notFound } from "../kit/missing.ts";
import { findOr404 } from "../kit/records.ts";
import { isTeam } from "../teams.ts";
import { applyAttributes, type TicketValues } from "./attribute-values.ts";
import type { NewPart } from "./parts.ts";
import { attributesOf, findTicketType } from "./types.ts";

type Db = Services["db"] | Trx;

export type { NewTicketInput };

/** A creation request, checked: everything needed to write the ticket. */
export interface TicketPlan {
  type: TicketTypeRow;
  contact: { seq: number } | { email: string };
  values: TicketValues;
  adminAssigneeId: number | null;
  /** The team it is assigned to; left out, none. */
  teamAssigneeId?: number | null;
  companySeq: number | null;
  createdAt: number | undefined;
  /** A conversation to link the ticket with. */
  linkConversationId: number | null;
  /** What a conversion carries over: the conversation it came from and the parts copied from it. */
  conversion?: { conversationId: number; parts: NewPart[] };
}

/** An admin of the workspace by id, where "0" (or 0) means nobody. */
async function assignee(db: Db, workspaceId: number, value: unknown, field: string): Promise<number | null> {
  if (value === "0" || value === 0) return null;
  const id = idOf(value, field);
  if (id === 0 || !(await isMember(db, workspaceId, id))) throw notFound("Assignee");
  return id;
}

/** A team of the workspace by id, where "0" (or 0) means none. */
async function teamAssignee(
  db: Db,
  workspaceId: number,
  value: unknown,
  field: string,
): Promise<number | null> {
  if (value === "0" || value === 0) return null;
  const id = idOf(value, field);
  if (!(await isTeam(db, workspaceId, id))) throw notFound("Assignee");
  return id;
}

/**
 * What `PUT /tickets/{id}`'s `assignee_id` names: "the admin or team". Team ids start where admin ids
 * never reach (migration 0018), so one number names one of them.
 */
export async function adminOrTeam(
  db: Db,
  workspaceId: number,
  value: unknown,
): Promise<{ type: "admin" | "team"; id: number | null }> {
  if (value === "0" || value === 0) return { type: "admin", id: null };
  const id = idOf(value, "assignee_id");
  if (id !== 0 && (await isMember(db, workspaceId, id))) return { type: "admin", id };
  if (await isTeam(db, workspaceId, id)) return { type: "team", id };
  throw notFound("Assignee");
}

/** The admin a request names as acting (`admin_id`), who must belong to the workspace. */
export async function actingAdmin(db: Db, workspaceId: number, value: unknown): Promise<number> {
  const id = idOf(value, "admin_id");
  if (id === 0 || !(await isMember(db, workspaceId, id))) throw notFound("Admin");
  return id;
}

/**
 * The conversation `conversation_to_link_id` names, which must be the workspace's. Intercom links a
 * conversation only to a back-office or tracker ticket: a customer ticket is the conversation itself.
 */
async function linkableConversation(
  db: Db,
  workspaceId: number,
  type: TicketTypeRow,
  value: unknown,
): Promise<number> {
  const id = idOf(value, "conversation_to_link_id");
  if (type.category === "Customer")
    throw errors.parameterInvalid(
      "A conversation can be linked to a back-office or tracker ticket only",
      "conversation_to_link_id",
    );
  const found = await findOr404(
    db.selectFrom("conversations").select("id").where("workspace_id", "=", workspaceId).where("id", "=", id),
    "Conversation",
  );
  return found.id;
}

/** Checks a creation request against the workspace as it is now; writes nothing. */
export async function planTicket(db: Db, workspaceId: number, input: NewTicketInput): Promise<TicketPlan> {
  if (input.ticket_type_id === undefined || input.ticket_type_id === null)
    throw errors.parameterNotFound("ticket_type_id is required", "ticket_type_id");
  if (input.contacts === undefined || input.contacts === null)
    throw errors.parameterNotFound("contacts is required", "contacts");
  const type = await findTicketType(db, workspaceId, idOf(input.ticket_type_id, "ticket_type_id"));
  if (toBool(type.archived))
    throw errors.parameterInvalid("Tickets cannot be created with an archived ticket type", "ticket_type_id");
  const [ref] = input.contacts;
  if (input.contacts.length !== 1 || ref === undefined)
    throw errors.parameterInvalid("contacts must list exactly one contact", "contacts");
  let contact: TicketPlan["contact"];
  if (ref.id !== undefined || ref.external_id !== undefined) {
    contact = { seq: (await lookUpContact(db, workspaceId, { id: ref.id, user_id: ref.external_id })).seq };
  } else if (ref.email !== undefined) {
    const email = requireEmail(ref.email, "contacts.email");
    const known = await lookUpContact(db, workspaceId, { email }).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    });
    // Intercom makes a contact for an email it does not know.
    contact = known ? { seq: known.seq } : { email };
  } else {
    throw errors.parameterInvalid("Name the contact with id, external_id or email", "contacts");
  }
  const companySeq =
    input.company_id === undefined ? null : await companyNamed(db, workspaceId, input.company_id);
  const linkConversationId =
    input.conversation_to_link_id === undefined || input.conversation_to_link_id === null
      ? null
      : await linkableConversation(db, workspaceId, type, input.conversation_to_link_id);
  let adminAssigneeId: number | null = null;
  let teamAssigneeId: number | null = null;
  if (input.assignment !== undefined && input.assignment !== null) {
    const { admin_assignee_id, team_assignee_id } = input.assignment;
    if (admin_assignee_id !== undefined && admin_assignee_id !== null)
      adminAssigneeId = await assignee(db, workspaceId, admin_assignee_id, "assignment.admin_assignee_id");
    if (team_assignee_id !== undefined && team_assignee_id !== null)
      teamAssigneeId = await teamAssignee(db, workspaceId, team_assignee_id, "assignment.team_assignee_id");
  }
  const createdAt = input.created_at === undefined ? undefined : input.created_at * 1000;
  const attributes = await attributesOf(db, [type.id]);
  const { values } = applyAttributes(
    attributes,
    input.ticket_attributes,
    { title: null, description: null, others: {} },
    { creating: true },
  );
  return {
    type,
    contact,
    values,
    adminAssigneeId,
    teamAssigneeId,
    companySeq,
    createdAt,
    linkConversationId,
  };
}
