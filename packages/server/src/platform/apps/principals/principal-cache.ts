import { EVERYTHING } from "../../../core/changes.ts";
import { type Principal, principalTags } from "./principal.ts";

interface Entry {
  principal: Principal;
  expiresAt: number;
  tags: string[];
}

/**
 * Verified tokens, keyed by a one-way hash of the token, so the hot path answers from memory. Correct on revoke:
 * every change publishes the tags it touches and matching entries go at once; the TTL only bounds how
 * long a missed notification could matter. A load that overlaps any invalidation is not cached, so a
 * revoke that lands mid-load cannot be undone by the load finishing late.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, Entry>();
  readonly #keysByTag = new Map<string, Set<string>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #generation = 0;

  constructor(options: { ttlMs: number; maxEntries: number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
  }

  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, now = Date.now()): Principal | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#remove(key);
      return undefined;
    }
    return entry.principal;
  }

  /** Stores a principal loaded when the generation was `loadedAt`; refused if anything changed since. */
  set(key: string, principal: Principal, loadedAt: number, now = Date.now()): void {
    if (loadedAt !== this.#generation || this.#ttlMs === 0 || this.#maxEntries === 0) return;
    this.#remove(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#remove(oldest);
    }
    const tags = principalTags(principal);
    this.#entries.set(key, { principal, expiresAt: now + this.#ttlMs, tags });
    for (const tag of tags) {
      const keys = this.#keysByTag.get(tag);
      if (keys) keys.add(key);
      else this.#keysByTag.set(tag, new Set([key]));
    }
  }

  invalidate(tags: readonly string[]): void {
    this.#generation++;
    if (tags.includes(EVERYTHING)) {
      this.#entries.clear();
      this.#keysByTag.clear();
      return;
    }
    for (const tag of tags) {
      const keys = this.#keysByTag.get(tag);
      if (keys) for (const key of [...keys]) this.#remove(key);
    }
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.#keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#keysByTag.delete(tag);
    }
  }
}
