import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type TProperties, Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { RedirectUri, ReviewText, ScopeId, ScopeIds } from "../../../platform/apps/app-input.ts";
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
import { type FormBody, NoticeQuery, PageAnswers } from "../forms.ts";
import type { LayoutProps } from "../layout.ts";
import { type NoticeKey, noticeFrom } from "../notices.ts";
import { pageFrame } from "../page-context.ts";
import { AppAuthenticationPage } from "./app-authentication-view.ts";
import { type AppTab, type AskFirst, appForm, type Draft } from "./app-form.ts";
import { AppParams, appHeading, ownedApp } from "./owned-app.ts";

/** A switch's hidden field: what the button turns it to. */
const OnOff = Type.Enum(["true", "false"]);

/**
 * `/hub/apps/:client_id/authentication`: the access token (reveal, regenerate, delete), "Use OAuth",
 * redirect URLs, permissions and Canvas Kit. Each change posts to its own URL under the page.
 */
export async function appAuthenticationRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  async function render(
    request: FastifyRequest,
    target: AppRow,
    notice: LayoutProps["notice"],
    draft?: Draft,
  ) {
    const installation = await findLiveInstallation(services.db, target.id, target.workspace_id);
    const token = installation ? await findLiveAccessToken(services, installation.id) : undefined;
    const scopes = await listAppScopes(services, target.id);
    const canvasKit = toBool(target.canvas_kit);
    return AppAuthenticationPage({
      ...pageFrame(request),
      notice,
      app: {
        ...(await appHeading(services, target)),
        oauthEnabled: toBool(target.oauth_enabled),
        canvasKit,
      },
      token: token ? revealToken(services, token) : undefined,
      redirectUris: await listRedirectUris(services, target.id),
      catalog: services.scopes,
      requested: new Map(scopes.map((r) => [r.scope_id, { state: r.review_state, note: r.review_note }])),
      locked: new Set(canvasKit ? canvasKitScopes(services.scopes) : []),
      ...(draft && { draft }),
    });
  }

  app.get(
    "/hub/apps/:client_id/authentication",
    { schema: { params: AppParams, querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) => {
      const target = await ownedApp(services, request.admin, request.params.client_id);
      return reply.page(await render(request, target, noticeFrom(request.query)));
    },
  );

  const tab: AppTab = { suffix: "/authentication", render };
  /** One change on the page (app-form.ts): a refusal shows beside `field` when it has one, else above. */
  const change = <T extends TProperties>(
    path: string,
    fields: T,
    notice: NoticeKey | ((body: FormBody<T>) => NoticeKey),
    run: (target: AppRow, body: FormBody<T>, actor: { adminId: number; ip: string }) => Promise<unknown>,
    options: { field?: string; confirm?: (target: AppRow) => Promise<AskFirst | undefined> } = {},
  ) =>
    appForm(plain, services, tab, path, fields, run, {
      notice,
      fields: options.field ? [options.field] : [],
      ...(options.confirm && { confirm: options.confirm }),
    });

  /** Asks first only while the app has a live token on its own workspace: that is what would be lost. */
  const askIfToken =
    (ask: AskFirst) =>
    async (target: AppRow): Promise<AskFirst | undefined> => {
      const installation = await findLiveInstallation(services.db, target.id, target.workspace_id);
      const token = installation ? await findLiveAccessToken(services, installation.id) : undefined;
      return token ? ask : undefined;
    };

  const ownInstallation = async (target: AppRow) => {
    const installation = await findLiveInstallation(services.db, target.id, target.workspace_id);
    if (!installation) throw new ApiError(404, "not_found", "The app is not installed on its own workspace.");
    return installation;
  };

  change(
    "token/regenerate",
    {},
    "token_regenerated",
    async (target, _body, actor) =>
      regenerateAccessToken(
        services,
        (await ownInstallation(target)).id,
        { reason: "regenerated", byAdminId: actor.adminId, asAdminId: actor.adminId },
        actor,
      ),
    {
      confirm: askIfToken({
        title: "Regenerate the access token?",
        message:
          "A new token is issued and the current one stops working at once: everything that uses it must get the new one.",
        label: "Regenerate access token",
      }),
    },
  );
  change(
    "token/delete",
    {},
    "token_deleted",
    async (target, _body, actor) => deleteAccessToken(services, (await ownInstallation(target)).id, actor),
    {
      confirm: askIfToken({
        title: "Delete the access token?",
        message: "It stops working at once. You can create a new one later.",
        label: "Delete access token",
      }),
    },
  );
  change(
    "oauth",
    { enabled: OnOff },
    (b) => (b.enabled === "true" ? "oauth_on" : "oauth_off"),
    async (target, body, actor) => setOAuthEnabled(services, target.id, body.enabled === "true", actor),
  );
  change(
    "redirect-urls/add",
    { uri: RedirectUri },
    "redirects_saved",
    (target, body, actor) => addRedirectUri(services, target.id, body.uri, actor),
    { field: "uri" },
  );
  change("redirect-urls/remove", { uri: RedirectUri }, "redirects_saved", (target, body, actor) =>
    removeRedirectUri(services, target.id, body.uri, actor),
  );
  change(
    "redirect-urls/move",
    { uri: RedirectUri, direction: Type.Enum(["up", "down"]) },
    "redirects_saved",
    (target, body, actor) => moveRedirectUri(services, target.id, body.uri, body.direction, actor),
  );
  change(
    "scopes",
    {
      // One checkbox arrives as a string, several as an array.
      scopes: Type.Optional(Type.Union([ScopeId, ScopeIds])),
      reason: Type.Optional(ReviewText),
    },
    "scopes_saved",
    (target, body, actor) => {
      const scopes =
        body.scopes === undefined ? [] : Array.isArray(body.scopes) ? body.scopes : [body.scopes];
      const reason = body.reason?.trim() || undefined;
      return setRequestedScopes(services, target.id, scopes, reason, actor);
    },
  );
  change(
    "canvas-kit",
    { enabled: OnOff },
    (b) => (b.enabled === "true" ? "canvas_on" : "canvas_off"),
    (target, body, actor) => setCanvasKit(services, target.id, body.enabled === "true", actor),
  );
}
