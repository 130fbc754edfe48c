import crypto from "node:crypto";
import { errors } from "../core/errors.ts";
import { queueOnWorkspace, type Services, type Trx, write } from "../core/services.ts";
import { requireEmail, requireText } from "../core/validation.ts";
import type { ContactRole, ContactRow } from "../storage/tables/contacts.ts";
import type { VisitorRow } from "../storage/tables/messenger.ts";
import type { ConvertVisitorBody, VisitorChangesBody, VisitorRef } from "../wire/visitor-input.ts";
import { type ContactFields, changeContact, contactConflict, insertContact } from "./contacts/contacts.ts";
import { withAttributes } from "./kit/custom-attributes.ts";
import { notFound } from "./kit/missing.ts";

/**
 * Visitors: anonymous people a Messenger has seen. Gatehouse has no Messenger, so they are made by an
 * operator (`gatehouse visitor create`); the API finds them by `user_id`, updates them, and converts
 * them into a lead or a user, after which the visitor is gone. They live apart from contacts, so no
 * list, search, count or segment of contacts ever holds one, as Intercom keeps them out of those.
 */

type Db = Services["db"] | Trx;

const COLOURS = [
  "Violet",
  "Amber",
  "Teal",
  "Coral",
  "Indigo",
  "Olive",
  "Crimson",
  "Silver",
  "Azure",
  "Ivory",
];
const THINGS = [
  "Suitcase",
  "Lantern",
  "Kettle",
  "Compass",
  "Teapot",
  "Anchor",
  "Bicycle",
  "Pebble",
  "Umbrella",
];

/** The name Intercom gives someone it cannot name yet: a colour and a thing ("Violet Suitcase"). */
function pseudonym(): string {
  const [a = 0, b = 0] = crypto.randomBytes(2);
  return `${COLOURS[a % COLOURS.length]} ${THINGS[b % THINGS.length]}`;
}

export interface NewVisitor {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  customAttributes?: Record<string, string | number | boolean | null>;
}

