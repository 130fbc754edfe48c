import type { Services, Trx } from "../../core/services.ts";

/**
 * Which contacts belong to which companies, as the API shows them: an archived contact is hidden from
 * its companies as from everything else (their lists, their counts, whether a list names them at all).
 */
export function shownCompanyContacts(db: Services["db"] | Trx) {
  return db
    .selectFrom("company_contacts")
    .innerJoin("contacts", "contacts.seq", "company_contacts.contact_seq")
    .where("contacts.archived", "=", false);
}
