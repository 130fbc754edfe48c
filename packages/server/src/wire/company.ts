import { type Static, Type } from "typebox";
import type { CompanyRow } from "../storage/tables/companies.ts";
import type { TagRow } from "../storage/tables/tags.ts";
import { Nullable, NumberedPages, Timestamp } from "./common.ts";
import { Contact, CustomAttributes } from "./contact.ts";
import { Tag } from "./tag.ts";

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
export const Company = Type.Object({
  type: Type.Literal("company"),
  company_id: Type.String(),
  id: Type.String(),
  app_id: Type.String(),
  name: Type.String(),
  remote_created_at: Type.Optional(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
  last_request_at: Type.Optional(Timestamp),
  size: Type.Optional(Type.Integer()),
  website: Type.Optional(Type.String()),
  industry: Type.Optional(Type.String()),
  monthly_spend: Type.Number(),
  session_count: Type.Integer(),
  user_count: Type.Integer(),
  tags: Type.Object({ type: Type.Literal("tag.list"), tags: Type.Array(Tag) }),
  segments: Type.Object({ type: Type.Literal("segment.list"), segments: Type.Array(Type.Never()) }),
  plan: Type.Union([
    Type.Object({ type: Type.Literal("plan"), id: Type.String(), name: Type.String() }),
    Type.Object({}),
  ]),
  custom_attributes: CustomAttributes,
});
export type Company = Static<typeof Company>;

/** Intercom's offset `pages` of companies: `next` is the next page's address, null on the last. */
const CompanyPages = Type.Object({ ...NumberedPages.properties, next: Nullable(Type.String()) });

/** `GET /companies`, `POST /companies/list`: a numbered page of companies. */
export const CompanyList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Company),
  pages: CompanyPages,
  total_count: Type.Integer(),
});

/** `GET /contacts/{id}/companies`: the list under both names Intercom uses for it. */
export const ContactCompanyList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Company),
  companies: Type.Array(Company),
  pages: CompanyPages,
  total_count: Type.Integer(),
});

/** `GET /companies/scroll`: a page of companies and the parameter for the next (none when done). */
export const CompanyScroll = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Company),
  pages: Type.Null(),
  total_count: Type.Null(),
  scroll_param: Type.Optional(Type.String()),
});

/** What `DELETE /companies/{id}` answers: Intercom's `deleted_company_object` names it `object`. */
export const DeletedCompany = Type.Object({
  id: Type.String(),
  object: Type.Literal("company"),
  deleted: Type.Literal(true),
});

/** The item of `company.deleted`: Intercom notifies a deletion with the company's id alone. */
export const CompanyDeletedItem = Type.Object({
  type: Type.Literal("company"),
  id: Type.String(),
  deleted: Type.Literal(true),
});

export function companyDeletedItem(row: CompanyRow): Static<typeof CompanyDeletedItem> {
  return { type: "company", id: row.id, deleted: true };
}

export function companyJson(row: CompanyRow, extras: CompanyExtras, appIdCode: string): Company {
  const plan = row.plan_id === null ? undefined : extras.plans.get(row.plan_id);
  return {
    type: "company",
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
      type: "tag.list",
      tags: (extras.tags.get(row.seq) ?? []).map((t) => ({ type: "tag", id: String(t.id), name: t.name })),
    },
    segments: { type: "segment.list", segments: [] },
    plan:
      plan === undefined || row.plan_id === null ? {} : { type: "plan", id: String(row.plan_id), name: plan },
    custom_attributes: JSON.parse(row.custom_attributes) as Company["custom_attributes"],
  };
}

/** The item of `company.contact.attached` and `.detached`: the company and the contact, as they now are. */
export const CompanyContactItem = Type.Object({ company: Company, contact: Contact });

export function companyContactItem(company: Company, contact: Contact): Static<typeof CompanyContactItem> {
  return { company, contact };
}
