import crypto from "node:crypto";
import type { Services } from "../../../core/services.ts";
import type { Key } from "../../services/crypto/keyring.ts";
import { parseSecret } from "../tokens/token-format.ts";
import type { Principal } from "./principal.ts";
import { loadPrincipal } from "./principal-lookup.ts";

/** No Gatehouse secret is this long: a longer string goes to the format test before it is hashed. */
const MAX_TOKEN_LENGTH = 128;

/**
 * The API's hot path: token string in, principal (or nothing) out. A token the cache knows costs one
 * salted hash and a map lookup. Anything else must pass the format and checksum test (no I/O) before
 * any further work; only then does a cache miss reach the database, and concurrent misses for one
 * token share a single load.
 */
export class TokenAuthenticator {
  readonly #s: Services;
  readonly #loading = new Map<string, Promise<Principal | undefined>>();
  /**
   * The in-memory cache is keyed by SHA-256 over a random per-process salt and the token: as one-way
   * as the stored HMAC (a memory dump yields no token), at a quarter of its cost. The HMAC, which the
   * database is searched by, is computed only on a miss.
   */
  readonly #salt = crypto.randomBytes(32).toString("base64url");

  constructor(services: Services) {
    this.#s = services;
  }

  /**
   * Answers synchronously when it can (a malformed token, a cache hit), so the hot path allocates no
   * promise; a cache miss returns the pending load.
   */
  authenticate(token: string): Principal | undefined | Promise<Principal | undefined> {
    // A cached principal was stored under the hash of a token that passed the format and checksum
    // test below, and the hash names that exact string: a hit needs no second test. (The test cost
    // as much as the hash itself.) Overlong strings are not hashed at all; the test refuses them.
    const key = token.length <= MAX_TOKEN_LENGTH ? this.#cacheKey(token) : undefined;
    const cached = key === undefined ? undefined : this.#s.principals.get(key);
    if (cached) return cached;
    const kind = parseSecret(token);
    if (kind !== "access" && kind !== "oauth") return undefined;
    return this.#loadOnce(token, key ?? this.#cacheKey(token));
  }

  #cacheKey(token: string): string {
    return crypto.hash("sha256", this.#salt + token, "base64url");
  }

  #loadOnce(token: string, key: string): Promise<Principal | undefined> {
    let loading = this.#loading.get(key);
    if (!loading) {
      loading = this.#load(token, key).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  async #load(token: string, cacheKey: string): Promise<Principal | undefined> {
    const generation = this.#s.principals.generation;
    const hmac = this.#s.keys.hmac(token);
    let principal = await loadPrincipal(this.#s, hmac);
    if (!principal) {
      // A token hashed under a retired key: find it, then move it to the current key.
      for (const key of this.#s.keys.all.slice(1)) {
        principal = await this.#rehash(token, key, hmac);
        if (principal) break;
      }
    }
    if (principal) this.#s.principals.set(cacheKey, principal, generation);
    return principal;
  }

  async #rehash(token: string, key: Key, currentHmac: string): Promise<Principal | undefined> {
    const oldHmac = this.#s.keys.hmac(token, key);
    const principal = await loadPrincipal(this.#s, oldHmac);
    if (!principal) return undefined;
    await this.#s.db
      .updateTable("access_tokens")
      .set({ token_hmac: currentHmac, token_key_id: this.#s.keys.current.id })
      .where("token_hmac", "=", oldHmac)
      .execute();
    return principal;
  }
}
