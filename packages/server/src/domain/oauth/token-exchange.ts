import crypto from "node:crypto";
import type { AppRow } from "../../storage/schema.ts";
import { recordActivity } from "../activity.ts";
import { checkClientSecret, findAppByClientId } from "../apps.ts";
import { type Services, type Trx, write } from "../services.ts";
import { issueToken, revokeTokens } from "../tokens/access-tokens.ts";
import { parseSecret } from "../tokens/token-format.ts";
import { OAuthError } from "./oauth-error.ts";

export interface TokenRequest {
  grantType?: string;
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
}

/**
 * Finds the client and checks its secret in constant time; one answer for every way it can fail. A public
 * client (no secret to keep) is known by its client_id alone where `allowPublic`, and makes up for it
 * with PKCE.
 */
export async function authenticateClient(
  s: Services,
  clientId: string | undefined,
  clientSecret: string | undefined,
  { allowPublic = false } = {},
): Promise<AppRow> {
  if (!clientId)
    throw new OAuthError("invalid_client", "Client authentication failed: send client_id and client_secret");
  const app = clientId.length <= 100 ? await findAppByClientId(s, clientId) : undefined;
  if (app && allowPublic && app.client_type === "public" && clientSecret === undefined) return app;
  if (!clientSecret)
    throw new OAuthError("invalid_client", "Client authentication failed: send client_id and client_secret");
  // Compare even when the app is unknown, so timing does not tell which client ids exist.
  const ok = checkClientSecret(
    s,
    app ?? { client_secret_hmac: "x".repeat(43), client_secret_key_id: s.keys.current.id },
    clientSecret,
  );
  if (!app || !ok) throw new OAuthError("invalid_client", "Client authentication failed");
  return app;
}

const UNAUTHORIZED_CODE =
  "Unauthorized Code: it is unknown, expired, already used, or was issued to another client";

/**
 * `POST /auth/eagle/token`: trades a code for a token, for a client `authenticateClient` has vouched for. The code is redeemed by a conditional update
 * inside the transaction that issues the token, so of many concurrent requests exactly one wins. A code
 * presented again revokes every token issued from it (RFC 6749 §4.1.2, RFC 9700 §4.2.4).
 */
