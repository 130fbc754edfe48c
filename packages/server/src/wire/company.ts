import type { CompanyRow } from "../storage/tables/companies.ts";
import type { TagRow } from "../storage/tables/tags.ts";

/** What a company's JSON shows beyond its row: its plan's name, its tags, how many contacts it has. */
export interface CompanyExtras {
  plans: Map<number, string>;
  tags: Map<number, TagRow[]>;
  contactCounts: Map<number, number>;
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
