import { atLeast, type IntercomVersion } from "../../core/api-versions.ts";
import { ApiError, errors } from "../../core/errors.ts";
import { queueOnWorkspace, type Services, type Trx, write } from "../../core/services.ts";
import { requireEmail } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import { toBool } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { contactArchived } from "../../wire/contact-lifecycle.ts";
import type { CompanyInput1x, UserBody1x } from "../../wire/user-1x-input.ts";
import { createOrUpdateCompany } from "../companies/companies.ts";
import { attachCompany, detachCompany } from "../companies/contacts.ts";
import { raiseContactChanges } from "../contacts/change-topics.ts";
import { type ContactFields, insertContact } from "../contacts/contacts.ts";
import { contactObjectIn } from "../contacts/present.ts";
import { notFound } from "../kit/missing.ts";
import { MULTIPLE_MATCH } from "./users.ts";

/**
 * `POST /users`, 1.x's create-or-update, over contacts with the `user` role. The rules, verbatim from
 * "Create or Update User" (1.4: developers.intercom.com/docs/references/1.4/rest-api/users/
 * create-or-update-user; /work/wt/USERS-1X.md §5.7): users are found by `id`, then `user_id`, then
 * `email`; "users not found via email or user_id will be created, and those that are found will be
 * updated". Found by `id`: `user_id` and `email` are updated if sent. Found by `user_id`: `email` is
 * updated. Found by `email` with no `user_id` of its own: it takes the one sent; with another `user_id`
 * of its own: a new user is made.
 *
 * Choices no source settles (USERS-1X.md marks them): an unknown `id` is a 404; an email alone that
 * several users share is 1.0's 409; an archived user found by `user_id` or email is brought back
 * (raising `contact.unarchived`), a blocked one refused with `not_restorable`; `new_session` stamps
 * `last_request_at` (Gatehouse counts no sessions); custom attributes merge into those kept, as Ruby
 * always sends `{}` and means "no change"; `unsubscribed_from_emails: null` is refused from 1.3 (its
 * changelog) and ignored before.
 *
 * One upsert at a time per workspace (the workspace row is locked on PostgreSQL; SQLite writes one at a
 * time anyway), so twenty parallel creates of one email or `user_id` make one user, not twenty.
 */
export async function upsertUser(
  s: Services,
  workspaceId: number,
  body: UserBody1x,
  version: IntercomVersion,
): Promise<ContactRow> {
  const userId = userIdOf(body.user_id);
  const email =
    body.email === undefined || body.email === null || body.email === ""
      ? undefined
      : requireEmail(body.email);
  if (body.id === undefined && userId === undefined && email === undefined)
    throw new ApiError(400, "bad_request", "User email, user_id or anonymous_id must be supplied");
  if (body.unsubscribed_from_emails === null && atLeast(version, "1.3"))
    throw errors.parameterInvalid(
      "unsubscribed_from_emails must be true or false",
      "unsubscribed_from_emails",
    );
  const fields = fieldsOf(s, body, userId, email);
  let row: ContactRow;
  try {
    row = await write(s, async (trx) => {
      await queueOnWorkspace(s, trx, workspaceId);
      const found = await target(trx, workspaceId, body.id, userId, email);
      if (found) return update(s, trx, found, fields);
      const { custom, ...plain } = fields;
      return insertContact(s, trx, workspaceId, {
        role: "user",
        ...plain,
        ...(custom && { custom_attributes: JSON.stringify(custom) }),
      });
    });
  } catch (error) {
    // Another contact (a user, or a lead) holds that user_id: intercom-ruby#191 saw this answer.
    if (isUniqueViolation(error)) throw new ApiError(400, "unique_user_constraint", "User already exists.");
    throw error;
  }
  for (const company of [...(body.companies ?? []), ...(body.company ? [body.company] : [])])
    await joinCompany(s, workspaceId, row, company);
  return row;
}

