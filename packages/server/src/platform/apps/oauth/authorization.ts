import { errors } from "../../../core/errors.ts";
import { type Services, write } from "../../../core/services.ts";
import { toBool } from "../../../storage/schema.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { isMember } from "../../identity/admins.ts";
import { findAppByClientId } from "../apps.ts";
import { effectiveScopes } from "../grants.ts";
import type { Scope } from "../scopes/catalog.ts";
import { generateSecret } from "../tokens/token-format.ts";
import { AuthorizationRequestError } from "./oauth-error.ts";
import { listRedirectUris, redirectMatches } from "./redirect-uris.ts";

/** Codes live ten minutes (RFC 6749 §4.1.2 recommends at most ten). */
export const CODE_TTL_MS = 10 * 60 * 1000;

export interface AuthorizationRequest {
  app: AppRow;
  /** Where the answer goes: the URL the client named, or the app's first (default) one. */
  redirectUri: string;
  /** Whether the client named it; then the token request must name it again (RFC 6749 §4.1.3). */
  redirectUriExplicit: boolean;
}

/**
 * Checks `client_id` and `redirect_uri` before anything is shown or any redirect is made: an unknown
 * client, an app without OAuth, or a URL not registered (exactly, but for a loopback address's port:
 * `redirectMatches`) is an error page, never a redirect.
 */
export async function resolveAuthorizationRequest(
  s: Services,
  params: { client_id?: unknown; redirect_uri?: unknown },
): Promise<AuthorizationRequest> {
  const clientId = params.client_id;
  if (typeof clientId !== "string" || clientId === "") {
    throw new AuthorizationRequestError("The link that brought you here is missing its client_id.");
  }
  const app = clientId.length <= 100 ? await findAppByClientId(s, clientId) : undefined;
  if (!app) throw new AuthorizationRequestError("The app that sent you here is not known to Gatehouse.");
  if (!toBool(app.oauth_enabled)) {
    throw new AuthorizationRequestError(
      `"${app.name}" has not turned on OAuth, so it cannot be installed this way.`,
    );
  }
  const registered = await listRedirectUris(s, app.id);
  if (registered.length === 0) {
    throw new AuthorizationRequestError(
      `"${app.name}" has no redirect URL registered, so it cannot be installed yet.`,
    );
  }
  if (params.redirect_uri === undefined || params.redirect_uri === "") {
    return { app, redirectUri: registered[0] as string, redirectUriExplicit: false };
  }
  const asked = params.redirect_uri;
  if (typeof asked !== "string" || !registered.some((uri) => redirectMatches(uri, asked))) {
    throw new AuthorizationRequestError(
      `The redirect URL in this request is not one that "${app.name}" registered. For your safety, you have not been sent on.`,
    );
  }
  return { app, redirectUri: asked, redirectUriExplicit: true };
}

/**
 * What an installing admin can grant: the app's standard scopes and the extended ones a review has
 * approved. Pending or rejected extended scopes are never offered.
 */
export async function grantableScopes(s: Services, appId: number): Promise<Scope[]> {
  const rows = await s.db
    .selectFrom("app_scopes")
    .select(["scope_id", "review_state"])
    .where("app_id", "=", appId)
    .execute();
  const ids = effectiveScopes(s.scopes, rows);
  return s.scopes.all().filter((scope) => ids.has(scope.id));
}

export interface CodeRequest {
  request: AuthorizationRequest;
  workspaceId: number;
  adminId: number;
  codeChallenge?: string | null;
  codeChallengeMethod?: string | null;
}

/** Issues a single-use code bound to client, redirect URL, admin, workspace and the scopes granted. */
export async function issueAuthorizationCode(s: Services, input: CodeRequest): Promise<string> {
  if (!(await isMember(s.db, input.workspaceId, input.adminId))) {
    throw errors.parameterInvalid("You can only install apps on workspaces you are an admin of", "workspace");
  }
  const scopes = (await grantableScopes(s, input.request.app.id)).map((scope) => scope.id);
  const code = generateSecret("authorizationCode");
  const now = s.now();
  await write(s, (trx) =>
    trx
      .insertInto("authorization_codes")
      .values({
        code_hmac: s.keys.hmac(code),
        code_key_id: s.keys.current.id,
        app_id: input.request.app.id,
        workspace_id: input.workspaceId,
        admin_id: input.adminId,
        redirect_uri: input.request.redirectUri,
        redirect_uri_explicit: input.request.redirectUriExplicit,
        scopes: scopes.join(" "),
        code_challenge: input.codeChallenge ?? null,
        code_challenge_method: input.codeChallengeMethod ?? null,
        created_at: now,
        expires_at: now + CODE_TTL_MS,
      })
      .execute(),
  );
  return code;
}

/** Adds `code` and `state` (or an error) to a registered redirect URL, keeping its own query. */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.append(name, value);
  return url.toString();
}
