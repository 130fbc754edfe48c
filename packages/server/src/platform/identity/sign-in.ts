import { type Services, type Trx, write } from "../../core/services.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import { recordActivity } from "../services/audit.ts";
import { findAdminByEmail, memberWorkspaceIds } from "./admins.ts";
import { verifyPassword } from "./passwords.ts";

/** Intercom's `sign_in_method` for the hub's form (its activity log metadata names the same). */
const SIGN_IN_METHOD = "email_password";

/**
 * The admin for these credentials, or undefined; as slow for an unknown email as for a wrong password.
 * A wrong password for a real admin is written to the activity log of each of their workspaces
 * (Intercom's `admin_login_failure`), with the address it came from, so that they see someone trying.
 * The caller has already counted the attempt (see platform/services/limits/sign-in-attempts.ts), so a guesser cannot
 * write more entries than the sign-in budgets allow.
 */
export async function checkCredentials(
  s: Services,
  attempt: { email: string; password: string; ip: string | null },
): Promise<AdminRow | undefined> {
  const admin = await findAdminByEmail(s, attempt.email);
  const ok = await verifyPassword(admin?.password_hash ?? null, attempt.password);
  if (ok && admin) return admin;
  if (admin) {
    await write(s, (trx) => recordSignInActivity(s, trx, admin.id, "admin.login_failed", attempt.ip));
  }
  return undefined;
}

/** An admin's sign-in (or failed one), in the log of every workspace they belong to. */
export async function recordSignInActivity(
  s: Services,
  trx: Trx,
  adminId: number,
  action: "admin.login_failed" | "admin.login_succeeded",
  ip: string | null,
): Promise<void> {
  for (const workspaceId of await memberWorkspaceIds(trx, adminId)) {
    await recordActivity(s, trx, {
      workspaceId,
      adminId,
      action,
      details: { sign_in_method: SIGN_IN_METHOD },
      ip,
    });
  }
}
