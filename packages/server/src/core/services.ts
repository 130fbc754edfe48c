import type { Kysely, Transaction } from "kysely";
import type { Database, Dialect } from "../storage/schema.ts";
import type { WorkspaceRow } from "../storage/tables/identity.ts";
import type { ChangeFeed } from "./changes.ts";
import type { Outbox } from "./outbox.ts";

/**
 * What the domain functions work with; built once at start-up by `bootstrap.ts`. These are what both
 * halves use; the platform adds its own (keys, scopes, principals, limits, webhooks) in
 * `platform/runtime.ts`, by declaration merging, so that core names nothing above it.
 */
export interface Services {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Tags of cached things a write changed, published to every instance once the write commits. */
  changes: ChangeFeed;
  /** Where writes raise their domain events, inside their transaction (webhooks hear them). */
  outbox: Outbox;
  /**
   * What a new workspace starts with beyond its own row (a help center, subscription types), set up in
   * the transaction that creates it. The resources provide it, handed in at start-up, so that creating a
   * workspace names no resource.
   */
  setUpWorkspace: (trx: Trx, workspace: WorkspaceRow) => Promise<void>;
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

/**
 * Makes the write wait for every other write of the workspace that called this, until it ends: for a
 * rule across the workspace's records that a write at once could break (one user per email, one lead per
 * phone number, an owner left, an allowlist changed by halves). PostgreSQL queues them on the workspace's
 * row; SQLite's write transactions already run one at a time.
 */
export async function queueOnWorkspace(s: Pick<Services, "dialect">, trx: Trx, workspaceId: number) {
  if (s.dialect === "postgres")
    await trx.selectFrom("workspaces").select("id").where("id", "=", workspaceId).forUpdate().execute();
}
