import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import { findInstalledApp, listInstalledApps } from "../../platform/apps/app-listings.ts";
import { uninstallApp } from "../../platform/apps/installations.ts";
import { ActivityQuery, loadActivity } from "./activity-log.ts";
import { ActivityPage } from "./activity-view.ts";
import { Confirmed, ConfirmPage } from "./confirm-view.ts";
import { Form, NoQuery, NoticeQuery, PageAnswers, PostAnswers } from "./forms.ts";
import { workspaceChoices } from "./hub/owned-app.ts";
import { memberWorkspace, WorkspaceParams } from "./member-workspace.ts";
import { noticeFrom, withNotice } from "./notices.ts";
import { pageFrame, signedInAdmin } from "./page-context.ts";
import { InstalledAppsPage, WorkspacesPage } from "./settings-view.ts";

/** The workspace's settings: installed apps (with Uninstall) and the activity log. Admins of it only. */
export async function settingsRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/settings",
    { schema: { querystring: NoQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      return reply.page(
        WorkspacesPage({
          ...pageFrame(request),
          workspaces: await workspaceChoices(services, admin.id),
        }),
      );
    },
  );

  app.get(
    "/settings/:id_code/apps",
    { schema: { params: WorkspaceParams, querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspace = await memberWorkspace(services, admin, request.params.id_code);
      return reply.page(
        InstalledAppsPage({
          ...pageFrame(request),
          notice: noticeFrom(request.query),
          workspace: { idCode: workspace.id_code, name: workspace.name },
          apps: await listInstalledApps(services, workspace.id),
          catalog: services.scopes,
        }),
      );
    },
  );

  app.post(
    "/settings/:id_code/apps/uninstall",
    {
      schema: {
        params: WorkspaceParams,
        body: Form({ installation: Type.String({ pattern: "^[0-9]{1,12}$" }), ...Confirmed }),
        response: PostAnswers,
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspace = await memberWorkspace(services, admin, request.params.id_code);
      const installationId = recordId(request.body.installation);
      const installation = await findInstalledApp(services, workspace.id, installationId);
      if (!installation) throw new ApiError(404, "not_found", "That app is not installed on this workspace.");
      if (request.body.confirm !== "1") {
        return reply.page(
          ConfirmPage({
            ...pageFrame(request),
            title: `Uninstall ${installation.name} from ${workspace.name}?`,
            message:
              "Its access to this workspace ends at once: every token it holds here stops working, and it gets no more webhooks from it.",
            action: `/settings/${workspace.id_code}/apps/uninstall`,
            fields: { installation: String(installation.id) },
            label: `Uninstall ${installation.name}`,
            cancel: `/settings/${workspace.id_code}/apps`,
          }),
        );
      }
      await uninstallApp(services, installation.id, admin.id, request.ip);
      return reply.redirect(withNotice(`/settings/${workspace.id_code}/apps`, "uninstalled"), 303);
    },
  );

  app.get(
    "/settings/:id_code/activity",
    { schema: { params: WorkspaceParams, querystring: ActivityQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspace = await memberWorkspace(services, admin, request.params.id_code);
      return reply.page(
        ActivityPage({
          ...pageFrame(request),
          workspace: { idCode: workspace.id_code, name: workspace.name },
          list: await loadActivity(services, workspace.id, request.query),
        }),
      );
    },
  );
}
