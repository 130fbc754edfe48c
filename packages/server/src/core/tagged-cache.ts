import { EVERYTHING } from "./changes.ts";

interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: string[];
}

/**
 * What a hot path keeps in memory (verified tokens, app rows, proven credentials), each entry under the
 * change-feed tags (`token:7`, `app:3`, …) of the facts it was built from. Correct on change: every write
 * publishes the tags it touches and matching entries go at once; the TTL only bounds how long a missed
 * notification could matter. A load that overlaps any invalidation is not kept, so a change that lands
 * mid-load cannot be undone by the load finishing late.
 */
export class TaggedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #keysByTag = new Map<string, Set<string>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  #generation = 0;

  readonly #tagsOf: (value: V) => string[];

  constructor(options: { ttlMs: number; maxEntries: number; tagsOf: (value: V) => string[] }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#tagsOf = options.tagsOf;
  }

  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#remove(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Stores a value loaded when the generation was `loadedAt` (refused if anything changed since), until
   * the TTL ends or `until`, whichever is sooner.
   */
  set(key: string, value: V, loadedAt: number, now = Date.now(), until = Number.POSITIVE_INFINITY): void {
    if (loadedAt !== this.#generation || this.#ttlMs === 0 || this.#maxEntries === 0) return;
    this.#remove(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#remove(oldest);
    }
    const tags = this.#tagsOf(value);
    this.#entries.set(key, { value, expiresAt: Math.min(now + this.#ttlMs, until), tags });
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
