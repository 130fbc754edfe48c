import type { Logger } from "pino";
import { Poller } from "../../core/poller.ts";
import { type Services, write } from "../../core/services.ts";
import { openDraft, saveDraft } from "./ledger.ts";

const BATCH = 50;

/**
 * Wakes the conversations whose snooze has run out: each opens again with Intercom's `timer_unsnooze`
 * part and raises `conversation.admin.unsnoozed`, when the snooze ends rather than whenever some later
 * write happens by. Instances may run this side by side: the wake is a write that reads the
 * conversation locked and wakes it only if it is still asleep, so each snooze ends once.
 * Returns how many it woke.
 */
export async function wakeLapsedSnoozes(s: Services, logger?: Logger): Promise<number> {
  const due = await s.db
    .selectFrom("conversations")
    .select(["workspace_id", "id"])
    .where("state", "=", "snoozed")
    .where("snoozed_until", "<=", s.now())
    .orderBy("snoozed_until")
    .limit(BATCH)
    .execute();
  let woken = 0;
  for (const conversation of due) {
    try {
      const saved = await write(s, async (trx) => {
        const d = await openDraft(s, trx, conversation.workspace_id, conversation.id);
        return d.woken ? saveDraft(s, trx, d) : undefined;
      });
      if (saved) woken++;
    } catch (error) {
      // Deleted meanwhile, or a passing database error: the next round tries again if still due.
      logger?.warn({ err: error, conversation: conversation.id }, "could not wake a snoozed conversation");
    }
  }
  return woken;
}

/** Wakes lapsed snoozes on a timer: every serving instance runs one. */
export function snoozeTimer(s: Services, logger: Logger, pollMs: number): Poller {
  return new Poller("snooze wake", () => wakeLapsedSnoozes(s, logger), { pollMs, batch: BATCH, logger });
}
