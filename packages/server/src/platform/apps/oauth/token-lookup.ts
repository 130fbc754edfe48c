import { type Services, write } from "../../../core/services.ts";
import { recordActivity } from "../../services/audit.ts";
import { installationsWithApps } from "../installations.ts";
import { revokeTokens } from "../tokens/access-tokens.ts";
import { parseSecret } from "../tokens/token-format.ts";

/**
 * A token's row and whose it is, whatever its state (revoked ones included), for the endpoints that act
 * on a token someone presents: revocation, introspection, leak reports. Tries retired keys too.
 */
export async function findTokenRecord(s: Services, token: string) {
  const kind = parseSecret(token);
  if (kind !== "access" && kind !== "oauth") return undefined;
  for (const key of s.keys.all) {
    const row = await installationsWithApps(s.db)
      .innerJoin("access_tokens as t", "t.installation_id", "i.id")
      .select([
        "t.id as token_id",
        "t.kind",
        "t.admin_id",
        "t.revoked_at",
        "t.created_at",
        "i.id as installation_id",
        "i.workspace_id",
        "i.uninstalled_at",
        "a.id as app_id",
        "a.client_id",
        "a.name as app_name",
      ])
      .where("t.token_hmac", "=", s.keys.hmac(token, key))
      .executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

export type TokenRecord = NonNullable<Awaited<ReturnType<typeof findTokenRecord>>>;

/**
 * Revokes a presented token (by its owner app, or on a leak report) and says why in the activity log of
 * the workspace it reached, in one transaction.
 */
export async function revokePresentedToken(
  s: Services,
  record: TokenRecord,
  why: { reason: string; action: string; ip: string; details?: Record<string, unknown> },
): Promise<void> {
  await write(s, async (trx, touched) => {
    await revokeTokens(s, trx, touched, { tokenId: record.token_id }, { reason: why.reason });
    await recordActivity(s, trx, {
      workspaceId: record.workspace_id,
      adminId: null,
      action: why.action,
      details: {
        app_id: record.app_id,
        app_name: record.app_name,
        token_id: record.token_id,
        ...why.details,
      },
      ip: why.ip,
    });
  });
}
