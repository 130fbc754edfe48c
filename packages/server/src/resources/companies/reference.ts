import { errors } from "../../core/errors.ts";
import type { Services, Trx } from "../../core/services.ts";
import { findOr404 } from "../kit/records.ts";

/**
 * The company a ticket or conversation request names by its Intercom `id` (not the caller's own
 * `company_id`, despite the field's name): its row number, or null where the request clears it.
 */
export async function companyNamed(
  db: Services["db"] | Trx,
  workspaceId: number,
  value: unknown,
  field = "company_id",
): Promise<number | null> {
  if (value === null) return null;
  if (typeof value !== "string") throw errors.parameterInvalid(`${field} must be a company's id`, field);
  const company = await findOr404(
    db.selectFrom("companies").select("seq").where("workspace_id", "=", workspaceId).where("id", "=", value),
    "Company",
  );
  return company.seq;
}
