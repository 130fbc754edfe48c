import crypto from "node:crypto";
import type { Selectable } from "kysely";
import type { Services, Trx } from "../../../core/services.ts";
import { batchedWrite } from "../../../core/write-batch.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import type { InstallationKind } from "../../../storage/tables/installations.ts";
import type { AuthorizationCodesTable } from "../../../storage/tables/tokens.ts";
import { recordActivity } from "../../services/audit.ts";
import { cachedAppByClientId } from "../app-by-client-id.ts";
import { checkClientSecret } from "../client-secrets.ts";
import { insertInstallation } from "../installations.ts";
import { recordNarrowed } from "../resource-servers/revocation-feed.ts";
import { issueTokenOnly, revokeTokens } from "../tokens/access-tokens.ts";
import { parseSecret } from "../tokens/token-format.ts";
import { claimCode, findCode, liveInstallationWithScopes, sameScopeSet } from "./exchange-statements.ts";
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
  const app = clientId.length <= 100 ? await cachedAppByClientId(s, clientId) : undefined;
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

/**
 * Every refused code is Intercom's "Unauthorized Code" (seed 002: "if you get a `401` response with error
 * message `Unauthorized Code`"): each `invalid_grant` message begins so, whatever reason follows.
 */
const UNAUTHORIZED = "Unauthorized Code";
const UNAUTHORIZED_CODE = `${UNAUTHORIZED}: it is unknown, expired, already used, or was issued to another client`;

type CodeRow = Selectable<AuthorizationCodesTable>;
type Outcome = { ok: true; token: string } | { ok: false; error: string };

const refused = (error: string): Outcome => ({ ok: false, error });

/**
 * `POST /auth/eagle/token`: trades a code for a token, for a client `authenticateClient` has vouched for.
 * The code is redeemed by a conditional update inside the transaction that issues the token, so of many
 * concurrent requests exactly one wins.
 *
 * A code presented again revokes the token it issued, and only that one (RFC 6749 §4.1.2, RFC 9700
 * §4.2.4): never the installation's other tokens. It does so only for a request that passes every check
 * the first exchange had to (the client's secret, checked before this, and the PKCE verifier), so a
 * used code seen in a log or a browser's history is no lever against the integration; and only while
 * the code lives: past its lifetime a code is nothing, replayed or not.
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

  // Batched: exchanges arriving together share one commit (each in its own savepoint, each answered
  // only once that commit is done), since the commit, not the statements, is what an exchange costs.
  const outcome = await batchedWrite(s, async (trx, touched): Promise<Outcome> => {
    const now = s.now();
    // The race is settled here, in one statement: only one transaction can move redeemed_at from null.
    const claimed = await claimCode.first(s, trx, [now, codeHmac, app.id]);
    if (claimed) {
      const mismatch = bindingMismatch(app, claimed, request);
      // Thrown, so the claim is undone: a request that fails the bindings does not use the code up.
      if (mismatch) throw new OAuthError("invalid_grant", mismatch);
      return { ok: true, token: await issueForCode(s, trx, touched, app, claimed) };
    }
    // Not claimed: unknown, another client's, expired, or used before (perhaps by a concurrent request
    // that has just committed, which the update waited for). Only the last is a replay.
    const code = await findCode.first(s, trx, [codeHmac]);
    if (!code || code.app_id !== app.id || code.expires_at <= now || code.redeemed_at === null)
      return refused(UNAUTHORIZED_CODE);
    const mismatch = bindingMismatch(app, code, request);
    if (mismatch) return refused(mismatch);
    // A second use, by a client that proved itself.
    await revokeReplayed(s, trx, touched, app, code);
    return refused(UNAUTHORIZED_CODE);
  });
  if (!outcome.ok) throw new OAuthError("invalid_grant", outcome.error);
  return { token: outcome.token };
}

/**
 * What the token request must repeat of the authorization request: the redirect URL when it was named,
 * and the PKCE verifier of the challenge (which a public client must have sent). Returns why not, if not.
 */
