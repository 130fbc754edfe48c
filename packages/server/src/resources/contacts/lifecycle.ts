import { ApiError } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { contactArchived } from "../../wire/contact-lifecycle.ts";
import { notFound } from "../kit/missing.ts";
import { findOr404 } from "../kit/records.ts";
import { shownContacts } from "./lookup.ts";
import { contactObjectIn } from "./present.ts";

/**
 * A contact's life past create, update and delete, as Intercom's API has it: looked up by the
 * external_id of a user; archived (a soft delete: hidden from finds, lists and searches, yet still
 * unarchived, blocked or deleted by id); blocked as spam (archived for good, as far as the API goes);
 * and a lead merged into a user, after which the lead is gone.
 */

/** Intercom's `GET /contacts/find_by_external_id/{external_id}`: users only, archived ones hidden. */
export async function findUserByExternalId(
  s: Services,
  workspaceId: number,
  externalId: string,
): Promise<ContactRow> {
  return findOr404(
    shownContacts(s.db, workspaceId).where("external_id", "=", externalId).where("role", "=", "user"),
    "User",
  );
}

/** The workspace's contact by id in the write's transaction, archived or not; locked on PostgreSQL. */
async function lockContact(s: Services, trx: Trx, workspaceId: number, id: string): Promise<ContactRow> {
  let query = trx
    .selectFrom("contacts")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id);
  if (s.dialect === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("User");
  return row;
}

