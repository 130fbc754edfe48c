import type { Services, Trx } from "../../core/services.ts";

/**
 * Ends every live session of an admin, inside the caller's transaction: after their password changes
 * (whoever may have known the old one is signed out) and when they leave their last workspace. Pages
 * look sessions up on every request, so the next request of each browser is signed out.
 * Returns how many live sessions were ended.
 */
export async function endAdminSessions(s: Services, trx: Trx, adminId: number): Promise<number> {
  const now = s.now();
  const ended = await trx
    .updateTable("sessions")
    .set({ ended_at: now })
    .where("admin_id", "=", adminId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}
