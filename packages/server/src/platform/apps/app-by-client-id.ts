import { EVERYTHING } from "../../core/changes.ts";
import type { Services } from "../../core/services.ts";
import { arg, CompiledStatement } from "../../storage/compiled-statement.ts";
import type { AppRow } from "../../storage/tables/apps.ts";

/**
 * How long an app row is trusted without the database. Every write to an app row publishes `app:<id>`
 * and evicts at once; this bounds only how long a missed notification could matter.
 */
const TTL_MS = 30_000;
/** Apps are few next to requests; past this many the oldest is dropped. Misses are never kept. */
const MAX_ENTRIES = 10_000;

const byClientId = new CompiledStatement<AppRow>((db) =>
  db.selectFrom("apps").selectAll().where("client_id", "=", arg(0)).where("deleted_at", "is", null),
);

interface Entry {
  app: Readonly<AppRow>;
  expiresAt: number;
}

/**
 * Live apps by client_id, for the OAuth endpoints that authenticate a client on every request (the
 * token exchange, revocation, introspection): the row, not the proof, is kept, so the secret is still
 * checked each time. Evicted by `app:<id>` through the change feed; a load that overlaps any eviction
 * is not kept (the generation moved), so a change landing mid-load cannot be undone by it.
 */
class AppsByClientId {
  readonly #entries = new Map<string, Entry>();
  #generation = 0;

  async get(s: Services, clientId: string): Promise<Readonly<AppRow> | undefined> {
    const now = Date.now();
    const entry = this.#entries.get(clientId);
    if (entry && entry.expiresAt > now) return entry.app;
    if (entry) this.#entries.delete(clientId);
    const loadedAt = this.#generation;
    const app = await byClientId.first(s, s.db, [clientId]);
    if (!app) return undefined;
    Object.freeze(app);
    if (loadedAt === this.#generation) {
      if (this.#entries.size >= MAX_ENTRIES)
        this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(clientId, { app, expiresAt: now + TTL_MS });
    }
    return app;
  }

  invalidate(tags: readonly string[]): void {
    const evicted = new Set<number>();
    for (const tag of tags) {
      if (tag === EVERYTHING) {
        this.#generation++;
        this.#entries.clear();
        return;
      }
      if (tag.startsWith("app:")) evicted.add(Number(tag.slice("app:".length)));
    }
    if (evicted.size === 0) return;
    this.#generation++;
    for (const [clientId, entry] of this.#entries)
      if (evicted.has(entry.app.id)) this.#entries.delete(clientId);
  }
}

// One per running Gatehouse (per Services), listening to its change feed from its first use.
const cacheOf = new WeakMap<Services, AppsByClientId>();

/** The live (not deleted) app with this client_id, from memory when it was read recently. */
export function cachedAppByClientId(s: Services, clientId: string): Promise<Readonly<AppRow> | undefined> {
  let cache = cacheOf.get(s);
  if (!cache) {
    const created = new AppsByClientId();
    s.changes.subscribe((tags) => created.invalidate(tags));
    cacheOf.set(s, created);
    cache = created;
  }
  return cache.get(s, clientId);
}
