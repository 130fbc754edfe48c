import type { ColumnType, Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Companies, their plans, tags and contacts. */
export interface CompaniesTables {
  company_plans: CompanyPlansTable;
  companies: CompaniesTable;
  company_contacts: CompanyContactsTable;
  company_tags: CompanyTagsTable;
}

/** The plans companies are on, one row per name in a workspace: what `plan.id` names. */
export interface CompanyPlansTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
}

export interface CompaniesTable {
  /** Internal order, for pages and scrolls. */
  seq: Generated<number>;
  /** Intercom-style public id: 24 hex characters. */
  id: string;
  workspace_id: number;
  /** The caller's own id for the company, unique in the workspace and fixed once set. */
  company_id: string;
  name: string | null;
  plan_id: number | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  monthly_spend: ColumnType<number, number | undefined, number>;
  session_count: ColumnType<number, number | undefined, number>;
  /** JSON object of the company's custom attributes. */
  custom_attributes: ColumnType<string, string | undefined, string>;
  /** Unix seconds, as the API speaks them. */
  remote_created_at: number | null;
  last_request_at: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface CompanyContactsTable {
  company_seq: number;
  contact_seq: number;
  attached_at: Millis;
}

export interface CompanyTagsTable {
  company_seq: number;
  tag_id: number;
  applied_at: Millis;
}

export type CompanyRow = Selectable<CompaniesTable>;
