import { ApiError, errors } from "../../core/errors.ts";
import { onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import type { CompanyRow } from "../../storage/tables/companies.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import { companyContactItem } from "../../wire/company.ts";
import { findContact } from "../contacts/contacts.ts";
import { contactObjectIn } from "../contacts/present.ts";
import { findCompany } from "./companies.ts";
import { companyObjectIn } from "./present.ts";
import { shownCompanyContacts } from "./shown-contacts.ts";

/** Which contacts belong to which companies: attaching, detaching, and listing either side. */

/** Intercom keeps at most this many companies on one contact. */
const MAX_COMPANIES_PER_CONTACT = 1000;

/**
 * `company.contact.attached` or `.detached`. Intercom's item is the pair, untyped: `{ company, contact }`,
 * each as it is once the change is made (re-read, since the rows were found before the transaction).
 */
async function raiseMembership(
  s: Services,
  trx: Trx,
  topic: "company.contact.attached" | "company.contact.detached",
  company: CompanyRow,
  contact: ContactRow,
): Promise<void> {
  await s.outbox.raise(trx, {
    workspaceId: company.workspace_id,
    topic,
    item: async () => {
      const companyNow = await trx
        .selectFrom("companies")
        .selectAll()
        .where("seq", "=", company.seq)
        .executeTakeFirstOrThrow();
      const contactNow = await trx
        .selectFrom("contacts")
        .selectAll()
        .where("seq", "=", contact.seq)
        .executeTakeFirstOrThrow();
      return companyContactItem(
        await companyObjectIn(trx, companyNow),
        await contactObjectIn(trx, contactNow),
      );
    },
  });
}

/** Attaches a company to a contact, both of the workspace; attaching twice is the same as once. */
export async function attachCompany(
  s: Services,
  workspaceId: number,
  contactId: string,
  companyId: string | null | undefined,
): Promise<CompanyRow> {
  if (companyId === undefined || companyId === null || companyId === "")
    throw errors.parameterNotFound("company not specified", "id");
  const contact = await findContact(s, workspaceId, contactId);
  const company = await findCompany(s, workspaceId, companyId);
  await write(s, async (trx) => {
    // Attaches to one contact take turns on its row (PostgreSQL; SQLite's writes run alone), so twenty at
    // once at the edge count each other and stop at the limit.
    if (s.dialect === "postgres")
      await trx
        .selectFrom("contacts")
        .select("seq")
        .where("seq", "=", contact.seq)
        .forNoKeyUpdate()
        .execute();
    const existing = await trx
      .selectFrom("company_contacts")
      .select("company_seq")
      .where("company_seq", "=", company.seq)
      .where("contact_seq", "=", contact.seq)
      .executeTakeFirst();
    if (existing) return;
    const held = await trx
      .selectFrom("company_contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("contact_seq", "=", contact.seq)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_COMPANIES_PER_CONTACT)
      throw new ApiError(
        400,
        "contact_company_limit_exceeded",
        `Contact has reached the maximum of ${MAX_COMPANIES_PER_CONTACT} company associations`,
      );
    const attached = await trx
      .insertInto("company_contacts")
      .values({ company_seq: company.seq, contact_seq: contact.seq, attached_at: s.now() })
      .onConflict((oc) => oc.columns(["company_seq", "contact_seq"]).doNothing())
      .returning("company_seq")
      .executeTakeFirst();
    if (attached) await raiseMembership(s, trx, "company.contact.attached", company, contact);
  });
  return company;
}

/** Detaches a company from a contact; a company the contact was not in is left as it is. */
export async function detachCompany(
  s: Services,
  workspaceId: number,
  contactId: string,
  companyId: string,
): Promise<CompanyRow> {
  const contact = await findContact(s, workspaceId, contactId);
  const company = await findCompany(s, workspaceId, companyId);
  await write(s, async (trx) => {
    const detached = await trx
      .deleteFrom("company_contacts")
      .where("company_seq", "=", company.seq)
      .where("contact_seq", "=", contact.seq)
      .executeTakeFirst();
    if (detached.numDeletedRows > 0n)
      await raiseMembership(s, trx, "company.contact.detached", company, contact);
  });
  return company;
}

/** A page of the companies a contact belongs to, in the order they were attached, and how many in all. */
export async function companiesOfContact(
  s: Services,
  contact: ContactRow,
  page: { page: number; perPage: number },
): Promise<{ rows: CompanyRow[]; total: number }> {
  const rows = await s.db
    .selectFrom("company_contacts")
    .innerJoin("companies", "companies.seq", "company_contacts.company_seq")
    .selectAll("companies")
    .where("company_contacts.contact_seq", "=", contact.seq)
    .orderBy("company_contacts.attached_at")
    .orderBy("companies.seq")
    .$call(onPage({ number: page.page, size: page.perPage }))
    .execute();
  const total = await s.db
    .selectFrom("company_contacts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contact_seq", "=", contact.seq)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** A page of a company's contacts, oldest first, and how many in all; archived ones are hidden, as everywhere. */
export async function contactsOfCompany(
  s: Services,
  company: CompanyRow,
  page: { page: number; perPage: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  const contacts = shownCompanyContacts(s.db).where("company_contacts.company_seq", "=", company.seq);
  const rows = await contacts
    .selectAll("contacts")
    .orderBy("contacts.seq")
    .$call(onPage({ number: page.page, size: page.perPage }))
    .execute();
  const total = await contacts.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
