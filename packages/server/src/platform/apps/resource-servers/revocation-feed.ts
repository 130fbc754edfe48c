import crypto from "node:crypto";
import { sql } from "kysely";
import type { Logger } from "pino";
import { type Poller, type RetentionSettings, retentionPurger } from "../../../core/poller.ts";
import { type Services, type Trx, write } from "../../../core/services.ts";
import type { RevocationEvent } from "../../../storage/tables/resource-servers.ts";
import type { AccessTokenRow } from "../../../storage/tables/tokens.ts";
import { revealToken } from "../tokens/token-seal.ts";

/**
 * The revocation feed resource servers read (`GET /oauth/revocations`): the tokens revoked, uninstalled
 * or narrowed, in the order they were, each named by a digest only a holder of the token can compute:
 *
 *     digest = base64url(HMAC-SHA256(key = the token, message = "gatehouse-revocation-feed-v1"))
 *
 * A token is 178 random bits, so the digest can be neither reversed nor guessed: the feed tells whoever
 * reads it nothing about tokens it does not already hold, and is no token, nor the HMAC Gatehouse keeps
 * (that one is under the server's key). A per-resource-server key would make every feed read unseal and
 * re-digest each token, and add a second secret to hand out and rotate, for no more than hiding from one
 * resource server which revoked tokens another also held, which the token's holder already knows.
 */
export const FEED_DIGEST_MESSAGE = "gatehouse-revocation-feed-v1";

export function feedDigest(token: string): string {
  return crypto.createHmac("sha256", token).update(FEED_DIGEST_MESSAGE).digest("base64url");
}

/** Any constant: the advisory lock that queues the feed's writers on PostgreSQL. */
const FEED_LOCK = 7_262_014;

/**
 * Records tokens the feed must name, inside the transaction that changed them. On PostgreSQL the
 * writers queue on an advisory lock held until commit, so entries commit in the order of their ids and
 * a reader past id N never misses one that commits later with a smaller id. (SQLite writes one
 * transaction at a time already.)
 */
export async function recordRevocations(
  s: Services,
  trx: Trx,
  tokens: readonly Pick<AccessTokenRow, "id" | "token_sealed">[],
  event: RevocationEvent,
): Promise<void> {
  if (tokens.length === 0) return;
  if (s.dialect === "postgres") await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(trx);
  const now = s.now();
  const rows = tokens.map((t) => ({
    token_id: t.id,
    digest: feedDigest(revealToken(s, t)),
    event,
    recorded_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("token_revocations")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/**
 * Names as narrowed every live token an app (or one installation of it) holds, after what it may do
 * shrank. A resource server drops what it cached for them and asks again; naming a token whose scopes
 * did not in fact shrink costs it one introspection, never a wrong answer.
 */
export async function recordNarrowed(
  s: Services,
  trx: Trx,
  where: { appId: number } | { installationId: number },
): Promise<void> {
  let query = trx
    .selectFrom("access_tokens as t")
    .innerJoin("installations as i", "i.id", "t.installation_id")
    .select(["t.id", "t.token_sealed"])
    .where("t.revoked_at", "is", null)
    .where("i.uninstalled_at", "is", null);
  query =
    "appId" in where
      ? query.where("i.app_id", "=", where.appId)
      : query.where("i.id", "=", where.installationId);
  await recordRevocations(s, trx, await query.execute(), "narrowed");
}

export interface FeedEntry {
  id: number;
  digest: string;
  event: RevocationEvent;
  recorded_at: number;
}

/**
 * Up to `limit` entries after `afterId`, oldest first, and whether more follow; or why the reader must
 * start again: `cleared`, when entries after `afterId` have been cleared past their retention (the
 * reader may have missed some); `ahead`, when `afterId` is past the feed's end, which no cursor this
 * database gave can be (a database restored from an older backup: the revocations after the backup are
 * gone, and new ones would be hidden until the ids passed the cursor).
 * The entries are read before the horizon: a purge that commits in between moves the horizon past
 * `afterId`, and the answer is `cleared` rather than a page with a hole in it.
 */
export async function readFeed(
  s: Services,
  afterId: number,
  limit: number,
): Promise<{ expired: "cleared" | "ahead" } | { expired: false; entries: FeedEntry[]; hasMore: boolean }> {
  const rows = await s.db
    .selectFrom("token_revocations")
    .select(["id", "digest", "event", "recorded_at"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  if (afterId < (await purgedThrough(s))) return { expired: "cleared" };
  // Feed rows are never deleted but by the purge, so the end only moves forward.
  if (rows.length === 0 && afterId > (await feedHead(s))) return { expired: "ahead" };
  return {
    expired: false,
    entries: rows.slice(0, limit).map((r) => ({ ...r, recorded_at: Number(r.recorded_at) })),
    hasMore: rows.length > limit,
  };
}

/**
 * Where the feed ends now: a reader that starts here sees only what happens from now on. Never before
 * the horizon, so a feed cleared to the last entry still gives a cursor the next read accepts.
 */
export async function feedHead(s: Services): Promise<number> {
  const row = await s.db
    .selectFrom("token_revocations")
    .select((eb) => eb.fn.max("id").as("head"))
    .executeTakeFirst();
  return Math.max(Number(row?.head ?? 0), await purgedThrough(s));
}

async function purgedThrough(s: Services): Promise<number> {
  const row = await s.db
    .selectFrom("token_revocation_horizon")
    .select("purged_through")
    .where("id", "=", 1)
    .executeTakeFirst();
  return Number(row?.purged_through ?? 0);
}

const PURGE_BATCH = 500;

/**
 * How long the feed keeps an entry (a reader away for longer is told its cursor expired, and starts
 * again from an empty cache), and how often each instance clears older ones.
 */
export type FeedRetentionSettings = RetentionSettings;

/** Clears old feed entries on a timer: every serving instance runs one. */
export function feedPurger(s: Services, logger: Logger, settings: FeedRetentionSettings): Poller {
  return retentionPurger(
    "revocation feed purge",
    (retentionMs) => purgeRevocationFeed(s, retentionMs),
    settings,
    { batch: PURGE_BATCH, logger },
  );
}

/**
 * Clears the oldest entries recorded more than `retentionMs` ago, a batch at a time, and moves the
 * horizon past them in the same transaction; returns how many went. Instances may run it side by side:
 * the horizon only moves forward. An entry is cleared by id, so one recorded a moment later than an
 * older neighbour can go with it, a little early, never late.
 */
export async function purgeRevocationFeed(s: Services, retentionMs: number): Promise<number> {
  const cutoff = s.now() - retentionMs;
  return write(s, async (trx) => {
    const old = await trx
      .selectFrom("token_revocations")
      .select("id")
      .where("recorded_at", "<", cutoff)
      .orderBy("id")
      .limit(PURGE_BATCH)
      .execute();
    const through = old.at(-1)?.id;
    if (through === undefined) return 0;
    const deleted = await trx.deleteFrom("token_revocations").where("id", "<=", through).executeTakeFirst();
    await trx
      .updateTable("token_revocation_horizon")
      .set((eb) => ({
        purged_through: eb.fn<number>(s.dialect === "postgres" ? "greatest" : "max", [
          "purged_through",
          eb.val(through),
        ]),
      }))
      .where("id", "=", 1)
      .execute();
    return Number(deleted.numDeletedRows);
  });
}
