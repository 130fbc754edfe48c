import type { Kysely } from "kysely";
import { errors } from "../../../core/errors.ts";
import { type Services, type Trx, write } from "../../../core/services.ts";
import { arg, CompiledStatement } from "../../../storage/compiled-statement.ts";
import type { Database } from "../../../storage/schema.ts";
import type { AccessTokenRow, TokenKind } from "../../../storage/tables/tokens.ts";
import { type Actor, recordAppActivity } from "../../services/audit.ts";
import { recordRevocations } from "../resource-servers/revocation-feed.ts";
import { generateSecret, secretHint } from "./token-format.ts";
import { revealToken, sealToken } from "./token-seal.ts";

/** The token insert, compiled once: every exchange runs it, and building it cost more than running it. */
function tokenInsert(db: Kysely<Database>) {
  return db.insertInto("access_tokens").values({
    installation_id: arg(0),
    admin_id: arg(1),
    kind: arg(2),
    token_hmac: arg(3),
    token_key_id: arg(4),
    token_sealed: arg(5),
    token_hint: arg(6),
    created_at: arg(7),
    authorization_code_id: arg(8),
  });
}
const insertToken = new CompiledStatement((db) => tokenInsert(db).returningAll());
/** The same insert, answering nothing: the exchange needs only the token, not the row read back. */
const insertTokenQuietly = new CompiledStatement((db) => tokenInsert(db));

function tokenColumns(s: Services, token: string, input: NewToken): unknown[] {
  return [
    input.installationId,
    input.adminId,
    input.kind,
    s.keys.hmac(token),
    s.keys.current.id,
    sealToken(s, token),
    secretHint(token),
    s.now(),
    input.authorizationCodeId ?? null,
  ];
}

interface NewToken {
  installationId: number;
  adminId: number;
  kind: TokenKind;
  authorizationCodeId?: number;
}

export interface IssuedToken {
  row: AccessTokenRow;
  /** The token itself: shown to its owner, never stored in the clear. */
  token: string;
}

/**
 * Mints a token for an installation, acting as `adminId`. Stores only its HMAC and a sealed copy. An
 * OAuth token names the code it was issued for, so a replay of that code can revoke exactly it.
 */
export async function issueToken(s: Services, trx: Trx, input: NewToken): Promise<IssuedToken> {
  const token = generateSecret(input.kind === "oauth" ? "oauth" : "access");
  const row = await insertToken.first(s, trx, tokenColumns(s, token, input));
  if (!row) throw new Error("the token insert returned no row");
  return { row, token };
}

/** `issueToken` for a caller that needs only the token (the code-for-token exchange). */
export async function issueTokenOnly(s: Services, trx: Trx, input: NewToken): Promise<string> {
  const token = generateSecret(input.kind === "oauth" ? "oauth" : "access");
  await insertTokenQuietly.run(s, trx, tokenColumns(s, token, input));
  return token;
}

export { revealToken };

/** An installation's live access token (the one its admins see on the app's pages), if it has one. */
export async function findLiveAccessToken(
  s: Services,
  installationId: number,
): Promise<AccessTokenRow | undefined> {
  return s.db
    .selectFrom("access_tokens")
    .selectAll()
    .where("installation_id", "=", installationId)
    .where("kind", "=", "access")
    .where("revoked_at", "is", null)
    .orderBy("id", "desc")
    .executeTakeFirst();
}

export async function findToken(s: Services, tokenId: number): Promise<AccessTokenRow | undefined> {
  return s.db.selectFrom("access_tokens").selectAll().where("id", "=", tokenId).executeTakeFirst();
}

export interface Revocation {
  reason: string;
  byAdminId?: number | null;
}

/**
 * Stamps tokens revoked (the row stays, for the audit trail). Only live tokens are touched, so a second
 * revoke keeps the first one's time and reason.
 */
