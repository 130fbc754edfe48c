import type { Services } from "../../core/services.ts";
import { TaggedCache } from "../../core/tagged-cache.ts";
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

/**
 * Live apps by client_id, for the OAuth endpoints that authenticate a client on every request (the
 * token exchange, revocation, introspection): the row, not the proof, is kept, so the secret is still
 * checked each time. Kept under `app:<id>` (core/tagged-cache.ts: evicted at once by any write to the
 * app's row, never kept when a change lands mid-load); misses are not kept.
 */
class AppsByClientId {
  readonly #cache = new TaggedCache<Readonly<AppRow>>({
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    tagsOf: (app) => [`app:${app.id}`],
  });

  async get(s: Services, clientId: string): Promise<Readonly<AppRow> | undefined> {
    const known = this.#cache.get(clientId);
    if (known) return known;
    const loadedAt = this.#cache.generation;
    const app = await byClientId.first(s, s.db, [clientId]);
    if (!app) return undefined;
    Object.freeze(app);
    this.#cache.set(clientId, app, loadedAt);
    return app;
  }

  invalidate(tags: readonly string[]): void {
    this.#cache.invalidate(tags);
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
