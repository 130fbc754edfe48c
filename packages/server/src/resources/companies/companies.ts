import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type { CompanyRow } from "../../storage/tables/companies.ts";
import { companyDeletedItem } from "../../wire/company.ts";
import type { CompanyBody } from "../../wire/company-input.ts";
import { type AttributeValue, withAttributes } from "../kit/custom-attributes.ts";
import { notFound } from "../kit/missing.ts";
import { deleteOr404 } from "../kit/records.ts";
import { companyObjectIn } from "./present.ts";

/** The writable fields of a company, as Intercom's create-or-update and update payloads name them. */
export type CompanyInput = CompanyBody;

const MAX_INT = 2 ** 31 - 1;

type Checked = Partial<{
  name: string | null;
  plan: string | null;
  size: number | null;
  website: string | null;
  industry: string | null;
  monthly_spend: number;
  remote_created_at: number | null;
  custom_attributes: Record<string, AttributeValue>;
}>;

function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== "string") throw errors.parameterInvalid(`${field} must be a string`, field);
  if (value.length > max) throw errors.parameterInvalid(`${field} must be at most ${max} characters`, field);
  return value;
}

/** The caller's own id for a company: text (a whole number is taken as its digits), never empty. */
export function externalCompanyId(value: unknown, field = "company_id"): string {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== "string") throw errors.parameterInvalid(`${field} must be a string`, field);
  if (text.trim() === "") throw errors.parameterNotFound(`${field} is required`, field);
  if (text.length > 255) throw errors.parameterInvalid(`${field} must be at most 255 characters`, field);
  return text;
}

function check(input: CompanyInput): Checked {
  const out: Checked = {};
  if (input.name !== undefined) out.name = optionalText(input.name, "name", 255);
  if (input.plan !== undefined) {
    const plan = optionalText(input.plan, "plan", 255);
    out.plan = plan === null || plan.trim() === "" ? null : plan.trim();
  }
  if (input.website !== undefined) out.website = optionalText(input.website, "website", 2000);
  if (input.industry !== undefined) out.industry = optionalText(input.industry, "industry", 255);
  if (input.size !== undefined) {
    const size = input.size;
    if (size !== null && (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > MAX_INT))
      throw errors.parameterInvalid("size must be a whole number of employees", "size");
    out.size = size;
  }
  if (input.monthly_spend !== undefined) {
    const spend = input.monthly_spend;
    // Intercom keeps whole amounts: 155.98 is stored as 155.
    if (
      spend !== null &&
      (typeof spend !== "number" || !Number.isFinite(spend) || spend < 0 || spend > MAX_INT)
    )
      throw errors.parameterInvalid(`monthly_spend must be a number from 0 to ${MAX_INT}`, "monthly_spend");
    out.monthly_spend = spend === null ? 0 : Math.trunc(spend);
  }
  if (input.remote_created_at !== undefined) {
    const at = input.remote_created_at;
    if (at !== null && (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at > 1e11))
      throw errors.parameterInvalid(
        "remote_created_at must be a Unix timestamp in seconds",
        "remote_created_at",
      );
    out.remote_created_at = at;
  }
  // Checked at the door (wire/custom-attribute-input.ts), as wherever custom attributes are taken.
  if (input.custom_attributes !== undefined) out.custom_attributes = input.custom_attributes;
  return out;
}

/** The plan of that name in the workspace, made on first use: plans are named, Intercom gives them ids. */
async function planId(trx: Trx, workspaceId: number, name: string | null): Promise<number | null> {
  if (name === null) return null;
  const existing = await trx
    .selectFrom("company_plans")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await trx
    .insertInto("company_plans")
    .values({ workspace_id: workspaceId, name })
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}

/** The columns a checked input sets; custom attributes are merged into those already kept. */
async function columns(trx: Trx, workspaceId: number, fields: Checked, current?: CompanyRow) {
  const { plan, custom_attributes: attributes, ...plain } = fields;
  return {
    ...plain,
    ...(plan !== undefined && { plan_id: await planId(trx, workspaceId, plan) }),
    ...(attributes !== undefined && {
      custom_attributes: JSON.stringify(
        current ? withAttributes(current.custom_attributes, attributes) : attributes,
      ),
    }),
  };
}

/** The workspace's companies, as every read of them starts. */
export function companies(db: Services["db"] | Trx, workspaceId: number) {
  return db.selectFrom("companies").selectAll().where("workspace_id", "=", workspaceId);
}

