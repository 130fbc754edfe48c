import type { Kysely } from "kysely";
import type { Trx } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type { CompanyRow } from "../../storage/tables/companies.ts";
import { type CompanyExtras, companyJson } from "../../wire/company.ts";
import { workspaceIdCode } from "../kit/records.ts";
import { tagsOn } from "../tags.ts";
import { shownCompanyContacts } from "./shown-contacts.ts";

type Db = Kysely<Database> | Trx;

/**
 * What a company's JSON shows beyond its row: its plan's name, its tags, how many contacts it has; read
 * in three queries for the lot, through the write's transaction when a notification is built in one.
 */
export async function companyExtras(db: Db, rows: readonly CompanyRow[]): Promise<CompanyExtras> {
  const extras: CompanyExtras = { plans: new Map(), tags: new Map(), contactCounts: new Map() };
  if (rows.length === 0) return extras;
  const seqs = rows.map((r) => r.seq);
  const planIds = [...new Set(rows.map((r) => r.plan_id).filter((id): id is number => id !== null))];
  if (planIds.length > 0) {
    for (const plan of await db
      .selectFrom("company_plans")
      .select(["id", "name"])
      .where("id", "in", planIds)
      .execute())
      extras.plans.set(plan.id, plan.name);
  }
  extras.tags = await tagsOn(db, "company_tags", seqs);
  for (const row of await shownCompanyContacts(db)
    .select(["company_contacts.company_seq", (eb) => eb.fn.countAll<number>().as("n")])
    .where("company_contacts.company_seq", "in", seqs)
    .groupBy("company_contacts.company_seq")
    .execute())
    extras.contactCounts.set(row.company_seq, Number(row.n));
  return extras;
}

export async function companiesJson(db: Db, rows: readonly CompanyRow[], appIdCode: string) {
  const extras = await companyExtras(db, rows);
  return rows.map((row) => companyJson(row, extras, appIdCode));
}

export async function oneCompanyJson(db: Db, row: CompanyRow, appIdCode: string) {
  const [json] = await companiesJson(db, [row], appIdCode);
  return json as ReturnType<typeof companyJson>;
}

/**
 * The company's JSON read inside a write's transaction, for the webhook notification that change raises
 * (on SQLite a write holds the only connection, so nothing may read beside it).
 */
export async function companyObjectIn(trx: Trx, row: CompanyRow) {
  const idCode = await workspaceIdCode(trx, row.workspace_id);
  return oneCompanyJson(trx, row, idCode);
}
