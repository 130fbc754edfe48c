import { type CompanyExtras, companyExtras } from "../../domain/companies.ts";
import type { Services } from "../../domain/services.ts";
import type { CompanyRow } from "../../storage/companies-tables.ts";

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
    name: row.name,
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

/** Companies as JSON, their plans, tags and contact counts read in three queries for the lot. */
export async function companiesJson(s: Services, rows: readonly CompanyRow[], appIdCode: string) {
  const extras = await companyExtras(s, rows);
  return rows.map((row) => companyJson(row, extras, appIdCode));
}

export async function oneCompanyJson(s: Services, row: CompanyRow, appIdCode: string) {
  const [json] = await companiesJson(s, [row], appIdCode);
  return json;
}
