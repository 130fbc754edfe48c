/**
 * Slows down password guessing: after `freeAttempts` failures for one key (an email, an address) within
 * the window, further attempts are refused until the oldest counted failure leaves the window. Kept in memory: each instance
 * counts on its own (Redis-backed limits come with the rate-limit work).
 */
export class SignInThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #windowMs: number;
  readonly #freeAttempts: number;

  constructor(options: { windowMs?: number; freeAttempts?: number } = {}) {
    this.#windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.#freeAttempts = options.freeAttempts ?? 5;
  }

  /** Milliseconds until another attempt is allowed for any of these keys; 0 when allowed now. */
  retryAfter(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      if (recent.length >= this.#freeAttempts) {
        wait = Math.max(wait, (recent[recent.length - this.#freeAttempts] as number) + this.#windowMs - now);
      }
    }
    return wait;
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) this.#failures.set(key, [...this.#recent(key, now), now]);
    if (this.#failures.size > 100_000) this.#failures.clear();
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => t > now - this.#windowMs);
  }
}
