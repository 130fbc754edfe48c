import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { VERSION_NAMES } from "../../../core/api-versions.ts";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { setDefaultApiVersion, storedVersion } from "../../../platform/apps/api-version.ts";
import { ApiVersionName, AppName } from "../../../platform/apps/app-input.ts";
import { renameApp, rotateClientSecret } from "../../../platform/apps/apps.ts";
import { revealClientSecret } from "../../../platform/apps/client-secrets.ts";
import { setUninstallUrl } from "../../../platform/webhooks/uninstall-notices.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { Form, NoticeQuery, PageAnswers, PostAnswers } from "../forms.ts";
import type { LayoutProps, Viewer } from "../layout.ts";
import { noticeFrom, withNotice } from "../notices.ts";
import { signedInAdmin, viewerOf } from "../page-context.ts";
import { AppBasicPage } from "./app-basic-view.ts";
import { AppParams, ownedApp } from "./owned-app.ts";

/** `/hub/apps/:client_id`: Basic information (name, client_id, client secret with reveal and rotate). */
export async function appBasicRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const render = async (
    request: Parameters<typeof signedInAdmin>[0],
    target: AppRow,
    notice: LayoutProps["notice"],
  ) => {
    const workspace = await services.db
      .selectFrom("workspaces")
      .select("name")
      .where("id", "=", target.workspace_id)
      .executeTakeFirstOrThrow();
    return AppBasicPage({
      viewer: viewerOf(signedInAdmin(request)) as Viewer,
      csrf: request.csrf,
      notice,
      app: {
        clientId: target.client_id,
        name: target.name,
        workspaceName: workspace.name,
        clientType: target.client_type,
        apiVersion: storedVersion(target.api_version),
        uninstallUrl: target.uninstall_url,
      },
      clientSecret: revealClientSecret(services, target),
      versions: VERSION_NAMES,
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

  app.post(
    "/hub/apps/:client_id/rename",
    { schema: { params: AppParams, body: Form({ name: AppName }), response: PostAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      try {
        await renameApp(services, target.id, request.body.name, {
          adminId: admin.id,
          ip: request.ip,
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        return reply.page(await render(request, target, { kind: "error", text: error.message }), 400);
      }
      return reply.redirect(withNotice(`/hub/apps/${target.client_id}`, "renamed"), 303);
    },
  );

  app.post(
    "/hub/apps/:client_id/api-version",
    {
      schema: { params: AppParams, body: Form({ api_version: ApiVersionName }), response: PostAnswers },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      try {
        await setDefaultApiVersion(services, target.id, request.body.api_version, {
          adminId: admin.id,
          ip: request.ip,
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        return reply.page(await render(request, target, { kind: "error", text: error.message }), 400);
      }
      return reply.redirect(withNotice(`/hub/apps/${target.client_id}`, "api_version_saved"), 303);
    },
  );

  app.post(
    "/hub/apps/:client_id/uninstall-url",
    {
      schema: {
        params: AppParams,
        body: Form({ uninstall_url: Type.String({ maxLength: 2000 }) }),
        response: PostAnswers,
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      try {
        await setUninstallUrl(services, target.id, request.body.uninstall_url, {
          adminId: admin.id,
          ip: request.ip,
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        return reply.page(await render(request, target, { kind: "error", text: error.message }), 400);
      }
      return reply.redirect(withNotice(`/hub/apps/${target.client_id}`, "uninstall_url_saved"), 303);
    },
  );

  app.post(
    "/hub/apps/:client_id/rotate-secret",
    { schema: { params: AppParams, body: Form({}), response: PostAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      await rotateClientSecret(services, target.id, { adminId: admin.id, ip: request.ip });
      return reply.redirect(withNotice(`/hub/apps/${target.client_id}`, "secret_rotated"), 303);
    },
  );
}
