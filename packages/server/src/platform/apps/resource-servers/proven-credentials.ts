import crypto from "node:crypto";
import { EVERYTHING } from "../../../core/changes.ts";
import type { Services } from "../../../core/services.ts";
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

interface Entry {
  server: ResourceServerRow;
  expiresAt: number;
}

/**
 * Resource-server credentials that have already passed the constant-time check, so an introspection
 * (every request an API serves, when it introspects) does not pay a database round trip to prove its
 * caller again. Keyed by SHA-256 over a per-process random salt, the client id and the secret: nothing
 * in memory yields a secret, and a lookup reveals nothing of a stored HMAC by its timing. Only
 * successes are kept. A load that overlaps any invalidation is not kept (the generation moved), so a
 * rotation landing mid-check cannot be undone by the check finishing late.
 */
export class ProvenCredentials {
  readonly #salt = crypto.randomBytes(32).toString("base64url");
  readonly #entries = new Map<string, Entry>();
  #generation = 0;

  get generation(): number {
    return this.#generation;
  }

  key(clientId: string, secret: string): string {
    return crypto.hash("sha256", `${this.#salt}\n${clientId}\n${secret}`, "base64url");
  }

  get(key: string, now: number): ResourceServerRow | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.server;
  }

  /** Keeps a proof until `until` at the latest (a previous secret's overlap end), if nothing changed since `loadedAt`. */
  set(key: string, server: ResourceServerRow, loadedAt: number, now: number, until = Infinity): void {
    if (loadedAt !== this.#generation) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { server, expiresAt: Math.min(now + TTL_MS, until) });
  }

  invalidate(tags: readonly string[]): void {
    const evicted = new Set<string>();
    for (const tag of tags) {
      if (tag === EVERYTHING) {
        this.#generation++;
        this.#entries.clear();
        return;
      }
      if (tag.startsWith("resource_server:")) evicted.add(tag.slice("resource_server:".length));
    }
    if (evicted.size === 0) return;
    this.#generation++;
    for (const [key, entry] of this.#entries)
      if (evicted.has(entry.server.client_id)) this.#entries.delete(key);
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