/** A read of the company a write changes, holding its row until the write ends (PostgreSQL; SQLite's writes run alone). */
function locked(s: Services, query: ReturnType<typeof companies>) {
  return s.dialect === "postgres" ? query.forUpdate() : query;
}

/**
 * Intercom's `POST /companies`: the company with this `company_id` is updated, or made when there is
 * none. A company given only a name is always a new one; its `company_id` is then its own id.
 */
export async function createOrUpdateCompany(
  s: Services,
  workspaceId: number,
  input: CompanyInput,
): Promise<{ company: CompanyRow; created: boolean }> {
  const given = input.company_id === undefined || input.company_id === null ? undefined : input.company_id;
  if (given === undefined && (input.name === undefined || input.name === null))
    throw errors.parameterNotFound("Create a company with a company_id or a name", "company_id");
  const companyId = given === undefined ? undefined : externalCompanyId(given);
  const fields = check(input);
  const attempt = () =>
    write(s, async (trx) => {
      const now = s.now();
      // Either way the change is announced (`company.created` or `company.updated`) with the company as saved.
      const announce = async (company: CompanyRow, created: boolean) => {
        const topic = created ? "company.created" : "company.updated";
        await s.outbox.raise(trx, { workspaceId, topic, item: () => companyObjectIn(trx, company) });
        return { company, created };
      };
      // Custom attributes are merged under the row's lock (PostgreSQL), so writes at once keep each other's.
      const current =
        companyId === undefined
          ? undefined
          : await locked(
              s,
              companies(trx, workspaceId).where("company_id", "=", companyId),
            ).executeTakeFirst();
      if (current) {
        const company = await trx
          .updateTable("companies")
          .set({ ...(await columns(trx, workspaceId, fields, current)), updated_at: now })
          .where("seq", "=", current.seq)
          .returningAll()
          .executeTakeFirstOrThrow();
        return announce(company, false);
      }
      const id = crypto.randomBytes(12).toString("hex");
      const company = await trx
        .insertInto("companies")
        .values({
          id,
          workspace_id: workspaceId,
          company_id: companyId ?? id,
          ...(await columns(trx, workspaceId, fields)),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return announce(company, true);
    });
  try {
    return await attempt();
  } catch (error) {
    // Two requests made the same company at once: the loser's write becomes an update of the winner's.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export async function findCompany(s: Services, workspaceId: number, id: string): Promise<CompanyRow> {
  const row = await companies(s.db, workspaceId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Company");
  return row;
}

/** `GET /companies?company_id=` or `?name=`: one company; of several sharing a name, the oldest. */
export async function lookUpCompany(
  s: Services,
  workspaceId: number,
  by: { company_id?: string; name?: string },
): Promise<CompanyRow> {
  let query = companies(s.db, workspaceId);
  if (by.company_id !== undefined) query = query.where("company_id", "=", by.company_id);
  else if (by.name !== undefined) query = query.where("name", "=", by.name);
  else throw errors.parameterNotFound("Look a company up by company_id or name", "company_id");
  const row = await query.orderBy("seq").limit(1).executeTakeFirst();
  if (!row) throw notFound("Company");
  return row;
}

/** Intercom's `PUT /companies/{id}`: every field but `company_id`, which is fixed once set. */
export async function updateCompany(
  s: Services,
  workspaceId: number,
  id: string,
  input: CompanyInput,
): Promise<CompanyRow> {
  const fields = check(input);
  return write(s, async (trx) => {
    const current = await locked(s, companies(trx, workspaceId).where("id", "=", id)).executeTakeFirst();
    if (!current) throw notFound("Company");
    const company = await trx
      .updateTable("companies")
      .set({ ...(await columns(trx, workspaceId, fields, current)), updated_at: s.now() })
      .where("seq", "=", current.seq)
      .returningAll()
      .executeTakeFirstOrThrow();
    await s.outbox.raise(trx, {
      workspaceId,
      topic: "company.updated",
      item: () => companyObjectIn(trx, company),
    });
    return company;
  });
}

/** Deletes the company; its contacts stay, detached from it. */
export async function deleteCompany(s: Services, workspaceId: number, id: string): Promise<CompanyRow> {
  return write(s, async (trx) => {
    const row = await companies(trx, workspaceId).where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("Company");
    // Only the delete that removed the row answers and notifies (see deleteContact).
    await deleteOr404(trx.deleteFrom("companies").where("seq", "=", row.seq), "Company");
    // Intercom notifies a deletion with the company's id alone, as recorded notifications show.
    await s.outbox.raise(trx, { workspaceId, topic: "company.deleted", item: companyDeletedItem(row) });
    return row;
  });
}
