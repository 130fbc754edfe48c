import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { AppName } from "../../../platform/apps/app-input.ts";
import { createApp } from "../../../platform/apps/apps.ts";
import { WorkspaceIdCode } from "../../../platform/identity/identity-input.ts";
import { Form, NoQuery, PageAnswers, PostAnswers } from "../forms.ts";
import type { Viewer } from "../layout.ts";
import { withNotice } from "../notices.ts";
import { signedInAdmin, viewerOf } from "../page-context.ts";
import { AppsListPage, NewAppPage } from "./apps-view.ts";
import { adminWorkspaces } from "./owned-app.ts";

/** `/hub`: the signed-in admin's apps; `/hub/apps/new`: create one. */
export async function appsListRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/hub", { schema: { querystring: NoQuery, response: PageAnswers } }, async (request, reply) => {
    const admin = signedInAdmin(request);
    const apps = await services.db
      .selectFrom("apps")
      .innerJoin("memberships", "memberships.workspace_id", "apps.workspace_id")
      .innerJoin("workspaces", "workspaces.id", "apps.workspace_id")
      .select(["apps.client_id", "apps.name", "apps.oauth_enabled", "workspaces.name as workspace_name"])
      .where("memberships.admin_id", "=", admin.id)
      .where("apps.deleted_at", "is", null)
      .orderBy("apps.id")
      .execute();
    return reply.page(
      AppsListPage({
        viewer: viewerOf(admin) as Viewer,
        csrf: request.csrf,
        apps: apps.map((a) => ({
          clientId: a.client_id,
          name: a.name,
          workspaceName: a.workspace_name,
          oauth: a.oauth_enabled === true || a.oauth_enabled === 1,
        })),
      }),
    );
  });

  app.get(
    "/hub/apps/new",
    { schema: { querystring: NoQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspaces = await adminWorkspaces(services, admin.id);
      return reply.page(
        NewAppPage({
          viewer: viewerOf(admin) as Viewer,
          csrf: request.csrf,
          workspaces: workspaces.map((w) => ({ idCode: w.id_code, name: w.name })),
        }),
      );
    },
  );

  app.post(
    "/hub/apps/new",
    {
      schema: {
        body: Form({ name: AppName, workspace: Type.Optional(WorkspaceIdCode) }),
        response: PostAnswers,
      },
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const body = request.body;
      const workspaces = await adminWorkspaces(services, admin.id);
      const workspace =
        workspaces.find((w) => w.id_code === body.workspace) ??
        (workspaces.length === 1 ? workspaces[0] : undefined);
      try {
        if (!workspace) throw new ApiError(400, "parameter_invalid", "Choose one of your workspaces.");
        const created = await createApp(
          services,
          { workspaceId: workspace.id, adminId: admin.id, name: body.name, scopes: [] },
          undefined,
          { adminId: admin.id, ip: request.ip },
        );
        return reply.redirect(withNotice(`/hub/apps/${created.app.client_id}`, "created"), 303);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        return reply.page(
          NewAppPage({
            viewer: viewerOf(admin) as Viewer,
            csrf: request.csrf,
            workspaces: workspaces.map((w) => ({ idCode: w.id_code, name: w.name })),
            error: error.message,
            name: body.name,
          }),
          400,
        );
      }
    },
  );
}
