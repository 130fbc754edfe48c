import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterRes } from "rate-limiter-flexible";

/** How many sign-in attempts may fail in a quarter of an hour (see docs/security.md, "Sign-in"). */
export interface SignInBudgets {
  /** Per email from one address: what one guesser gets against one admin. */
  perEmailAndAddress: number;
  /** Per email across all addresses: the ceiling a guesser spread over many addresses reaches. */
  perEmail: number;
  /** Per address across all emails: one address trying many admins. */
  perAddress: number;
}

/** The quarter of an hour every sign-in budget is counted over. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

/** What an attempt was allowed: its ticket to settle once the password has been checked. */
export type SignInAttempt =
  | { allowed: true; succeeded(): Promise<void>; notChecked(): Promise<void> }
  | { allowed: false; retryAfterMs: number };

type Limiter = RateLimiterAbstract;

/**
 * Sign-in attempts, counted BEFORE the password is checked: each attempt atomically takes one point
 * from every budget (a Redis INCR when Redis is configured), so twenty guesses at once cannot all get
 * past a budget of five. A failure keeps its points; a success, or an attempt never checked, gives
 * them back. A guesser's attempts therefore use up their own (email, address) budget first and cannot
 * lock the owner out at another address; only the much larger per-email ceiling is shared.
 */
export class SignInAttempts {
  readonly #pair: Limiter;
  readonly #email: Limiter;
  readonly #address: Limiter;

  constructor(limiters: { pair: Limiter; email: Limiter; address: Limiter }) {
    this.#pair = limiters.pair;
    this.#email = limiters.email;
    this.#address = limiters.address;
  }

  async begin(email: string, address: string): Promise<SignInAttempt> {
    const pair = JSON.stringify([email, address]);
    // The narrowest budget first: once a guesser's own budget is spent, their further attempts stop
    // there and take nothing from the per-email ceiling that the owner shares.
    const budgets: Array<[Limiter, string]> = [
      [this.#pair, pair],
      [this.#address, address],
      [this.#email, email],
    ];
    const taken: Array<[Limiter, string]> = [];
    for (const [limiter, key] of budgets) {
      try {
        await limiter.consume(key);
        taken.push([limiter, key]);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        await giveBack(taken);
        return { allowed: false, retryAfterMs: rejection.msBeforeNext };
      }
    }
    return {
      allowed: true,
      // The owner got in: the failures from their own address are forgiven; the shared budgets get
      // back only this attempt's point, so a success elsewhere cannot reset a guesser's count.
      succeeded: async () => {
        await Promise.all([
          this.#pair.delete(pair).catch(() => false),
          giveBack(taken.filter(([limiter]) => limiter !== this.#pair)),
        ]);
      },
      notChecked: () => giveBack(taken),
    };
  }
}

async function giveBack(taken: ReadonlyArray<[Limiter, string]>): Promise<void> {
  await Promise.all(taken.map(([limiter, key]) => limiter.reward(key, 1).catch(() => undefined)));
}