export async function exchangeAuthorizationCode(
  s: Services,
  app: AppRow,
  request: TokenRequest,
): Promise<{ token: string }> {
  if (request.grantType !== undefined && request.grantType !== "authorization_code") {
    throw new OAuthError("unsupported_grant_type", "Only the authorization_code grant is supported");
  }
  if (!request.code) throw new OAuthError("invalid_request", "The code parameter is required");
  if (parseSecret(request.code) !== "authorizationCode")
    throw new OAuthError("invalid_grant", UNAUTHORIZED_CODE);
  const codeHmac = s.keys.hmac(request.code);

  const outcome = await write(s, async (trx, touched) => {
    const code = await trx
      .selectFrom("authorization_codes")
      .selectAll()
      .where("code_hmac", "=", codeHmac)
      .executeTakeFirst();
    if (!code || code.app_id !== app.id) return { ok: false as const, error: UNAUTHORIZED_CODE };
    if (code.redeemed_at !== null) {
      const issued = await trx
        .selectFrom("access_tokens")
        .select("installation_id")
        .where("authorization_code_id", "=", code.id)
        .execute();
      for (const { installation_id } of issued) {
        await revokeTokens(
          s,
          trx,
          touched,
          { installationId: installation_id },
          { reason: "authorization code replayed" },
        );
      }
      await recordActivity(s, trx, {
        workspaceId: code.workspace_id,
        adminId: null,
        action: "oauth.code_replayed",
        details: { app_id: app.id, client_id: app.client_id },
      });
      return { ok: false as const, error: UNAUTHORIZED_CODE, replayed: true };
    }
    if (code.expires_at <= s.now()) return { ok: false as const, error: UNAUTHORIZED_CODE };
    const explicit = code.redirect_uri_explicit === true || code.redirect_uri_explicit === 1;
    if (explicit && request.redirectUri === undefined) {
      return {
        ok: false as const,
        error: "redirect_uri is required: it was sent with the authorization request",
      };
    }
    if (request.redirectUri !== undefined && request.redirectUri !== code.redirect_uri) {
      return { ok: false as const, error: "redirect_uri does not match the one the code was issued for" };
    }
    if (code.code_challenge) {
      const verifier = request.codeVerifier ?? "";
      const expected = crypto.createHash("sha256").update(verifier).digest("base64url");
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !safeEqual(expected, code.code_challenge)) {
        return { ok: false as const, error: "code_verifier does not match the code_challenge" };
      }
    } else if (app.client_type === "public") {
      return { ok: false as const, error: "A public client must use PKCE" };
    } else if (request.codeVerifier !== undefined) {
      return { ok: false as const, error: "code_verifier sent for a code issued without a code_challenge" };
    }
    // The race is settled here: only one transaction can move redeemed_at from null.
    const redeemed = await trx
      .updateTable("authorization_codes")
      .set({ redeemed_at: s.now() })
      .where("id", "=", code.id)
      .where("redeemed_at", "is", null)
      .executeTakeFirst();
    if (redeemed.numUpdatedRows !== 1n) return { ok: false as const, error: UNAUTHORIZED_CODE };

    const installation = await installForGrant(s, trx, touched, {
      appId: app.id,
      appWorkspaceId: app.workspace_id,
      workspaceId: code.workspace_id,
      adminId: code.admin_id,
      scopes: code.scopes.split(" ").filter(Boolean),
    });
    const { token, row } = await issueToken(s, trx, {
      installationId: installation,
      adminId: code.admin_id,
      kind: "oauth",
    });
    await trx
      .updateTable("access_tokens")
      .set({ authorization_code_id: code.id })
      .where("id", "=", row.id)
      .execute();
    await recordActivity(s, trx, {
      workspaceId: code.workspace_id,
      adminId: code.admin_id,
      action: "oauth.token_issued",
      details: { app_id: app.id, app_name: app.name, scopes: code.scopes.split(" ").filter(Boolean) },
    });
    return { ok: true as const, token };
  });
  if (!outcome.ok) throw new OAuthError("invalid_grant", outcome.error);
  return { token: outcome.token };
}

/**
 * Installs the app on the workspace (first authorization) or updates what it was granted (later ones).
 * The app's own workspace keeps its owner installation, which carries the app's own scopes.
 */
async function installForGrant(
  s: Services,
  trx: Trx,
  touched: Set<string>,
  input: { appId: number; appWorkspaceId: number; workspaceId: number; adminId: number; scopes: string[] },
): Promise<number> {
  // Grants of one app queue on the app's row: under READ COMMITTED, two first installs on a workspace
  // would both insert (one then failing the unique index), and two grants to one installation would
  // both rewrite its scopes. SQLite runs one write transaction at a time already.
  if (s.dialect === "postgres") {
    await trx.selectFrom("apps").select("id").where("id", "=", input.appId).forUpdate().execute();
  }
  let installation = await trx
    .selectFrom("installations")
    .select(["id", "kind"])
    .where("app_id", "=", input.appId)
    .where("workspace_id", "=", input.workspaceId)
    .where("uninstalled_at", "is", null)
    .executeTakeFirst();
  if (!installation) {
    installation = await trx
      .insertInto("installations")
      .values({
        app_id: input.appId,
        workspace_id: input.workspaceId,
        installed_by_admin_id: input.adminId,
        installed_at: s.now(),
        kind: input.workspaceId === input.appWorkspaceId ? "owner" : "oauth",
      })
      .returning(["id", "kind"])
      .executeTakeFirstOrThrow();
    await recordActivity(s, trx, {
      workspaceId: input.workspaceId,
      adminId: input.adminId,
      action: "app.installed",
      details: { app_id: input.appId, scopes: input.scopes },
    });
  }
  if (installation.kind === "oauth") {
    await trx.deleteFrom("installation_scopes").where("installation_id", "=", installation.id).execute();
    if (input.scopes.length > 0) {
      await trx
        .insertInto("installation_scopes")
        .values(input.scopes.map((scope_id) => ({ installation_id: installation.id, scope_id })))
        .execute();
    }
    touched.add(`installation:${installation.id}`);
  }
  return installation.id;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
