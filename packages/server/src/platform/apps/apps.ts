import crypto from "node:crypto";
import { DEFAULT_VERSION } from "../../core/api-versions.ts";
import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { AppRow, AppScopeRow, ScopeReviewState } from "../../storage/tables/apps.ts";
import { isMember } from "../identity/admins.ts";
import { type Actor, recordAppActivity } from "../services/audit.ts";
import { checkDescription, checkIconUrl } from "./app-profile.ts";
import { clientSecretColumns } from "./client-secrets.ts";
import { installApp } from "./installations.ts";
import { recordNarrowed } from "./resource-servers/revocation-feed.ts";
import type { ScopeCatalog } from "./scopes/catalog.ts";
import { type IssuedToken, issueToken } from "./tokens/access-tokens.ts";
import { generateSecret } from "./tokens/token-format.ts";

// Deciding extended-scope requests lives in scope-review.ts; the operator's decision is reachable here too.
export { reviewScopeRequest } from "./reviews.ts";

export interface NewApp {
  workspaceId: number;
  /** The admin creating the app: it acts as them on its own workspace. */
  adminId: number;
  name: string;
  scopes: readonly string[];
  /** Why extended scopes are needed (seed 003: reviewers ask for a brief description). */
  scopeRequestReason?: string;
  /** Its public face (app-profile.ts checks both): blank or absent leaves it empty. */
  description?: string | undefined;
  iconUrl?: string | undefined;
}

export interface CreatedApp {
  app: AppRow;
  clientSecret: string;
  installationId: number;
  /** The access token for the app's own workspace, issued the moment the app exists. */
  accessToken: IssuedToken;
}

function checkScopes(catalog: ScopeCatalog, scopes: readonly string[]): string[] {
  const unique = [...new Set(scopes)];
  for (const id of unique) {
    if (!catalog.get(id)) throw errors.parameterInvalid(`'${id}' is not a known permission scope`, "scopes");
  }
  return unique;
}