function bindingMismatch(app: AppRow, code: CodeRow, request: TokenRequest): string | undefined {
  const explicit = code.redirect_uri_explicit === true || code.redirect_uri_explicit === 1;
  if (explicit && request.redirectUri === undefined) {
    return `${UNAUTHORIZED}: redirect_uri is required, as it was sent with the authorization request`;
  }
  if (request.redirectUri !== undefined && request.redirectUri !== code.redirect_uri) {
    return `${UNAUTHORIZED}: redirect_uri does not match the one the code was issued for`;
  }
  if (code.code_challenge) {
    const verifier = request.codeVerifier ?? "";
    const expected = crypto.createHash("sha256").update(verifier).digest("base64url");
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !safeEqual(expected, code.code_challenge)) {
      return `${UNAUTHORIZED}: code_verifier does not match the code_challenge`;
    }
  } else if (app.client_type === "public") {
    return `${UNAUTHORIZED}: a public client must use PKCE`;
  } else if (request.codeVerifier !== undefined) {
    return `${UNAUTHORIZED}: code_verifier sent for a code issued without a code_challenge`;
  }
  return undefined;
}

/** Installs (or updates) the grant and issues the code's one token, recording which code it came from. */
async function issueForCode(
  s: Services,
  trx: Trx,
  touched: Set<string>,
  app: AppRow,
  code: CodeRow,
): Promise<string> {
  const scopes = code.scopes.split(" ").filter(Boolean);
  const installation = await installForGrant(s, trx, touched, {
    appId: app.id,
    appWorkspaceId: app.workspace_id,
    workspaceId: code.workspace_id,
    adminId: code.admin_id,
    scopes,
  });
  const token = await issueTokenOnly(s, trx, {
    installationId: installation,
    adminId: code.admin_id,
    kind: "oauth",
    authorizationCodeId: code.id,
  });
  await recordActivity(s, trx, {
    workspaceId: code.workspace_id,
    adminId: code.admin_id,
    action: "oauth.token_issued",
    details: { app_id: app.id, app_name: app.name, scopes },
  });
  return token;
}

/** A second use of a code: the token it issued is revoked (nothing else), and the workspace is told. */
async function revokeReplayed(
  s: Services,
  trx: Trx,
  touched: Set<string>,
  app: AppRow,
  code: CodeRow,
): Promise<void> {
  const revoked = await revokeTokens(
    s,
    trx,
    touched,
    { authorizationCodeId: code.id },
    { reason: "authorization code replayed" },
  );
  await recordActivity(s, trx, {
    workspaceId: code.workspace_id,
    adminId: null,
    action: "oauth.code_replayed",
    details: { app_id: app.id, client_id: app.client_id, tokens_revoked: revoked },
  });
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
  // The usual case, a grant that changes nothing (the app's own workspace, or the same scopes again),
  // writes nothing and takes no lock.
  const live = await liveInstallationWithScopes.first(s, trx, [input.appId, input.workspaceId]);
  if (live && (live.kind !== "oauth" || sameScopeSet(live.scopes, input.scopes))) return live.id;
  // Grants of one app queue on the app's row: under READ COMMITTED, two first installs on a workspace
  // would both insert (one then failing the unique index), and two grants to one installation would
  // both rewrite its scopes. SQLite runs one write transaction at a time already.
  if (s.dialect === "postgres") {
    await trx.selectFrom("apps").select("id").where("id", "=", input.appId).forUpdate().execute();
  }
  let installation: { id: number; kind: InstallationKind } | undefined =
    s.dialect === "postgres"
      ? await liveInstallationWithScopes.first(s, trx, [input.appId, input.workspaceId])
      : live;
  if (!installation) {
    installation = await insertInstallation(s, trx, {
      ...input,
      kind: input.workspaceId === input.appWorkspaceId ? "owner" : "oauth",
    });
    await recordActivity(s, trx, {
      workspaceId: input.workspaceId,
      adminId: input.adminId,
      action: "app.installed",
      details: { app_id: input.appId, scopes: input.scopes },
    });
  }
  if (installation.kind === "oauth") {
    const before = await trx
      .deleteFrom("installation_scopes")
      .where("installation_id", "=", installation.id)
      .returning("scope_id")
      .execute();
    // A later consent to fewer scopes narrows the tokens issued before it.
    if (before.some((row) => !input.scopes.includes(row.scope_id))) {
      await recordNarrowed(s, trx, { installationId: installation.id });
    }
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
