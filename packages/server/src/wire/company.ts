import type { Kysely } from "kysely";
import type { Trx } from "../core/services.ts";
import type { Database } from "../storage/schema.ts";
import type { CompanyRow } from "../storage/tables/companies.ts";
import type { TagRow } from "../storage/tables/tags.ts";

type Db = Kysely<Database> | Trx;

export interface CompanyExtras {
  plans: Map<number, string>;
  tags: Map<number, TagRow[]>;
  contactCounts: Map<number, number>;
}

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
  for (const row of await db
    .selectFrom("company_tags")
    .innerJoin("tags", "tags.id", "company_tags.tag_id")
    .selectAll("tags")
    .select("company_tags.company_seq")
    .where("company_tags.company_seq", "in", seqs)
    .orderBy("tags.id")
    .execute()) {
    const { company_seq, ...tag } = row;
    const list = extras.tags.get(company_seq) ?? [];
    list.push(tag);
    extras.tags.set(company_seq, list);
  }
  for (const row of await db
    .selectFrom("company_contacts")
    .innerJoin("contacts", "contacts.seq", "company_contacts.contact_seq")
    .select(["company_contacts.company_seq", (eb) => eb.fn.countAll<number>().as("n")])
    .where("company_contacts.company_seq", "in", seqs)
    .where("contacts.archived", "=", false)
    .groupBy("company_contacts.company_seq")
    .execute())
    extras.contactCounts.set(row.company_seq, Number(row.n));
  return extras;
}

/**
 * Intercom's `company` object. Fields never set (size, website, industry, remote_created_at,
 * last_request_at) are left out, as Intercom leaves them out; `plan` is `{}` without a plan. Segments
 * hold contacts in Gatehouse, so a company's segment list is empty.
 */
export function companyJson(row: CompanyRow, extras: CompanyExtras, appIdCode: string) {
  const plan = row.plan_id === null ? undefined : extras.plans.get(row.plan_id);
  return {
    type: "company" as const,
    company_id: row.company_id,
    id: row.id,
    app_id: appIdCode,
    // 2.14 types the name as a string: a company made with only its company_id has an empty one.
    name: row.name ?? "",
    ...(row.remote_created_at !== null && { remote_created_at: row.remote_created_at }),
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    ...(row.last_request_at !== null && { last_request_at: row.last_request_at }),
    ...(row.size !== null && { size: row.size }),
    ...(row.website !== null && { website: row.website }),
    ...(row.industry !== null && { industry: row.industry }),
    monthly_spend: Number(row.monthly_spend),
    session_count: row.session_count,
    user_count: extras.contactCounts.get(row.seq) ?? 0,
    tags: {
      type: "tag.list" as const,
      tags: (extras.tags.get(row.seq) ?? []).map((t) => ({ type: "tag", id: String(t.id), name: t.name })),
    },
    segments: { type: "segment.list" as const, segments: [] },
    plan:
      plan === undefined || row.plan_id === null ? {} : { type: "plan", id: String(row.plan_id), name: plan },
    custom_attributes: JSON.parse(row.custom_attributes) as Record<string, unknown>,
  };
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
  const workspace = await trx
    .selectFrom("workspaces")
    .select("id_code")
    .where("id", "=", row.workspace_id)
    .executeTakeFirstOrThrow();
  return oneCompanyJson(trx, row, workspace.id_code);
}
