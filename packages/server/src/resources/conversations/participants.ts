import { ApiError, errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireEmail } from "../../core/validation.ts";
import type { ContactRole, ContactRow } from "../../storage/tables/contacts.ts";
import type { AttachBody } from "../../wire/conversation-input.ts";
import { insertContact } from "../contacts/contacts.ts";
import { lookUpContact } from "../contacts/lookup.ts";
import { isObject } from "../kit/input.ts";
import { notFound } from "../kit/missing.ts";
import { actingAdmin } from "./conversations.ts";
import { openDraft, participantsChanged, saveDraft } from "./ledger.ts";

/** Intercom's answer to attaching or detaching: every contact taking part afterwards, as `{type, id}`. */
export type Customers = Array<{ type: ContactRole; id: string }>;

export type AttachInput = AttachBody;

export type DetachInput = { admin_id?: AttachBody["admin_id"] };

const lastCustomer = () =>
  new ApiError(422, "parameter_invalid", "Removing the last customer is not allowed", {
    field: "contact_id",
  });

/** In the order the conversation's `contacts` lists them. */
async function customersOf(trx: Trx, conversationId: number): Promise<Customers> {
  const rows = await trx
    .selectFrom("conversation_contacts")
    .innerJoin("contacts", "contacts.seq", "conversation_contacts.contact_seq")
    .select(["contacts.role", "contacts.id"])
    .where("conversation_contacts.conversation_id", "=", conversationId)
    .orderBy("conversation_contacts.added_at")
    .orderBy("contacts.seq")
    .execute();
  return rows.map((r) => ({ type: r.role, id: r.id }));
}

async function takesPart(trx: Trx, conversationId: number, contact: ContactRow): Promise<boolean> {
  const row = await trx
    .selectFrom("conversation_contacts")
    .select("contact_seq")
    .where("conversation_id", "=", conversationId)
    .where("contact_seq", "=", contact.seq)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The contact `customer` names by `intercom_user_id`, `user_id` or `email`. An email that no contact
 * of the workspace has makes a new lead with it, as Intercom does; an unknown id is "User Not Found".
 */
async function namedCustomer(
  s: Services,
  trx: Trx,
  workspaceId: number,
  customer: Record<string, unknown>,
): Promise<ContactRow> {
  const ref = { id: customer.intercom_user_id, user_id: customer.user_id, email: customer.email };
  const byEmailOnly =
    (ref.id === undefined || ref.id === null) &&
    (ref.user_id === undefined || ref.user_id === null) &&
    ref.email !== undefined &&
    ref.email !== null;
  try {
    return await lookUpContact(trx, workspaceId, ref, {
      id: "customer.intercom_user_id",
      user_id: "customer.user_id",
      email: "customer.email",
    });
  } catch (error) {
    if (!(byEmailOnly && error instanceof ApiError && error.status === 404)) throw error;
    const email = requireEmail(ref.email, "customer.email");
    return insertContact(s, trx, workspaceId, { role: "lead", email });
  }
}

/**
 * Intercom's `POST /conversations/{id}/customers`: an admin adds a contact to the conversation's
 * participants, recorded as a `participant_added` part by that admin. Adding one who already takes part
 * changes nothing.
 */
export async function attachContact(
  s: Services,
  workspaceId: number,
  conversationId: number,
  input: AttachInput,
): Promise<Customers> {
  if (input.customer === undefined || input.customer === null)
    throw errors.parameterNotFound("customer is required", "customer");
  if (!isObject(input.customer)) throw errors.parameterInvalid("customer must be an object", "customer");
  const customer = input.customer;
  return write(s, async (trx) => {
    const d = await openDraft(s, trx, workspaceId, conversationId);
    const adminId = await actingAdmin(trx, workspaceId, input.admin_id);
    const contact = await namedCustomer(s, trx, workspaceId, customer);
    if (!(await takesPart(trx, d.row.id, contact))) {
      const at = s.now();
      await trx
        .insertInto("conversation_contacts")
        .values({ conversation_id: d.row.id, contact_seq: contact.seq, added_at: at })
        .execute();
      participantsChanged(d, adminId, { part_type: "participant_added", at });
    }
    await saveDraft(s, trx, d);
    return customersOf(trx, d.row.id);
  });
}

/**
 * Intercom's `DELETE /conversations/{id}/customers/{contact_id}`: an admin removes a contact from the
 * conversation's participants, recorded as a `participant_removed` part. The last one cannot leave.
 */
export async function detachContact(
  s: Services,
  workspaceId: number,
  conversationId: number,
  contactId: string,
  input: DetachInput,
): Promise<Customers> {
  return write(s, async (trx) => {
    const d = await openDraft(s, trx, workspaceId, conversationId);
    const adminId = await actingAdmin(trx, workspaceId, input.admin_id);
    const contact = await lookUpContact(
      trx,
      workspaceId,
      { id: contactId },
      { id: "contact_id", user_id: "contact_id", email: "contact_id" },
    );
    if (!(await takesPart(trx, d.row.id, contact))) throw notFound("User");
    const taking = await customersOf(trx, d.row.id);
    if (taking.length <= 1) throw lastCustomer();
    await trx
      .deleteFrom("conversation_contacts")
      .where("conversation_id", "=", d.row.id)
      .where("contact_seq", "=", contact.seq)
      .execute();
    participantsChanged(d, adminId, { part_type: "participant_removed", at: s.now() });
    await saveDraft(s, trx, d);
    return taking.filter((c) => c.id !== contact.id);
  });
}
