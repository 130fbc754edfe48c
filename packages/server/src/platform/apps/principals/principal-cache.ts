import { TaggedCache } from "../../../core/tagged-cache.ts";
import { type Principal, principalTags } from "./principal.ts";

/**
 * Verified tokens, keyed by a one-way hash of the token, so the hot path answers from memory; evicted
 * by the tags of the token, installation, app, admin and workspace the principal was built from.
 */
export class PrincipalCache extends TaggedCache<Principal> {
  constructor(options: { ttlMs: number; maxEntries: number }) {
    super({ ...options, tagsOf: principalTags });
  }
}