export async function revokeTokens(
  s: Services,
  trx: Trx,
  touched: Set<string>,
  where: { tokenId?: number; installationId?: number; kind?: TokenKind; authorizationCodeId?: number },
  revocation: Revocation,
): Promise<number> {
  let query = trx
    .updateTable("access_tokens")
    .set({
      revoked_at: s.now(),
      revoked_reason: revocation.reason,
      revoked_by_admin_id: revocation.byAdminId ?? null,
    })
    .where("revoked_at", "is", null);
  if (where.tokenId !== undefined) query = query.where("id", "=", where.tokenId);
  if (where.installationId !== undefined) query = query.where("installation_id", "=", where.installationId);
  if (where.kind !== undefined) query = query.where("kind", "=", where.kind);
  if (where.authorizationCodeId !== undefined)
    query = query.where("authorization_code_id", "=", where.authorizationCodeId);
  const revoked = await query.returning(["id", "token_sealed"]).execute();
  for (const { id } of revoked) touched.add(`token:${id}`);
  // Resource servers hear of it through the revocation feed, in the same transaction.
  await recordRevocations(s, trx, revoked, revocation.reason === "uninstalled" ? "uninstalled" : "revoked");
  return revoked.length;
}

export async function revokeToken(
  s: Services,
  tokenId: number,
  revocation: Revocation,
): Promise<AccessTokenRow> {
  return write(s, async (trx, touched) => {
    const existing = await trx
      .selectFrom("access_tokens")
      .select("id")
      .where("id", "=", tokenId)
      .executeTakeFirst();
    if (!existing) throw errors.notFound("Token not found");
    await revokeTokens(s, trx, touched, { tokenId }, revocation);
    return trx.selectFrom("access_tokens").selectAll().where("id", "=", tokenId).executeTakeFirstOrThrow();
  });
}

/**
 * Replaces an installation's access token: the old one stops working at once, a new one is issued for
 * the same admin (or `asAdminId`). The installation must be live.
 */
export async function regenerateAccessToken(
  s: Services,
  installationId: number,
  revocation: Revocation & { asAdminId?: number },
  actor?: Actor,
): Promise<IssuedToken> {
  return write(s, async (trx, touched) => {
    // Regenerations queue on the installation's row: each then revokes what the one before it issued,
    // so however many run at once, one token is left live (READ COMMITTED would let each miss the others').
    let locked = trx
      .selectFrom("installations")
      .selectAll()
      .where("id", "=", installationId)
      .where("uninstalled_at", "is", null);
    if (s.dialect === "postgres") locked = locked.forUpdate();
    const installation = await locked.executeTakeFirst();
    if (!installation) throw errors.notFound("The app is not installed on that workspace");
    const previous = await trx
      .selectFrom("access_tokens")
      .select("admin_id")
      .where("installation_id", "=", installationId)
      .where("kind", "=", "access")
      .orderBy("id", "desc")
      .executeTakeFirst();
    await revokeTokens(s, trx, touched, { installationId, kind: "access" }, revocation);
    await recordAppActivity(s, trx, actor, installation.app_id, "token.regenerated", {
      workspace_id: installation.workspace_id,
    });
    return issueToken(s, trx, {
      installationId,
      adminId: revocation.asAdminId ?? previous?.admin_id ?? installation.installed_by_admin_id,
      kind: "access",
    });
  });
}

/** Deletes an installation's access token ("Delete" on the app's page): revoked now, the row kept. */
export async function deleteAccessToken(s: Services, installationId: number, actor?: Actor): Promise<number> {
  return write(s, async (trx, touched) => {
    const installation = await trx
      .selectFrom("installations")
      .select(["app_id", "workspace_id"])
      .where("id", "=", installationId)
      .executeTakeFirst();
    if (!installation) throw errors.notFound("The app is not installed on that workspace");
    const revoked = await revokeTokens(
      s,
      trx,
      touched,
      { installationId, kind: "access" },
      { reason: "deleted", byAdminId: actor?.adminId ?? null },
    );
    await recordAppActivity(s, trx, actor, installation.app_id, "token.deleted", {
      workspace_id: installation.workspace_id,
    });
    return revoked;
  });
}
