import crypto from "node:crypto";
import type { Updateable } from "kysely";
import { ApiError, errors } from "../../core/errors.ts";
import { type CursorPage, type CursorRequest, pageAfter } from "../../core/paging.ts";
import { queueOnWorkspace, type Services, type Trx, write } from "../../core/services.ts";
import { requireEmail } from "../../core/validation.ts";
import { isMember } from "../../platform/identity/admins.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import { toBool } from "../../storage/schema.ts";
import type { ContactRow, ContactsTable } from "../../storage/tables/contacts.ts";
import type { TagRow } from "../../storage/tables/tags.ts";
import { deletedContact } from "../../wire/contact.ts";
import type { ContactBody } from "../../wire/contact-input.ts";
import { withAttributes } from "../kit/custom-attributes.ts";
import { notFound } from "../kit/missing.ts";
import { deleteOr404, findInWorkspace, findOr404 } from "../kit/records.ts";
import { findTag, tagsOn } from "../tags.ts";
import { raiseContactChanges } from "./change-topics.ts";
import { shownContacts } from "./lookup.ts";
import { contactObjectIn, contactTagObjectIn } from "./present.ts";
import { compileSearch } from "./search.ts";

/** The writable fields of a contact, as Intercom's create and update payloads name them. */
export type ContactInput = ContactBody;

/** A contact's fields once checked: what `insertContact` writes. */
export type ContactFields = Pick<
  Updateable<ContactsTable>,
  | "role"
  | "external_id"
  | "email"
  | "phone"
  | "name"
  | "avatar"
  | "signed_up_at"
  | "last_seen_at"
  | "owner_id"
  | "unsubscribed_from_emails"
  | "custom_attributes"
>;
/** Checks every field given; fields not given stay out of the result (so updates touch only those). */
async function check(
  db: Services["db"] | Trx,
  workspaceId: number,
  input: ContactInput,
): Promise<ContactFields> {
  const out: ContactFields = {};
  if (input.role !== undefined) out.role = input.role;
  if (input.external_id !== undefined) out.external_id = input.external_id;
  if (input.email !== undefined) out.email = input.email === null ? null : requireEmail(input.email);
  if (input.phone !== undefined) out.phone = input.phone;
  if (input.name !== undefined) out.name = input.name;
  if (input.avatar !== undefined) out.avatar = input.avatar;
  if (input.signed_up_at !== undefined) out.signed_up_at = input.signed_up_at;
  if (input.last_seen_at !== undefined) out.last_seen_at = input.last_seen_at;
  if (input.unsubscribed_from_emails !== undefined)
    out.unsubscribed_from_emails = input.unsubscribed_from_emails;
  if (input.owner_id !== undefined) {
    const owner = input.owner_id;
    if (owner !== null && (owner <= 0 || !(await isMember(db, workspaceId, owner))))
      throw errors.parameterInvalid("owner_id must be the id of an admin of this workspace", "owner_id");
    out.owner_id = owner;
  }
  // Checked at the door (wire/custom-attribute-input.ts), as wherever custom attributes are taken.
  if (input.custom_attributes !== undefined) out.custom_attributes = JSON.stringify(input.custom_attributes);
  return out;
}

/**
 * A write refused by the external_id's unique index (an archived contact's, or a change racing
 * another): answered as Intercom does, naming the holder. Anything else is rethrown.
 */
export async function contactConflict(
  s: Services,
  workspaceId: number,
  error: unknown,
  externalId: string | null | undefined,
): Promise<never> {
  if (!isUniqueViolation(error)) throw error;
  // By external_id alone: that is what the index keeps apart.
  const holder = await holderOf(s.db, workspaceId, { externalId: externalId ?? null, userEmail: null });
  throw holder ? alreadyExists(holder) : errors.conflict("A contact matching those details already exists");
}

export async function createContact(
  s: Services,
  workspaceId: number,
  input: ContactInput,
): Promise<ContactRow> {
  if (input.email === undefined && input.external_id === undefined && input.role === undefined) {
    throw errors.parameterNotFound("Create a contact with an email, an external_id, or a role", "email");
  }
  const fields = await check(s.db, workspaceId, input);
  try {
    return await write(s, async (trx) => {
      // Two creates for one new email must not both find it free.
      await queueOnWorkspace(s, trx, workspaceId);
      const holder = await holderOf(trx, workspaceId, {
        externalId: fields.external_id ?? null,
        // Leads may share an email, and a user may take a lead's: only a new user's email is checked.
        userEmail: (fields.role ?? "user") === "user" ? (fields.email ?? null) : null,
      });
      if (holder) throw alreadyExists(holder);
      return insertContact(s, trx, workspaceId, fields);
    });
  } catch (error) {
    return contactConflict(s, workspaceId, error, fields.external_id);
  }
}

/**
 * The contact that holds details a contact may not share, as Intercom keeps them apart: an
 * `external_id`, and a user's email among users. Archived contacts keep theirs.
 */