/** `user_id` as text: a number is taken as its digits; surrounding space is not part of it. */
function userIdOf(value: UserBody1x["user_id"]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

function fieldsOf(s: Services, body: UserBody1x, userId: string | undefined, email: string | undefined) {
  const fields: ContactFields & { custom?: Record<string, unknown> } = {};
  if (userId !== undefined) fields.external_id = userId;
  if (email !== undefined) fields.email = email;
  if (body.phone !== undefined) fields.phone = body.phone;
  if (body.name !== undefined) fields.name = body.name;
  const signedUp = body.signed_up_at !== undefined ? body.signed_up_at : body.remote_created_at;
  if (signedUp !== undefined) fields.signed_up_at = signedUp;
  // `update_last_request_at` wins over a time sent beside it: it asks for "the current API service time".
  if (body.update_last_request_at === true || body.new_session === true)
    fields.last_seen_at = Math.floor(s.now() / 1000);
  else if (body.last_request_at !== undefined) fields.last_seen_at = body.last_request_at;
  if (typeof body.unsubscribed_from_emails === "boolean")
    fields.unsubscribed_from_emails = body.unsubscribed_from_emails;
  if (body.custom_attributes !== undefined) fields.custom = body.custom_attributes;
  return fields;
}

/** The workspace's users by a column, archived ones too (a create-or-update brings them back). */
function everyUser(trx: Trx, workspaceId: number) {
  return trx
    .selectFrom("contacts")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("role", "=", "user");
}

/** The user the body names, by the documented order; undefined when a new one is to be made. */
async function target(
  trx: Trx,
  workspaceId: number,
  id: string | undefined,
  userId: string | undefined,
  email: string | undefined,
): Promise<ContactRow | undefined> {
  if (id !== undefined) {
    const row = await everyUser(trx, workspaceId).where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("User");
    return row;
  }
  if (userId !== undefined) {
    const row = await everyUser(trx, workspaceId).where("external_id", "=", userId).executeTakeFirst();
    if (row) return row;
  }
  if (email === undefined) return undefined;
  let byEmail = everyUser(trx, workspaceId).where("email", "=", email);
  // With a user_id sent, only a user without one of its own is that person; else a new user is made.
  if (userId !== undefined) byEmail = byEmail.where("external_id", "is", null);
  const rows = await byEmail.orderBy("archived").orderBy("seq").limit(2).execute();
  const [first, second] = rows;
  if (userId === undefined && second && !toBool(second.archived)) throw MULTIPLE_MATCH();
  return first;
}

async function update(
  s: Services,
  trx: Trx,
  before: ContactRow,
  fields: ContactFields & { custom?: Record<string, unknown> },
): Promise<ContactRow> {
  if (toBool(before.blocked))
    throw new ApiError(400, "not_restorable", "This user was blocked and cannot be recreated");
  const { custom, ...plain } = fields;
  const restoring = toBool(before.archived);
  const row = await trx
    .updateTable("contacts")
    .set({
      ...plain,
      ...(custom && {
        custom_attributes: JSON.stringify({ ...JSON.parse(before.custom_attributes), ...custom }),
      }),
      ...(restoring && { archived: false }),
      updated_at: s.now(),
    })
    .where("seq", "=", before.seq)
    .returningAll()
    .executeTakeFirstOrThrow();
  const workspaceId = row.workspace_id;
  if (restoring)
    await s.outbox.raise(trx, { workspaceId, topic: "contact.unarchived", item: contactArchived(row) });
  await s.outbox.raise(trx, {
    workspaceId,
    topic: "contact.user.updated",
    item: () => contactObjectIn(trx, row),
  });
  await raiseContactChanges(s, trx, before, row);
  return row;
}

/** A company of the body: made or updated by its `company_id` and joined, or left with `remove`. */
async function joinCompany(s: Services, workspaceId: number, user: ContactRow, input: CompanyInput1x) {
  const { remove, ...company } = input;
  if (remove) {
    const existing = await s.db
      .selectFrom("companies")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("company_id", "=", String(company.company_id))
      .executeTakeFirst();
    if (existing) await detachCompany(s, workspaceId, user.id, existing.id);
    return;
  }
  const { company: row } = await createOrUpdateCompany(s, workspaceId, company);
  await attachCompany(s, workspaceId, user.id, row.id);
}
