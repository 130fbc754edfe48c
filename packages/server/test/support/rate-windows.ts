import { setTimeout as sleep } from "node:timers/promises";

/** Intercom's rate-limit windows: 10 seconds, aligned to the epoch (as the server counts them). */
export const WINDOW_MS = 10_000;

/**
 * Waits, when the current window has less than `needMs` left, for the next one to begin: a burst that
 * asserts exact counts must fall within one window. Costs at most `needMs`.
 */
export async function roomInWindow(needMs = 5000): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < needMs) await sleep(left + 50);
}