/** Creates an app, installs it on its own workspace and issues that installation's access token. */
export async function createApp(
  s: Services,
  input: NewApp,
  inTransaction?: Trx,
  actor?: Actor,
): Promise<CreatedApp> {
  const name = requireText(input.name, "name", 255);
  const scopes = checkScopes(s.scopes, input.scopes);
  const description = checkDescription(input.description);
  const iconUrl = checkIconUrl(input.iconUrl);
  const create = async (trx: Trx) => {
    if (!(await isMember(trx, input.workspaceId, input.adminId))) {
      throw errors.notFound("That admin is not a member of the workspace");
    }
    const clientSecret = generateSecret("clientSecret");
    const now = s.now();
    const app = await trx
      .insertInto("apps")
      .values({
        workspace_id: input.workspaceId,
        name,
        client_id: crypto.randomUUID(),
        ...clientSecretColumns(s, clientSecret),
        oauth_enabled: false,
        api_version: DEFAULT_VERSION,
        description,
        icon_url: iconUrl,
        created_by_admin_id: input.adminId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertScopeRequests(s, trx, app.id, scopes, {
      reason: input.scopeRequestReason ?? null,
      by: input.adminId,
    });
    const installation = await installApp(s, trx, {
      appId: app.id,
      workspaceId: input.workspaceId,
      adminId: input.adminId,
    });
    const accessToken = await issueToken(s, trx, {
      installationId: installation.id,
      adminId: input.adminId,
      kind: "access",
    });
    await recordAppActivity(s, trx, actor, app.id, "app.created", { scopes });
    return { app, clientSecret, installationId: installation.id, accessToken };
  };
  return inTransaction ? create(inTransaction) : write(s, (trx) => create(trx));
}

async function insertScopeRequests(
  s: Services,
  trx: Trx,
  appId: number,
  scopeIds: readonly string[],
  request: { reason: string | null; by: number | null },
): Promise<void> {
  if (scopeIds.length === 0) return;
  const now = s.now();
  await trx
    .insertInto("app_scopes")
    .values(
      scopeIds.map((id) => ({
        app_id: appId,
        scope_id: id,
        review_state: (s.scopes.get(id)?.tier === "extended"
          ? "pending"
          : "not_required") as ScopeReviewState,
        request_reason: request.reason,
        requested_at: now,
        requested_by_admin_id: request.by,
      })),
    )
    .execute();
}

/** The reason the app gave last time it asked for a scope, if it ever gave one. */
async function earlierReason(trx: Trx, appId: number): Promise<string | null> {
  const row = await trx
    .selectFrom("app_scopes")
    .select("request_reason")
    .where("app_id", "=", appId)
    .where("request_reason", "is not", null)
    .where("request_reason", "!=", "")
    .orderBy("requested_at", "desc")
    .executeTakeFirst();
  return row?.request_reason ?? null;
}

/**
 * Sets the scopes an app asks for. Newly asked extended scopes go to review; ones already asked keep
 * their review; dropped ones are withdrawn. The app's tokens do not change (seed 003), only what they may do.
 */
export async function setRequestedScopes(
  s: Services,
  appId: number,
  scopes: readonly string[],
  reason?: string,
  actor?: Actor,
): Promise<AppScopeRow[]> {
  return write(s, async (trx, touched) => {
    // Saves of one app's permissions queue on its row, so each reads what the one before it wrote.
    let query = trx.selectFrom("apps").select("canvas_kit").where("id", "=", appId);
    if (s.dialect === "postgres") query = query.forUpdate();
    const app = await query.executeTakeFirst();
    if (!app) throw errors.notFound("App not found");
    const locked = app.canvas_kit === true || app.canvas_kit === 1 ? canvasKitScopes(s.scopes) : [];
    const wanted = checkScopes(s.scopes, [...scopes, ...locked]);
    const current = await trx
      .selectFrom("app_scopes")
      .select("scope_id")
      .where("app_id", "=", appId)
      .execute();
    const have = new Set(current.map((r) => r.scope_id));
    const dropped = [...have].filter((id) => !wanted.includes(id));
    if (dropped.length > 0) {
      await trx
        .deleteFrom("app_scopes")
        .where("app_id", "=", appId)
        .where("scope_id", "in", dropped)
        .execute();
      await recordNarrowed(s, trx, { appId });
    }
    const requester = actor?.adminId ?? null;
    // Saving again without a reason (the hub's box is empty each time) keeps the one given before,
    // so a reviewer never reads "No reason given" for a scope asked for with a reason.
    const why = reason ?? (await earlierReason(trx, appId));
    await insertScopeRequests(
      s,
      trx,
      appId,
      wanted.filter((id) => !have.has(id)),
      { reason: why, by: requester },
    );
    // A rejected extended scope asked for again goes back to review, as the new asker's request.
    await trx
      .updateTable("app_scopes")
      .set({
        review_state: "pending",
        requested_at: s.now(),
        requested_by_admin_id: requester,
        reviewed_at: null,
        reviewed_by_admin_id: null,
        ...(why !== null && { request_reason: why }),
      })
      .where("app_id", "=", appId)
      .where("review_state", "=", "rejected")
      .where("scope_id", "in", wanted.length > 0 ? wanted : [""])
      .execute();
    await trx.updateTable("apps").set({ updated_at: s.now() }).where("id", "=", appId).execute();
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.scopes_changed", { scopes: wanted });
    return trx.selectFrom("app_scopes").selectAll().where("app_id", "=", appId).orderBy("scope_id").execute();
  });
}

export async function listAppScopes(s: Services, appId: number): Promise<AppScopeRow[]> {
  return s.db.selectFrom("app_scopes").selectAll().where("app_id", "=", appId).orderBy("scope_id").execute();
}

export async function findAppByClientId(s: Services, clientId: string): Promise<AppRow | undefined> {
  // A deleted app is gone for every caller: the CLI, the hub, /oauth/authorize and /auth/eagle/token.
  return s.db
    .selectFrom("apps")
    .selectAll()
    .where("client_id", "=", clientId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function requireAppByClientId(s: Services, clientId: string): Promise<AppRow> {
  const app = await findAppByClientId(s, clientId);
  if (!app) throw errors.notFound(`No app with client_id ${clientId}`);
  return app;
}

export async function listApps(s: Services, workspaceId: number): Promise<AppRow[]> {
  return s.db
    .selectFrom("apps")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
}

export async function rotateClientSecret(s: Services, appId: number, actor?: Actor): Promise<string> {
  const secret = generateSecret("clientSecret");
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ ...clientSecretColumns(s, secret), updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.client_secret_rotated");
  });
  return secret;
}

/** Turns OAuth on or off for an app ("Use OAuth" on its Authentication page). */
export async function setOAuthEnabled(
  s: Services,
  appId: number,
  enabled: boolean,
  actor?: Actor,
): Promise<void> {
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ oauth_enabled: enabled, updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, enabled ? "app.oauth_enabled" : "app.oauth_disabled");
  });
}

/**
 * Turns Canvas Kit on or off. On, its four scopes (seed 002) are added to the app's requested scopes
 * and cannot be removed while it stays on; extended ones among them still go through review.
 */
export async function setCanvasKit(
  s: Services,
  appId: number,
  enabled: boolean,
  actor?: Actor,
): Promise<AppScopeRow[]> {
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ canvas_kit: enabled, updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, enabled ? "app.canvas_kit_on" : "app.canvas_kit_off");
  });
  const current = (await listAppScopes(s, appId)).map((r) => r.scope_id);
  return enabled ? setRequestedScopes(s, appId, current, undefined, actor) : listAppScopes(s, appId);
}

/** The scopes Canvas Kit locks on. */
export function canvasKitScopes(catalog: ScopeCatalog): string[] {
  return catalog
    .all()
    .filter((scope) => scope.canvasKit)
    .map((scope) => scope.id);
}

/** Marks an app public (no secret; PKCE required) or confidential. */
export async function setClientType(
  s: Services,
  appId: number,
  type: "confidential" | "public",
): Promise<void> {
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ client_type: type, updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
  });
}

export async function renameApp(s: Services, appId: number, name: string, actor?: Actor): Promise<void> {
  const checked = requireText(name, "name", 255);
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("apps")
      .set({ name: checked, updated_at: s.now() })
      .where("id", "=", appId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("App not found");
    touched.add(`app:${appId}`);
    await recordAppActivity(s, trx, actor, appId, "app.renamed", { name: checked });
  });
}
