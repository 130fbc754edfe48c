import crypto from "node:crypto";
import { type Services, write } from "../../core/services.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import { memberWorkspaceIds, raiseAdminEvent } from "./admins.ts";
import { recordSignInActivity } from "./sign-in.ts";

/** Admins stay signed in for twelve hours; the session is stored server-side and can be ended at once. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface NewSession {
  /** The cookie value: random, shown only to the browser; the database keeps its HMAC. */
  token: string;
  expiresAt: number;
}

function sessionHmac(s: Services, token: string): string {
  return s.keys.hmac(`session:${token}`);
}

export async function createSession(
  s: Services,
  adminId: number,
  client: { ip?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = s.now();
  await write(s, async (trx) => {
    await trx
      .insertInto("sessions")
      .values({
        token_hmac: sessionHmac(s, token),
        admin_id: adminId,
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
        ip: client.ip ?? null,
        user_agent: client.userAgent?.slice(0, 500) ?? null,
      })
      .execute();
    // One sign-in reaches every workspace the admin works in, as Intercom's `admin.logged_in` does.
    await raiseAdminEvent(s, trx, adminId, "admin.logged_in", await memberWorkspaceIds(trx, adminId));
    await recordSignInActivity(s, trx, adminId, "admin.login_succeeded", client.ip ?? null);
  });
  return { token, expiresAt: now + SESSION_TTL_MS };
}

/** The signed-in admin for a session cookie, if the session is live. */
export async function findSessionAdmin(
  s: Services,
  token: string | undefined,
): Promise<AdminRow | undefined> {
  if (!token || token.length > 100) return undefined;
  return s.db
    .selectFrom("sessions")
    .innerJoin("admins", "admins.id", "sessions.admin_id")
    .selectAll("admins")
    .where("sessions.token_hmac", "=", sessionHmac(s, token))
    .where("sessions.ended_at", "is", null)
    .where("sessions.expires_at", ">", s.now())
    .executeTakeFirst();
}

/**
 * Signs out. Only ending a live session raises `admin.logged_out`: signing out again, or out of a
 * session that had already expired, ends nothing the admin was still signed in to.
 */
export async function endSession(s: Services, token: string | undefined): Promise<void> {
  if (!token) return;
  const now = s.now();
  await write(s, async (trx) => {
    const ended = await trx
      .updateTable("sessions")
      .set({ ended_at: now })
      .where("token_hmac", "=", sessionHmac(s, token))
      .where("ended_at", "is", null)
      .returning(["admin_id", "expires_at"])
      .executeTakeFirst();
    if (!ended || ended.expires_at <= now) return;
    await raiseAdminEvent(
      s,
      trx,
      ended.admin_id,
      "admin.logged_out",
      await memberWorkspaceIds(trx, ended.admin_id),
    );
  });
}
