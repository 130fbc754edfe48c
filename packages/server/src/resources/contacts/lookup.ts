import { errors } from "../../core/errors.ts";
import type { Services, Trx } from "../../core/services.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { notFound } from "../kit/missing.ts";

/** How Intercom's events, tickets and replies name a contact: its id, your `user_id`, or an email. */
export interface ContactReference {
  id?: unknown;
  user_id?: unknown;
  email?: unknown;
}

/** The workspace's contacts as the API shows them: an archived one is hidden, as `GET /contacts/{id}` hides it. */
export function shownContacts(db: Services["db"] | Trx, workspaceId: number) {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("archived", "=", false);
}

function text(value: unknown, field: string): string {
  if (typeof value !== "string" || value === "")
    throw errors.parameterInvalid(`${field} must be a string`, field);
  return value;
}

/**
 * The workspace's live contact a reference names: by id first, then `user_id` (the contact's external_id),
 * then email (several contacts may share one: users before leads, then the oldest). None named is a
 * `parameter_not_found`; a name that matches nobody is Intercom's 404 "User Not Found".
 */
export async function lookUpContact(
  db: Services["db"] | Trx,
  workspaceId: number,
  ref: ContactReference,
  names: { id: string; user_id: string; email: string } = { id: "id", user_id: "user_id", email: "email" },
): Promise<ContactRow> {
  const base = () => shownContacts(db, workspaceId);
  let row: ContactRow | undefined;
  if (ref.id !== undefined && ref.id !== null) {
    row = await base().where("id", "=", text(ref.id, names.id)).executeTakeFirst();
  } else if (ref.user_id !== undefined && ref.user_id !== null) {
    row = await base().where("external_id", "=", text(ref.user_id, names.user_id)).executeTakeFirst();
  } else if (ref.email !== undefined && ref.email !== null) {
    const email = text(ref.email, names.email).toLowerCase();
    row = await base()
      .where("email", "=", email)
      .orderBy("role", "desc")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirst();
  } else {
    throw errors.parameterNotFound(
      `Name the contact with ${names.id}, ${names.user_id} or ${names.email}`,
      names.user_id,
    );
  }
  if (!row) throw notFound("User");
  return row;
}
