import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import { onPage } from "../../core/paging.ts";
import type { Services } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type { CompanyRow } from "../../storage/tables/companies.ts";
import { companies } from "./companies.ts";
import { shownCompanyContacts } from "./shown-contacts.ts";

type CompanyQuery = SelectQueryBuilder<Database, "companies", CompanyRow>;

type CompanyEb = ExpressionBuilder<Database, "companies">;

/** A company some shown contact belongs to. */
const hasContacts = (db: Services["db"]) => (eb: CompanyEb) =>
  eb.exists(
    shownCompanyContacts(db)
      .select("company_contacts.contact_seq")
      .where("company_contacts.company_seq", "=", eb.ref("companies.seq")),
  );

export interface CompanyListing {
  page: number;
  perPage: number;
  order: "asc" | "desc";
  tagId?: number;
  /** Segments hold contacts, never companies: a segment filter matches no company. */
  noneMatch?: boolean;
}

/**
 * One page of the workspace's companies, newest first unless asked otherwise. As in Intercom, a list
 * leaves out companies no contact belongs to; looking one up by id still finds them.
 */
export async function listCompanies(s: Services, workspaceId: number, listing: CompanyListing) {
  const filtered = (): CompanyQuery => {
    let query = companies(s.db, workspaceId).where(hasContacts(s.db));
    if (listing.tagId !== undefined) {
      const tagId = listing.tagId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("company_tags")
            .select("company_tags.tag_id")
            .whereRef("company_tags.company_seq", "=", "companies.seq")
            .where("company_tags.tag_id", "=", tagId),
        ),
      );
    }
    return query;
  };
  if (listing.noneMatch) return { rows: [], total: 0 };
  const rows = await filtered()
    .orderBy("seq", listing.order)
    .$call(onPage({ number: listing.page, size: listing.perPage }))
    .execute();
  const total = await filtered()
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** The next companies of a scroll, in creation order, after the last one it gave. */
export async function scrollCompanies(
  s: Services,
  workspaceId: number,
  afterSeq: number,
  size: number,
): Promise<CompanyRow[]> {
  return companies(s.db, workspaceId).where("seq", ">", afterSeq).orderBy("seq").limit(size).execute();
}
