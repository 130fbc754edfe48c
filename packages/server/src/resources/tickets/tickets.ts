import crypto from "node:crypto";
import { ApiError, errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { recordId, requireEmail } from "../../core/validation.ts";
import { isMember } from "../../platform/identity/admins.ts";
import { toBool } from "../../storage/schema.ts";
import type {
  TicketPartRow,
  TicketPartsTable,
  TicketRow,
  TicketStateRow,
  TicketTypeAttributeRow,
  TicketTypeRow,
} from "../../storage/tables/tickets.ts";
import { companyNamed } from "../companies/reference.ts";
import { lookUpContact } from "../contacts/lookup.ts";
import { isTeam } from "../teams.ts";
import {
  type AttributeValue,
  applyAttributes,
  labelOf,
  readValues,
  type TicketValues,
} from "./attribute-values.ts";
import { ticketObjectIn } from "./present.ts";
import { ensureTicketStates } from "./states.ts";
import { attributesOf, findTicketType } from "./types.ts";

type Db = Services["db"] | Trx;

const ticketNotFound = () => new ApiError(404, "ticket_not_found", "Ticket not found");
const assigneeNotFound = () => new ApiError(404, "assignee_not_found", "Assignee not found");
const adminNotFound = () => new ApiError(404, "admin_not_found", "Admin not found");
const MAX_SECONDS = 1e11;
const MAX_BODY = 65_535;

/** Who wrote or did a part: an admin, a contact (`user`), or Gatehouse itself for work no admin is left to own. */
export interface Author {
  type: "admin" | "user" | "bot";
  id: string;
}

export interface NewTicketInput {
  ticket_type_id?: unknown;
  contacts?: unknown;
  company_id?: unknown;
  conversation_to_link_id?: unknown;
  created_at?: unknown;
  ticket_attributes?: unknown;
  assignment?: unknown;
}

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function idOf(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return recordId(value);
  if (typeof value === "string" && /^[0-9]{1,15}$/.test(value)) return recordId(value);
  throw errors.parameterInvalid(`${field} must be an id`, field);
}

function seconds(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS)
    throw errors.parameterInvalid(`${field} must be a Unix timestamp in seconds`, field);
  return value;
}

/** An admin of the workspace by id, where "0" (or 0) means nobody. */
async function assignee(db: Db, workspaceId: number, value: unknown, field: string): Promise<number | null> {
  if (value === "0" || value === 0) return null;
  const id = idOf(value, field);
  if (id === 0 || !(await isMember(db, workspaceId, id))) throw assigneeNotFound();
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
  if (!(await isTeam(db, workspaceId, id))) throw assigneeNotFound();
  return id;
}

/**
 * What `PUT /tickets/{id}`'s `assignee_id` names: "the admin or team". Team ids start where admin ids
 * never reach (migration 0018), so one number names one of them.
 */
async function adminOrTeam(
  db: Db,
  workspaceId: number,
  value: unknown,
): Promise<{ type: "admin" | "team"; id: number | null }> {
  if (value === "0" || value === 0) return { type: "admin", id: null };
  const id = idOf(value, "assignee_id");
  if (id !== 0 && (await isMember(db, workspaceId, id))) return { type: "admin", id };
  if (await isTeam(db, workspaceId, id)) return { type: "team", id };
  throw assigneeNotFound();
}

/** The admin a request names as acting (`admin_id`), who must belong to the workspace. */
export async function actingAdmin(db: Db, workspaceId: number, value: unknown): Promise<number> {
  const id = idOf(value, "admin_id");
  if (id === 0 || !(await isMember(db, workspaceId, id))) throw adminNotFound();
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
  const found = await db
    .selectFrom("conversations")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw new ApiError(404, "not_found", "Conversation Not Found");
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
  if (!Array.isArray(input.contacts) || input.contacts.length !== 1 || !isObject(input.contacts[0]))
    throw errors.parameterInvalid("contacts must list exactly one contact", "contacts");
  const ref = input.contacts[0];
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
    if (!isObject(input.assignment))
      throw errors.parameterInvalid("assignment must be an object", "assignment");
    const { admin_assignee_id, team_assignee_id } = input.assignment;
    if (admin_assignee_id !== undefined && admin_assignee_id !== null)
      adminAssigneeId = await assignee(db, workspaceId, admin_assignee_id, "assignment.admin_assignee_id");
    if (team_assignee_id !== undefined && team_assignee_id !== null)
      teamAssigneeId = await teamAssignee(db, workspaceId, team_assignee_id, "assignment.team_assignee_id");
  }
  const createdAt =
    input.created_at === undefined ? undefined : seconds(input.created_at, "created_at") * 1000;
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

export type NewPart = Omit<
  TicketPartsTable,
  "id" | "ticket_id" | "attachments" | "created_at" | "updated_at"
> & {
  attachments?: string;
  created_at?: number;
};