/** What a Messenger would make on a first visit: a visitor with a generated `user_id` and pseudonym. */
export async function createVisitor(
  s: Services,
  workspaceId: number,
  input: NewVisitor = {},
): Promise<VisitorRow> {
  const name = input.name ? requireText(input.name, "name", 255) : null;
  const email = input.email ? requireEmail(input.email) : null;
  const phone = input.phone ? requireText(input.phone, "phone", 50) : null;
  const attributes = JSON.stringify(input.customAttributes ?? {});
  return write(s, async (trx) => {
    const now = s.now();
    return trx
      .insertInto("visitors")
      .values({
        id: crypto.randomBytes(12).toString("hex"),
        workspace_id: workspaceId,
        user_id: crypto.randomUUID(),
        email,
        phone,
        name,
        pseudonym: pseudonym(),
        custom_attributes: attributes,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** A workspace's visitors, newest first (a converted visitor is gone: it became a contact). */
export async function listVisitors(s: Services, workspaceId: number, limit: number): Promise<VisitorRow[]> {
  return s.db
    .selectFrom("visitors")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
}

async function lookUpVisitor(
  db: Db,
  workspaceId: number,
  ref: VisitorRef,
  field: string,
  lock: { forUpdate: boolean } = { forUpdate: false },
) {
  const base = () => {
    const query = db.selectFrom("visitors").selectAll().where("workspace_id", "=", workspaceId);
    return lock.forUpdate ? query.forUpdate() : query;
  };
  let row: VisitorRow | undefined;
  if (ref.id !== undefined && ref.id !== null) {
    row = await base().where("id", "=", ref.id).executeTakeFirst();
  } else if (ref.user_id !== undefined && ref.user_id !== null) {
    row = await base().where("user_id", "=", ref.user_id).executeTakeFirst();
  } else if (ref.email !== undefined && ref.email !== null) {
    const email = ref.email.toLowerCase();
    row = await base().where("email", "=", email).orderBy("seq").limit(1).executeTakeFirst();
  } else {
    throw errors.parameterNotFound(`Name the visitor with ${field}id or ${field}user_id`, `${field}user_id`);
  }
  if (!row) throw notFound("Visitor");
  return row;
}

export async function findVisitorByUserId(
  s: Services,
  workspaceId: number,
  userId: string,
): Promise<VisitorRow> {
  return lookUpVisitor(s.db, workspaceId, { user_id: userId }, "");
}

/** Changes the visitor's name and custom attributes (merged key by key into those kept, as a contact's are). */
export async function updateVisitor(
  s: Services,
  workspaceId: number,
  input: VisitorChangesBody,
): Promise<VisitorRow> {
  const name =
    input.name === undefined ? undefined : input.name === null ? null : requireText(input.name, "name", 255);
  const attributes = input.custom_attributes;
  return write(s, async (trx) => {
    // Merged under the row's lock (PostgreSQL): two updates at once each keep the other's attributes.
    const visitor = await lookUpVisitor(trx, workspaceId, { id: input.id, user_id: input.user_id }, "", {
      forUpdate: s.dialect === "postgres",
    });
    return trx
      .updateTable("visitors")
      .set({
        ...(name !== undefined && { name }),
        ...(attributes !== undefined && {
          custom_attributes: JSON.stringify(withAttributes(visitor.custom_attributes, attributes)),
        }),
        updated_at: s.now(),
      })
      .where("seq", "=", visitor.seq)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/**
 * The contact a conversion names: by id, else by `user_id` (its external_id); by email only a user,
 * and only when converting to a user. Undefined when it names none that exists yet.
 */
async function existingContact(
  trx: Trx,
  workspaceId: number,
  role: ContactRole,
  user: { id?: string; user_id?: string; email?: string },
): Promise<ContactRow | undefined> {
  const base = () =>
    trx
      .selectFrom("contacts")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("archived", "=", false);
  if (user.id !== undefined) {
    const row = await base().where("id", "=", user.id).executeTakeFirst();
    // An id is Intercom's own: naming one that does not exist is a mistake, not a new contact.
    if (!row) throw notFound("User");
    return row;
  }
  if (user.user_id !== undefined) return base().where("external_id", "=", user.user_id).executeTakeFirst();
  if (user.email !== undefined && role === "user")
    return base()
      .where("email", "=", user.email)
      .where("role", "=", "user")
      .orderBy("seq")
      .executeTakeFirst();
  return undefined;
}

/**
 * Intercom's visitor conversion: if the contact the `user` identifiers name exists, the visitor is
 * merged into it (it keeps every value it has and takes the visitor's where it has none, custom
 * attributes key by key); otherwise the visitor becomes a contact of the asked role under its own id,
 * with the `user` identifiers replacing the visitor's. Either way the visitor is gone.
 */
export async function convertVisitor(
  s: Services,
  workspaceId: number,
  input: ConvertVisitorBody,
): Promise<ContactRow> {
  const role: ContactRole = input.type;
  const given = input.user;
  const user = {
    ...(given.id !== undefined && given.id !== null && { id: given.id }),
    ...(given.user_id !== undefined && given.user_id !== null && { user_id: given.user_id }),
    ...(given.email !== undefined &&
      given.email !== null && { email: requireEmail(given.email, "user.email") }),
  };
  if (Object.keys(user).length === 0)
    throw errors.parameterNotFound("Name the user with user.id, user.user_id or user.email", "user.user_id");
  const visitorRef = input.visitor;
  try {
    return await write(s, async (trx) => {
      // Conversions at once take turns, as creates of contacts do: a visitor converted twice is found
      // once, and visitors converted into one new user at once make it once, the later ones merging in.
      await queueOnWorkspace(s, trx, workspaceId);
      const visitor = await lookUpVisitor(trx, workspaceId, visitorRef, "visitor.");
      const existing = await existingContact(trx, workspaceId, role, user);
      await trx.deleteFrom("visitors").where("seq", "=", visitor.seq).execute();
      if (existing) return mergeInto(s, trx, existing, visitor, user.email);
      const fields: ContactFields = {
        role,
        // A lead keeps the visitor's own id, the UUID a lead carries in Intercom.
        external_id: user.user_id ?? (role === "lead" ? visitor.user_id : null),
        email: user.email ?? visitor.email,
        phone: visitor.phone,
        name: visitor.name,
        custom_attributes: visitor.custom_attributes,
      };
      return insertContact(s, trx, workspaceId, fields, visitor.id);
    });
  } catch (error) {
    // The user_id is an archived contact's: the workspace holds it, though no find shows it.
    return contactConflict(s, workspaceId, error, user.user_id);
  }
}

async function mergeInto(
  s: Services,
  trx: Trx,
  contact: ContactRow,
  visitor: VisitorRow,
  email: string | undefined,
): Promise<ContactRow> {
  // The contact's own attributes win over the visitor's.
  const attributes = withAttributes(visitor.custom_attributes, JSON.parse(contact.custom_attributes));
  return changeContact(s, trx, contact, {
    email: contact.email ?? email ?? visitor.email,
    phone: contact.phone ?? visitor.phone,
    name: contact.name ?? visitor.name,
    custom_attributes: JSON.stringify(attributes),
  });
}
