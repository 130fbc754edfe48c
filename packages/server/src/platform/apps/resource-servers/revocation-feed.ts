import crypto from "node:crypto";
import { sql } from "kysely";
import type { Services, Trx } from "../../../core/services.ts";
import type { AccessTokenRow } from "../../../storage/tables/apps.ts";
import type { RevocationEvent } from "../../../storage/tables/resource-servers.ts";
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

/** Up to `limit` entries after `afterId`, oldest first, and whether more follow. */
export async function readFeed(
  s: Services,
  afterId: number,
  limit: number,
): Promise<{ entries: FeedEntry[]; hasMore: boolean }> {
  const rows = await s.db
    .selectFrom("token_revocations")
    .select(["id", "digest", "event", "recorded_at"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  return {
    entries: rows.slice(0, limit).map((r) => ({ ...r, recorded_at: Number(r.recorded_at) })),
    hasMore: rows.length > limit,
  };
}

/** Where the feed ends now: a reader that starts here sees only what happens from now on. */
export async function feedHead(s: Services): Promise<number> {
  const row = await s.db
    .selectFrom("token_revocations")
    .select((eb) => eb.fn.max("id").as("head"))
    .executeTakeFirst();
  return Number(row?.head ?? 0);
}
