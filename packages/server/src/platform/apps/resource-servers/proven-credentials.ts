import crypto from "node:crypto";
import type { Services } from "../../../core/services.ts";
import { TaggedCache } from "../../../core/tagged-cache.ts";
import type { ResourceServerRow } from "../../../storage/tables/resource-servers.ts";

/** The cache tag a resource server's credentials are kept under: rotating or deleting it publishes it. */
export function resourceServerTag(clientId: string): string {
  return `resource_server:${clientId}`;
}

/**
 * How long a proof is trusted without the database. Rotation and deletion evict at once through the
 * change feed; this bounds only how long a missed notification could matter.
 */
const TTL_MS = 30_000;
/** Resource servers are few; presenters of many distinct wrong-but-cached pairs cannot exist (misses are not kept). */
const MAX_ENTRIES = 1_000;

/**
 * Resource-server credentials that have already passed the constant-time check, so an introspection
 * (every request an API serves, when it introspects) does not pay a database round trip to prove its
 * caller again. Keyed by SHA-256 over a per-process random salt, the client id and the secret: nothing
 * in memory yields a secret, and a lookup reveals nothing of a stored HMAC by its timing. Only
 * successes are kept, under the resource server's tag (core/tagged-cache.ts: evicted at once on
 * rotation or deletion, never kept when a rotation lands mid-check).
 */
export class ProvenCredentials extends TaggedCache<ResourceServerRow> {
  readonly #salt = crypto.randomBytes(32).toString("base64url");

  constructor() {
    super({
      ttlMs: TTL_MS,
      maxEntries: MAX_ENTRIES,
      tagsOf: (server) => [resourceServerTag(server.client_id)],
    });
  }

  key(clientId: string, secret: string): string {
    return crypto.hash("sha256", `${this.#salt}\n${clientId}\n${secret}`, "base64url");
  }
}

// One per running Gatehouse (per Services), listening to its change feed from its first use: before
// that it holds nothing a change could make stale.
const provenOf = new WeakMap<Services, ProvenCredentials>();

export function provenCredentials(s: Services): ProvenCredentials {
  let proven = provenOf.get(s);
  if (!proven) {
    const created = new ProvenCredentials();
    s.changes.subscribe((tags) => created.invalidate(tags));
    provenOf.set(s, created);
    proven = created;
  }
  return proven;
}
