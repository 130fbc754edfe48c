import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import {
  canvasKitScopes,
  listAppScopes,
  setCanvasKit,
  setOAuthEnabled,
  setRequestedScopes,
} from "../../../platform/apps/apps.ts";
import { findLiveInstallation } from "../../../platform/apps/installations.ts";
import {
  addRedirectUri,
  listRedirectUris,
  moveRedirectUri,
  removeRedirectUri,
} from "../../../platform/apps/oauth/redirect-uris.ts";
import {
  deleteAccessToken,
  findLiveAccessToken,
  regenerateAccessToken,
  revealToken,
} from "../../../platform/apps/tokens/access-tokens.ts";
import { toBool } from "../../../storage/schema.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import type { LayoutProps, Viewer } from "../layout.ts";
import { type NoticeKey, noticeFrom, withNotice } from "../notices.ts";
import { signedInAdmin, viewerOf } from "../page-context.ts";
import { AppAuthenticationPage } from "./app-authentication-view.ts";
import { ownedApp } from "./owned-app.ts";

const Params = Type.Object({ client_id: Type.String({ maxLength: 100 }) });
type Params = { client_id: string };

/**
 * `/hub/apps/:client_id/authentication`: the access token (reveal, regenerate, delete), "Use OAuth",
 * redirect URLs, permissions and Canvas Kit. Each change posts to its own URL under the page.
 */
export async function appAuthenticationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  async function render(request: FastifyRequest, target: AppRow, notice: LayoutProps["notice"]) {
    const installation = await findLiveInstallation(services.db, target.id, target.workspace_id);
    const token = installation ? await findLiveAccessToken(services, installation.id) : undefined;
    const scopes = await listAppScopes(services, target.id);
    const canvasKit = toBool(target.canvas_kit);
    return AppAuthenticationPage({
      viewer: viewerOf(signedInAdmin(request)) as Viewer,
      csrf: request.csrf,
      notice,
      app: {
        clientId: target.client_id,
        name: target.name,
        oauthEnabled: toBool(target.oauth_enabled),
        canvasKit,
      },
      token: token ? revealToken(services, token) : undefined,
      redirectUris: await listRedirectUris(services, target.id),
      catalog: services.scopes,
      requested: new Map(scopes.map((r) => [r.scope_id, { state: r.review_state, note: r.review_note }])),
      locked: new Set(canvasKit ? canvasKitScopes(services.scopes) : []),
    });
  }

  app.get("/hub/apps/:client_id/authentication", { schema: { params: Params } }, async (request, reply) => {
    const target = await ownedApp(services, request.admin, (request.params as Params).client_id);
    return reply.page(await render(request, target, noticeFrom(request.query)));
  });

  /**
   * Registers a change: finds the app (404 if not the admin's), runs `change`, and answers with a 303
   * back to the page; a refusal from the domain re-renders the page with the reason, changing nothing.
   */
  function change(
    path: string,
    body: ReturnType<typeof Type.Object> | undefined,
    notice: NoticeKey | ((body: Record<string, unknown>) => NoticeKey),
    run: (
      target: AppRow,
      body: Record<string, unknown>,
      actor: { adminId: number; ip: string },
    ) => Promise<unknown>,
  ) {
    app.post(
      `/hub/apps/:client_id/${path}`,
      { schema: { params: Params, ...(body && { body }) } },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const admin = signedInAdmin(request);
        const target = await ownedApp(services, admin, (request.params as Params).client_id);
        const fields = (request.body ?? {}) as Record<string, unknown>;
        try {
          await run(target, fields, { adminId: admin.id, ip: request.ip });
        } catch (error) {
          if (!(error instanceof ApiError) || error.status >= 500) throw error;
          return reply.page(
            await render(request, target, { kind: "error", text: error.message }),
            error.status,
          );
        }
        const said = typeof notice === "function" ? notice(fields) : notice;
        return reply.redirect(withNotice(`/hub/apps/${target.client_id}/authentication`, said), 303);
      },
    );
  }

  const ownInstallation = async (target: AppRow) => {
    const installation = await findLiveInstallation(services.db, target.id, target.workspace_id);
    if (!installation) throw new ApiError(404, "not_found", "The app is not installed on its own workspace.");
    return installation;
  };

  change("token/regenerate", undefined, "token_regenerated", async (target, _body, actor) =>
    regenerateAccessToken(
      services,
      (await ownInstallation(target)).id,
      { reason: "regenerated", byAdminId: actor.adminId, asAdminId: actor.adminId },
      actor,
    ),
  );
  change("token/delete", undefined, "token_deleted", async (target, _body, actor) =>
    deleteAccessToken(services, (await ownInstallation(target)).id, actor),
  );
  change(
    "oauth",
    Type.Object({ enabled: Type.Union([Type.Literal("true"), Type.Literal("false")]) }),
    (b) => (b.enabled === "true" ? "oauth_on" : "oauth_off"),
    async (target, body, actor) => setOAuthEnabled(services, target.id, body.enabled === "true", actor),
  );
  change(
    "redirect-urls/add",
    Type.Object({ uri: Type.String({ maxLength: 4000 }) }),
    "redirects_saved",
    (target, body, actor) => addRedirectUri(services, target.id, String(body.uri), actor),
  );
  change(
    "redirect-urls/remove",
    Type.Object({ uri: Type.String({ maxLength: 4000 }) }),
    "redirects_saved",
    (target, body, actor) => removeRedirectUri(services, target.id, String(body.uri), actor),
  );
  change(
    "redirect-urls/move",
    Type.Object({
      uri: Type.String({ maxLength: 4000 }),
      direction: Type.Union([Type.Literal("up"), Type.Literal("down")]),
    }),
    "redirects_saved",
    (target, body, actor) =>
      moveRedirectUri(services, target.id, String(body.uri), body.direction as "up" | "down", actor),
  );
  change(
    "scopes",
    Type.Object({
      scopes: Type.Optional(
        Type.Union([
          Type.String({ maxLength: 100 }),
          Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }),
        ]),
      ),
      reason: Type.Optional(Type.String({ maxLength: 1000 })),
    }),
    "scopes_saved",
    (target, body, actor) => {
      const scopes =
        body.scopes === undefined ? [] : Array.isArray(body.scopes) ? body.scopes : [body.scopes];
      const reason = typeof body.reason === "string" && body.reason.trim() ? body.reason.trim() : undefined;
      return setRequestedScopes(services, target.id, scopes as string[], reason, actor);
    },
  );
  change(
    "canvas-kit",
    Type.Object({ enabled: Type.Union([Type.Literal("true"), Type.Literal("false")]) }),
    (b) => (b.enabled === "true" ? "canvas_on" : "canvas_off"),
    (target, body, actor) => setCanvasKit(services, target.id, body.enabled === "true", actor),
  );
}