async function holderOf(
  db: Services["db"] | Trx,
  workspaceId: number,
  details: { externalId: string | null; userEmail: string | null },
  except?: string,
): Promise<Pick<ContactRow, "id" | "archived"> | undefined> {
  const { externalId: external, userEmail: email } = details;
  if (external === null && email === null) return undefined;
  return db
    .selectFrom("contacts")
    .select(["id", "archived"])
    .where("workspace_id", "=", workspaceId)
    .$if(except !== undefined, (q) => q.where("id", "!=", except as string))
    .where((eb) =>
      eb.or([
        ...(external === null ? [] : [eb("external_id", "=", external)]),
        ...(email === null ? [] : [eb.and([eb("role", "=", "user"), eb("email", "=", email)])]),
      ]),
    )
    .orderBy("seq")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Intercom's 409 for details another contact holds (its 2.x description's examples): the holder's id
 * after "id=", which integrations read to update that contact instead, and whether it is archived.
 */
function alreadyExists(holder: Pick<ContactRow, "id" | "archived">): ApiError {
  const who = toBool(holder.archived) ? "An archived contact" : "A contact";
  return errors.conflict(`${who} matching those details already exists with id=${holder.id}`);
}

/**
 * Adds a contact of checked fields in the caller's write, raising its `created` webhook there; also how
 * other writes make one as a side effect (a participant named by an email nobody has becomes a lead,
 * a converted visitor becomes a contact under its own id).
 */