async function addParts(s: Services, trx: Trx, ticketId: number, parts: NewPart[]): Promise<TicketPartRow[]> {
  const out: TicketPartRow[] = [];
  for (const part of parts) {
    const at = part.created_at ?? s.now();
    out.push(
      await trx
        .insertInto("ticket_parts")
        .values({ ...part, ticket_id: ticketId, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return out;
}

export function part(author: Author, fields: Partial<NewPart> & { part_type: string }): NewPart {
  return {
    body: null,
    ticket_state: null,
    previous_ticket_state: null,
    assigned_to: null,
    attribute_data: null,
    reply_options: null,
    ...fields,
    author_type: author.type,
    author_id: author.id,
  };
}

/** Queues the notifications of what one write did to a ticket, each carrying the ticket as it now is. */
async function notify(s: Services, trx: Trx, ticket: TicketRow, topics: readonly string[]): Promise<void> {
  let item: object | undefined;
  for (const topic of topics) {
    await s.outbox.raise(trx, {
      workspaceId: ticket.workspace_id,
      topic,
      item: async () => {
        item ??= await ticketObjectIn(trx, ticket);
        return item;
      },
    });
  }
}

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
  const row = await db
    .selectFrom("tickets")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw ticketNotFound();
  return row;
}

export interface TicketChanges {
  ticket_attributes?: unknown;
  ticket_state_id?: unknown;
  company_id?: unknown;
  open?: unknown;
  is_shared?: unknown;
  snoozed_until?: unknown;
  admin_id?: unknown;
  assignee_id?: unknown;
}

function flag(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw errors.parameterInvalid(`${field} must be true or false`, field);
  return value;
}

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
  const open = input.open === undefined ? undefined : flag(input.open, "open");
  const isShared = input.is_shared === undefined ? undefined : flag(input.is_shared, "is_shared");
  const snoozedUntil =
    input.snoozed_until === undefined ? undefined : seconds(input.snoozed_until, "snoozed_until");
  if (snoozedUntil !== undefined && snoozedUntil * 1000 <= s.now())
    throw errors.parameterInvalid("snoozed_until must be in the future", "snoozed_until");
  return write(s, async (trx) => {
    const ticket = await findTicket(trx, workspaceId, ticketId);
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

export async function deleteTicket(s: Services, workspaceId: number, ticketId: number): Promise<TicketRow> {
  return write(s, async (trx) => {
    const row = await trx
      .deleteFrom("tickets")
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", ticketId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw ticketNotFound();
    return row;
  });
}

export interface ReplyInput {
  message_type?: unknown;
  type?: unknown;
  body?: unknown;
  admin_id?: unknown;
  intercom_user_id?: unknown;
  user_id?: unknown;
  email?: unknown;
  created_at?: unknown;
  reply_options?: unknown;
  attachment_urls?: unknown;
}

function body(value: unknown, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw errors.parameterNotFound("body is required", "body");
    return null;
  }
  if (typeof value !== "string") throw errors.parameterInvalid("body must be a string", "body");
  if (required && value.trim() === "") throw errors.parameterNotFound("body is required", "body");
  if (value.length > MAX_BODY)
    throw errors.parameterInvalid(`body must be at most ${MAX_BODY} characters`, "body");
  return value;
}

/** Up to ten http(s) image links, kept as the part's attachments. */
function attachments(value: unknown): string {
  if (value === undefined || value === null) return "[]";
  if (!Array.isArray(value) || value.length > 10)
    throw errors.parameterInvalid("attachment_urls takes up to 10 URLs", "attachment_urls");
  return JSON.stringify(
    value.map((url) => {
      if (typeof url !== "string" || url.length > 2000 || !/^https?:\/\/\S+$/i.test(url))
        throw errors.parameterInvalid("Each attachment URL must be an http(s) URL", "attachment_urls");
      const name = decodeURIComponent(new URL(url).pathname.split("/").at(-1) || "attachment");
      return { type: "upload", name, url };
    }),
  );
}

function replyOptions(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    throw errors.parameterInvalid("reply_options takes 1 to 10 options", "reply_options");
  return JSON.stringify(
    value.map((option) => {
      const { text, uuid } = (isObject(option) ? option : {}) as { text?: unknown; uuid?: unknown };
      if (typeof text !== "string" || text.trim() === "" || text.length > 255)
        throw errors.parameterInvalid("Each reply option needs a text", "reply_options");
      if (
        typeof uuid !== "string" ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)
      )
        throw errors.parameterInvalid("Each reply option needs a uuid", "reply_options");
      return { text, uuid };
    }),
  );
}

/** Intercom's `POST /tickets/{id}/reply`: an admin's comment, note or quick reply, or a contact's comment. */
export async function replyToTicket(
  s: Services,
  workspaceId: number,
  ticketId: number,
  input: ReplyInput,
): Promise<TicketPartRow> {
  const createdAt =
    input.created_at === undefined ? undefined : seconds(input.created_at, "created_at") * 1000;
  const files = attachments(input.attachment_urls);
  return write(s, async (trx) => {
    const ticket = await trx
      .selectFrom("tickets")
      .innerJoin("ticket_types", "ticket_types.id", "tickets.ticket_type_id")
      .select(["tickets.id", "ticket_types.category"])
      .where("tickets.workspace_id", "=", workspaceId)
      .where("tickets.id", "=", ticketId)
      .executeTakeFirst();
    if (!ticket) throw errors.notFound();
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
          ...(kind === "quick_reply" && { reply_options: replyOptions(input.reply_options) }),
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
