import type { CustomAttributes } from "./common.ts";
import type { Tag } from "./tag.ts";

/**
 * Intercom's `company`. Fields never set (`size`, `website`, `industry`, `remote_created_at`,
 * `last_request_at`) are left out rather than null; `plan` is `{}` without a plan.
 */
export interface Company {
  type: "company";
  id: string;
  company_id: string;
  app_id: string;
  name: string | null;
  remote_created_at?: number;
  created_at: number;
  updated_at: number;
  last_request_at?: number;
  size?: number;
  website?: string;
  industry?: string;
  monthly_spend: number;
  session_count: number;
  user_count: number;
  tags: { type: "tag.list"; tags: Tag[] };
  segments: { type: "segment.list"; segments: unknown[] };
  plan: { type: "plan"; id: string; name: string } | Record<string, never>;
  custom_attributes: CustomAttributes;
}

/** `POST /companies`: creates the company `company_id` names, or updates it. */
export interface CompanyCreateOrUpdate {
  company_id?: string;
  name?: string | null;
  plan?: string | null;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  monthly_spend?: number | null;
  remote_created_at?: number | null;
  custom_attributes?: CustomAttributes;
}

/** `PUT /companies/{id}`. */
export type CompanyUpdate = Omit<CompanyCreateOrUpdate, "company_id">;
