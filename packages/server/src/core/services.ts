import type { Kysely, Transaction } from "kysely";
import type { PrincipalCache } from "../platform/apps/principals/principal-cache.ts";
import type { ScopeCatalog } from "../platform/apps/scopes/catalog.ts";
import type { Keyring } from "../platform/services/crypto/keyring.ts";
import type { RateLimits } from "../platform/services/limits/rate-limits.ts";
import type { DestinationGuard } from "../platform/services/webhooks/destination-guard.ts";
import type { Database, Dialect } from "../storage/schema.ts";
import type { ChangeFeed } from "./changes.ts";

/** What the domain functions work with; built once at start-up by `bootstrap.ts`. */
export interface Services {
  db: Kysely<Database>;
  dialect: Dialect;
  keys: Keyring;
  scopes: ScopeCatalog;
  principals: PrincipalCache;
  changes: ChangeFeed;
  /** Request budgets, shared through Redis when configured. */
  limits: RateLimits;
  /** Where webhooks may be delivered (checked at save and at connect), and how signing secrets rotate. */
  webhooks: { destinations: DestinationGuard; signingSecretOverlapMs: number };
  now: () => number;
}

export type Trx = Transaction<Database>;

/**
 * Runs `work` in one transaction. `work` adds the cache tags its writes touch; they are published only
 * once the transaction has committed, so no instance evicts ahead of the data it would reload.
 */
export async function write<T>(
  s: Services,
  work: (trx: Trx, touched: Set<string>) => Promise<T>,
): Promise<T> {
  const touched = new Set<string>();
  const result = await s.db.transaction().execute((trx) => work(trx, touched));
  if (touched.size > 0) await s.changes.publish([...touched]);
  return result;
}