export async function insertContact(
  s: Services,
  trx: Trx,
  workspaceId: number,
  fields: ContactFields,
  id: string = crypto.randomBytes(12).toString("hex"),
): Promise<ContactRow> {
  const now = s.now();
  const row = await trx
    .insertInto("contacts")
    .values({
      id,
      workspace_id: workspaceId,
      role: fields.role ?? "user",
      // Intercom's leads all carry an id of their own, a UUID nobody sent (a user has only the one given).
      external_id: fields.external_id ?? ((fields.role ?? "user") === "lead" ? crypto.randomUUID() : null),
      email: fields.email ?? null,
      phone: fields.phone ?? null,
      name: fields.name ?? null,
      avatar: fields.avatar ?? null,
      owner_id: fields.owner_id ?? null,
      unsubscribed_from_emails: fields.unsubscribed_from_emails ?? false,
      custom_attributes: fields.custom_attributes ?? "{}",
      signed_up_at: fields.signed_up_at ?? null,
      last_seen_at: fields.last_seen_at ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await s.outbox.raise(trx, {
    workspaceId,
    topic: `contact.${row.role}.created`,
    item: () => contactObjectIn(trx, row),
  });
  return row;
}

/** A contact of the workspace by id; an archived one is not found, as Intercom hides it. */
export async function findContact(s: Services, workspaceId: number, id: string): Promise<ContactRow> {
  return findOr404(shownContacts(s.db, workspaceId).where("id", "=", id), "User");
}

export async function updateContact(
  s: Services,
  workspaceId: number,
  id: string,
  input: ContactInput,
): Promise<ContactRow> {
  const fields = await check(s.db, workspaceId, input);
  // A change of email or role may give a user an email another user holds: such changes queue on the
  // workspace's row, as creates do, before the contact's own (the order every contact write takes).
  const mayClash = fields.email !== undefined || fields.role !== undefined;
  try {
    return await write(s, async (trx) => {
      if (mayClash) await queueOnWorkspace(s, trx, workspaceId);
      let query = shownContacts(trx, workspaceId).where("id", "=", id);
      if (s.dialect === "postgres") query = query.forUpdate();
      const before = await query.executeTakeFirst();
      if (!before) throw notFound("User");
      // Intercom's own answer (seen by integrations' tests against it): a user stays a user.
      if (before.role === "user" && fields.role === "lead")
        throw new ApiError(400, "client_error", "Contact with user role can't be converted to a lead");
      const role = fields.role ?? before.role;
      const email = fields.email !== undefined ? fields.email : before.email;
      if (
        role === "user" &&
        email !== null &&
        email !== "" &&
        (email !== before.email || role !== before.role)
      ) {
        const holder = await holderOf(trx, workspaceId, { externalId: null, userEmail: email }, before.id);
        if (holder) throw alreadyExists(holder);
      }
      // Custom attributes named are merged into those kept (null clears one), as on every record that
      // has them; under the row's lock, so changes at once each keep the other's.
      if (input.custom_attributes !== undefined)
        fields.custom_attributes = JSON.stringify(
          withAttributes(before.custom_attributes, input.custom_attributes),
        );
      return changeContact(s, trx, before, fields);
    });
  } catch (error) {
    return contactConflict(s, workspaceId, error, fields.external_id);
  }
}

/**
 * Writes checked fields over a contact the caller's write has read (under the row's lock, on
 * PostgreSQL), raising its `updated` webhook and those of what changed there.
 */
export async function changeContact(
  s: Services,
  trx: Trx,
  before: ContactRow,
  fields: ContactFields,
): Promise<ContactRow> {
  const row = await trx
    .updateTable("contacts")
    .set({ ...fields, updated_at: s.now() })
    .where("seq", "=", before.seq)
    .returningAll()
    .executeTakeFirstOrThrow();
  await s.outbox.raise(trx, {
    workspaceId: row.workspace_id,
    topic: `contact.${row.role}.updated`,
    item: () => contactObjectIn(trx, row),
  });
  await raiseContactChanges(s, trx, before, row);
  return row;
}

export async function deleteContact(s: Services, workspaceId: number, id: string): Promise<ContactRow> {
  return write(s, async (trx) => {
    const row = await findInWorkspace(trx, "contacts", workspaceId, id, "User");
    // Deletes at once of one contact: the one whose delete removed the row answers and notifies; the
    // others (PostgreSQL lets them wait for it) find nothing left to delete, as a later one would.
    await deleteOr404(trx.deleteFrom("contacts").where("seq", "=", row.seq), "User");
    // Intercom notifies a deletion with what the DELETE answers: the contact's ids, no more.
    await s.outbox.raise(trx, { workspaceId, topic: "contact.deleted", item: deletedContact(row) });
    return row;
  });
}

/**
 * A page of contacts in creation order, after the cursor's contact, optionally only those a search
 * query matches; and how many match in all. Archived contacts are neither listed nor found.
 */
export async function listContacts(
  s: Services,
  workspaceId: number,
  page: CursorRequest,
  search?: unknown,
): Promise<CursorPage<ContactRow>> {
  const matches = search === undefined ? undefined : compileSearch(search, s.dialect);
  const base = () => {
    const query = s.db
      .selectFrom("contacts")
      .where("workspace_id", "=", workspaceId)
      .where("archived", "=", false);
    return matches ? query.where(matches) : query;
  };
  return pageAfter(base, "seq", page);
}

export async function contactTags(s: Services, contact: ContactRow): Promise<TagRow[]> {
  return (await tagsOn(s.db, "contact_tags", [contact.seq])).get(contact.seq) ?? [];
}

/**
 * `/contacts/{id}/tags`: the contact and the tag must both be the token's workspace's; `change` puts the
 * tag on or takes it off, and doing either twice is the same as once. Answers the tag.
 */
async function changeContactTag(
  s: Services,
  workspaceId: number,
  contactId: string,
  tagId: number,
  change: (trx: Trx, contactSeq: number, tag: TagRow) => Promise<void>,
): Promise<TagRow> {
  const contact = await findContact(s, workspaceId, contactId);
  const tag = await findTag(s, workspaceId, tagId);
  await write(s, (trx) => change(trx, contact.seq, tag));
  return tag;
}

export const tagContact = (s: Services, workspaceId: number, contactId: string, tagId: number) =>
  changeContactTag(s, workspaceId, contactId, tagId, (trx, seq, tag) =>
    putContactTag(s, trx, seq, tag, s.now()),
  );

export const untagContact = (s: Services, workspaceId: number, contactId: string, tagId: number) =>
  changeContactTag(s, workspaceId, contactId, tagId, (trx, seq, tag) => takeContactTag(s, trx, seq, tag));

/**
 * Puts the tag on a contact inside a write, as `POST /contacts/{id}/tags` and `POST /tags` do, and
 * announces it; a tag already on stays as it was (its first `applied_at`) and announces nothing.
 */
export async function putContactTag(s: Services, trx: Trx, contactSeq: number, tag: TagRow, at: number) {
  const added = await trx
    .insertInto("contact_tags")
    .values({ contact_seq: contactSeq, tag_id: tag.id, applied_at: at })
    .onConflict((oc) => oc.columns(["contact_seq", "tag_id"]).doNothing())
    .returning("tag_id")
    .executeTakeFirst();
  if (added) await raiseContactTag(s, trx, contactSeq, tag, "created");
}

/** Takes the tag off a contact inside a write and announces it, if it was on. */
export async function takeContactTag(s: Services, trx: Trx, contactSeq: number, tag: TagRow) {
  const removed = await trx
    .deleteFrom("contact_tags")
    .where("contact_seq", "=", contactSeq)
    .where("tag_id", "=", tag.id)
    .executeTakeFirst();
  if (removed.numDeletedRows > 0n) await raiseContactTag(s, trx, contactSeq, tag, "deleted");
}

/**
 * `contact.user.tag.created` and its kin, by the contact's role as it is in the transaction (the row
 * the caller holds was read before it). Raise only when the tag was really put on or taken off.
 */
async function raiseContactTag(
  s: Services,
  trx: Trx,
  contactSeq: number,
  tag: TagRow,
  change: "created" | "deleted",
): Promise<void> {
  const contact = await trx
    .selectFrom("contacts")
    .selectAll()
    .where("seq", "=", contactSeq)
    .executeTakeFirstOrThrow();
  await s.outbox.raise(trx, {
    workspaceId: contact.workspace_id,
    topic: `contact.${contact.role}.tag.${change}`,
    item: () => contactTagObjectIn(trx, contact, tag),
  });
}
