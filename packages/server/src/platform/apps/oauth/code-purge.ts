import type { Logger } from "pino";
import { type Poller, type RetentionSettings, retentionPurger } from "../../../core/poller.ts";
import { type Services, write } from "../../../core/services.ts";

const BATCH = 500;

/**
 * Deletes the authorization codes, used or not, whose lifetime ended more than `retentionMs` ago. Such a
 * code can do nothing any more (a replay after the lifetime revokes nothing), so only its record goes;
 * the token it issued stays and forgets which code it came from. Returns how many were deleted.
 * Instances may run this side by side: a code deleted twice is deleted once.
 */
export async function purgeAuthorizationCodes(s: Services, retentionMs: number): Promise<number> {
  const cutoff = s.now() - retentionMs;
  return write(s, async (trx) => {
    const old = await trx
      .selectFrom("authorization_codes")
      .select("id")
      .where("expires_at", "<", cutoff)
      .orderBy("expires_at")
      .limit(BATCH)
      .execute();
    if (old.length === 0) return 0;
    const ids = old.map((code) => code.id);
    await trx
      .updateTable("access_tokens")
      .set({ authorization_code_id: null })
      .where("authorization_code_id", "in", ids)
      .execute();
    const deleted = await trx.deleteFrom("authorization_codes").where("id", "in", ids).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

/**
 * How long a code is kept after its ten-minute lifetime, for the activity trail of replays (a code does
 * nothing once its lifetime is over: a replay then revokes nothing, so this is about records only), and
 * how often each instance deletes the codes past it.
 */
export type OAuthCodeSettings = RetentionSettings;

/** Purges old codes on a timer: every serving instance runs one. */
export function codePurger(s: Services, logger: Logger, settings: OAuthCodeSettings): Poller {
  return retentionPurger(
    "authorization code purge",
    (retentionMs) => purgeAuthorizationCodes(s, retentionMs),
    settings,
    { batch: BATCH, logger },
  );
}