async function setState(
  s: Services,
  trx: Trx,
  row: ContactRow,
  state: { archived: boolean; blocked?: boolean },
): Promise<ContactRow> {
  return trx
    .updateTable("contacts")
    .set({ ...state, updated_at: s.now() })
    .where("seq", "=", row.seq)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Archives a contact; archiving it again changes nothing and notifies no one. With `again: "not found"`
 * (1.x's `DELETE /users`, which finds only users not archived) an archived one is the 404 a later
 * DELETE gets, also when the archive that came first was under way at once with this one.
 */
export async function archiveContact(
  s: Services,
  workspaceId: number,
  id: string,
  again: "answered" | "not found" = "answered",
): Promise<ContactRow> {
  return write(s, async (trx) => {
    const row = await lockContact(s, trx, workspaceId, id);
    if (toBool(row.archived)) {
      if (again === "not found") throw notFound("User");
      return row;
    }
    const archived = await setState(s, trx, row, { archived: true });
    await s.outbox.raise(trx, { workspaceId, topic: "contact.archived", item: contactArchived(archived) });
    return archived;
  });
}

/**
 * Brings an archived contact back; one that is not archived stays as it is. A blocked contact is not
 * unarchived: Intercom restores those only from its Blocked people settings, never over the API.
 */
export async function unarchiveContact(s: Services, workspaceId: number, id: string): Promise<ContactRow> {
  return write(s, async (trx) => {
    const row = await lockContact(s, trx, workspaceId, id);
    if (toBool(row.blocked)) {
      throw new ApiError(400, "bad_request", "Contact is blocked and can't be unarchived");
    }
    if (!toBool(row.archived)) return row;
    const unarchived = await setState(s, trx, row, { archived: false });
    await s.outbox.raise(trx, {
      workspaceId,
      topic: "contact.unarchived",
      item: contactArchived(unarchived),
    });
    return unarchived;
  });
}

/**
 * Blocks a contact: Intercom archives what it holds of a blocked person, so the contact is archived too
 * (raising `contact.archived` if it was not already). Blocking again changes nothing.
 */
export async function blockContact(s: Services, workspaceId: number, id: string): Promise<ContactRow> {
  return write(s, async (trx) => {
    const row = await lockContact(s, trx, workspaceId, id);
    if (toBool(row.blocked)) return row;
    const blocked = await setState(s, trx, row, { archived: true, blocked: true });
    if (!toBool(row.archived)) {
      await s.outbox.raise(trx, { workspaceId, topic: "contact.archived", item: contactArchived(blocked) });
    }
    return blocked;
  });
}

export interface MergeInput {
  from: string;
  into: string;
}

/** The fields a merged user takes from the lead where it has no value of its own. */
const ADOPTED = [
  "external_id",
  "email",
  "phone",
  "name",
  "avatar",
  "owner_id",
  "signed_up_at",
  "last_seen_at",
] as const;

/**
 * Intercom's `POST /contacts/merge`: a lead (`from`) into a user (`into`), both visible contacts of the
 * workspace. As Intercom's merge preview describes it, the user keeps every value it has and adopts the
 * lead's where it has none (custom attributes key by key); companies and tags are combined; the lead's
 * conversations, tickets, notes, events (a repeat of the same name and second is the same event) and
 * the rest of what it held move to the user. Then the lead is gone: not found, listed nor searched.
 * Raises `contact.lead.signed_up` with the user as it now is.
 */
export async function mergeContacts(
  s: Services,
  workspaceId: number,
  input: MergeInput,
): Promise<ContactRow> {
  return write(s, async (trx) => {
    let query = shownContacts(trx, workspaceId).where("id", "in", [input.from, input.into]).orderBy("seq");
    if (s.dialect === "postgres") query = query.forUpdate();
    const rows = await query.execute();
    const lead = rows.find((r) => r.id === input.from);
    const user = rows.find((r) => r.id === input.into);
    if (!lead || !user) throw notFound("User");
    if (lead.role !== "lead" || user.role !== "user") {
      throw new ApiError(
        400,
        "invalid_merge",
        "Only a contact with a role of lead can be merged, and only into a contact with a role of user",
      );
    }
    await moveRecords(trx, workspaceId, lead, user);
    // The lead goes first: the user may adopt its external_id, which is unique in the workspace.
    await trx.deleteFrom("contacts").where("seq", "=", lead.seq).execute();
    const adopted: Partial<Pick<ContactRow, (typeof ADOPTED)[number]>> = {};
    for (const field of ADOPTED) {
      if (user[field] === null && lead[field] !== null) Object.assign(adopted, { [field]: lead[field] });
    }
    const attributes = {
      ...(JSON.parse(lead.custom_attributes) as object),
      ...(JSON.parse(user.custom_attributes) as object),
    };
    const merged = await trx
      .updateTable("contacts")
      .set({ ...adopted, custom_attributes: JSON.stringify(attributes), updated_at: s.now() })
      .where("seq", "=", user.seq)
      .returningAll()
      .executeTakeFirstOrThrow();
    await s.outbox.raise(trx, {
      workspaceId,
      topic: "contact.lead.signed_up",
      item: () => contactObjectIn(trx, merged),
    });
    return merged;
  });
}

/** Everything that names the lead, moved to the user; what both have already stays the user's. */
async function moveRecords(trx: Trx, workspaceId: number, lead: ContactRow, user: ContactRow): Promise<void> {
  const from = lead.seq;
  const to = user.seq;

  const userTags = new Set(
    (await trx.selectFrom("contact_tags").select("tag_id").where("contact_seq", "=", to).execute()).map(
      (r) => r.tag_id,
    ),
  );
  for (const tag of await trx
    .selectFrom("contact_tags")
    .selectAll()
    .where("contact_seq", "=", from)
    .execute()) {
    if (!userTags.has(tag.tag_id))
      await trx
        .insertInto("contact_tags")
        .values({ ...tag, contact_seq: to })
        .execute();
  }

  const userCompanies = new Set(
    (
      await trx.selectFrom("company_contacts").select("company_seq").where("contact_seq", "=", to).execute()
    ).map((r) => r.company_seq),
  );
  for (const link of await trx
    .selectFrom("company_contacts")
    .selectAll()
    .where("contact_seq", "=", from)
    .execute()) {
    if (!userCompanies.has(link.company_seq)) {
      await trx
        .insertInto("company_contacts")
        .values({ ...link, contact_seq: to })
        .execute();
    }
  }

  const userConversations = new Set(
    (
      await trx
        .selectFrom("conversation_contacts")
        .select("conversation_id")
        .where("contact_seq", "=", to)
        .execute()
    ).map((r) => r.conversation_id),
  );
  for (const part of await trx
    .selectFrom("conversation_contacts")
    .selectAll()
    .where("contact_seq", "=", from)
    .execute()) {
    if (!userConversations.has(part.conversation_id)) {
      await trx
        .insertInto("conversation_contacts")
        .values({ ...part, contact_seq: to })
        .execute();
    }
  }
  // What the lead wrote is the user's now, as Intercom shows a merged lead's messages.
  await trx
    .updateTable("conversations")
    .set({ source_author_type: "user", source_author_id: user.id })
    .where("workspace_id", "=", workspaceId)
    .where("source_author_type", "in", ["user", "lead"])
    .where("source_author_id", "=", lead.id)
    .execute();
  await trx
    .updateTable("conversation_parts")
    .set({ author_type: "user", author_id: user.id })
    .where("author_type", "in", ["user", "lead"])
    .where("author_id", "=", lead.id)
    .where("conversation_id", "in", (eb) =>
      eb.selectFrom("conversations").select("id").where("workspace_id", "=", workspaceId),
    )
    .execute();
  await trx
    .updateTable("ticket_parts")
    .set({ author_id: user.id })
    .where("author_type", "=", "user")
    .where("author_id", "=", lead.id)
    .where("ticket_id", "in", (eb) =>
      eb.selectFrom("tickets").select("id").where("workspace_id", "=", workspaceId),
    )
    .execute();
  await trx.updateTable("tickets").set({ contact_seq: to }).where("contact_seq", "=", from).execute();

  // The same name and second is the same event: a lead's event the user already has stays behind.
  await trx
    .updateTable("data_events")
    .set({ contact_seq: to })
    .where("contact_seq", "=", from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("data_events as mine")
            .select("mine.seq")
            .where("mine.contact_seq", "=", to)
            .whereRef("mine.event_name", "=", "data_events.event_name")
            .whereRef("mine.occurred_at", "=", "data_events.occurred_at"),
        ),
      ),
    )
    .execute();
  for (const summary of await trx
    .selectFrom("data_event_summaries")
    .selectAll()
    .where("contact_seq", "=", from)
    .execute()) {
    const mine = await trx
      .selectFrom("data_event_summaries")
      .selectAll()
      .where("contact_seq", "=", to)
      .where("event_name", "=", summary.event_name)
      .executeTakeFirst();
    if (!mine) {
      await trx
        .insertInto("data_event_summaries")
        .values({ ...summary, contact_seq: to })
        .execute();
      continue;
    }
    await trx
      .updateTable("data_event_summaries")
      .set({
        count: mine.count + summary.count,
        first_at: Math.min(mine.first_at, summary.first_at),
        last_at: Math.max(mine.last_at, summary.last_at),
        updated_at: Math.max(mine.updated_at, summary.updated_at),
      })
      .where("contact_seq", "=", to)
      .where("event_name", "=", summary.event_name)
      .execute();
  }

  await trx
    .updateTable("phone_call_redirects")
    .set({ contact_seq: to })
    .where("contact_seq", "=", from)
    .execute();
  await trx
    .updateTable("canvas_kit_submissions")
    .set({ contact_seq: to })
    .where("contact_seq", "=", from)
    .execute();
  await trx.updateTable("notes").set({ contact_seq: to }).where("contact_seq", "=", from).execute();
}
