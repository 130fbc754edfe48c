/**
 * At most `limit` pieces of expensive work (argon2 verifications) in flight in this process. A caller
 * beyond the limit is turned away at once rather than queued: a queue would let a flood of sign-ins
 * pile up memory (19 MiB per verification) and latency for everyone, where a refusal costs nothing.
 */
export class ConcurrencyGate {
  readonly #limit: number;
  #inFlight = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** A function that gives the place back (call it exactly once), or undefined when the gate is full. */
  tryEnter(): (() => void) | undefined {
    if (this.#inFlight >= this.#limit) return undefined;
    this.#inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
    };
  }
}
