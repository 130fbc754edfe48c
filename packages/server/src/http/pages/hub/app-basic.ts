import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { type TProperties, Type } from "typebox";
import { VERSION_NAMES } from "../../../core/api-versions.ts";
import type { Services } from "../../../core/services.ts";
import { setDefaultApiVersion, storedVersion } from "../../../platform/apps/api-version.ts";
import { ApiVersionName, AppDescription, AppIconUrl, AppName } from "../../../platform/apps/app-input.ts";
import { setAppProfile } from "../../../platform/apps/app-profile.ts";
import { renameApp, rotateClientSecret } from "../../../platform/apps/apps.ts";
import { revealClientSecret } from "../../../platform/apps/client-secrets.ts";
import { setUninstallUrl } from "../../../platform/webhooks/uninstall-notices.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { type FormBody, NoticeQuery, PageAnswers } from "../forms.ts";
import type { LayoutProps } from "../layout.ts";
import { type NoticeKey, noticeFrom } from "../notices.ts";
import { pageFrame, type signedInAdmin } from "../page-context.ts";
import { AppBasicPage } from "./app-basic-view.ts";
import { appForm, type Draft } from "./app-form.ts";
import { AppParams, appHeading, ownedApp } from "./owned-app.ts";

/**
 * `/hub/apps/:client_id`: Basic information (name, description, icon, API version, uninstall URL,
 * client_id, client secret with reveal and rotate). Deleting the app lives in app-delete.ts.
 */
export async function appBasicRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const render = async (
    request: Parameters<typeof signedInAdmin>[0],
    target: AppRow,
    notice: LayoutProps["notice"],
    draft?: Draft,
  ) => {
    const workspace = await services.db
      .selectFrom("workspaces")
      .select("name")
      .where("id", "=", target.workspace_id)
      .executeTakeFirstOrThrow();
    return AppBasicPage({
      ...pageFrame(request),
      notice,
      app: {
        ...(await appHeading(services, target)),
        workspaceName: workspace.name,
        clientType: target.client_type,
        apiVersion: storedVersion(target.api_version),
        uninstallUrl: target.uninstall_url,
      },
      clientSecret: revealClientSecret(services, target),
      versions: VERSION_NAMES,
      ...(draft && { draft }),
    });
  };

  app.get(
    "/hub/apps/:client_id",
    { schema: { params: AppParams, querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) => {
      const target = await ownedApp(services, request.admin, request.params.client_id);
      return reply.page(await render(request, target, noticeFrom(request.query)));
    },
  );

  /** One form of the page (app-form.ts): a refusal shows beside its field, with what was typed. */
  const form = <T extends TProperties>(
    path: string,
    fields: T,
    notice: NoticeKey,
    run: (target: AppRow, body: FormBody<T>, actor: { adminId: number; ip: string }) => Promise<unknown>,
  ) => appForm(plain, services, { suffix: "", render }, path, fields, run, { notice });

  form("rename", { name: AppName }, "renamed", (target, body, actor) =>
    renameApp(services, target.id, body.name, actor),
  );
  form(
    "profile",
    { description: Type.Optional(AppDescription), icon_url: Type.Optional(AppIconUrl) },
    "profile_saved",
    (target, body, actor) =>
      setAppProfile(
        services,
        target.id,
        { description: body.description ?? null, iconUrl: body.icon_url ?? null },
        actor,
      ),
  );
  form("api-version", { api_version: ApiVersionName }, "api_version_saved", (target, body, actor) =>
    setDefaultApiVersion(services, target.id, body.api_version, actor),
  );
  form(
    "uninstall-url",
    { uninstall_url: Type.String({ maxLength: 2000 }) },
    "uninstall_url_saved",
    (target, body, actor) => setUninstallUrl(services, target.id, body.uninstall_url, actor),
  );

  appForm(
    plain,
    services,
    { suffix: "", render },
    "rotate-secret",
    {},
    (target, _body, actor) => rotateClientSecret(services, target.id, actor),
    {
      confirm: async (target) => ({
        title: `Rotate the client secret of ${target.name}?`,
        message:
          "The current secret stops working at once: every server that uses it must get the new one before it can exchange codes or refresh tokens again.",
        label: "Rotate client secret",
      }),
      notice: "secret_rotated",
    },
  );
}
