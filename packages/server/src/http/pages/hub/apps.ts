import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { AppDescription, AppIconUrl, AppName } from "../../../platform/apps/app-input.ts";
import { listAdminApps } from "../../../platform/apps/app-listings.ts";
import { createApp } from "../../../platform/apps/apps.ts";
import { WorkspaceIdCode } from "../../../platform/identity/identity-input.ts";
import { domainRefusal, schemaRefusal, sentField } from "../form-refusal.ts";
import { Form, formBody, NoQuery, NoticeQuery, PageAnswers, PostAnswers } from "../forms.ts";
import { noticeFrom, withNotice } from "../notices.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { AppsListPage, NewAppPage } from "./apps-view.ts";
import { adminWorkspaces, workspaceChoices } from "./owned-app.ts";

const NewAppForm = Form({
  name: AppName,
  workspace: Type.Optional(WorkspaceIdCode),
  description: Type.Optional(AppDescription),
  icon_url: Type.Optional(AppIconUrl),
});

/** `/hub`: the signed-in admin's apps; `/hub/apps/new`: create one. */
export async function appsListRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get("/hub", { schema: { querystring: NoticeQuery, response: PageAnswers } }, async (request, reply) => {
    const admin = signedInAdmin(request);
    return reply.page(
      AppsListPage({
        ...pageFrame(request),
        notice: noticeFrom(request.query),
        apps: await listAdminApps(services, admin.id),
      }),
    );
  });

  app.get(
    "/hub/apps/new",
    { schema: { querystring: NoQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      return reply.page(
        NewAppPage({
          ...pageFrame(request),
          workspaces: await workspaceChoices(services, admin.id),
        }),
      );
    },
  );

  app.post(
    "/hub/apps/new",
    {
      schema: { body: NewAppForm, response: PostAnswers },
      // A refusal shows the form again, with the message beside its field (form-refusal.ts).
      attachValidation: true,
    },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const workspaces = await adminWorkspaces(services, admin.id);
      let error = schemaRefusal(request);
      if (!error) {
        const body = formBody(request, NewAppForm);
        const workspace =
          workspaces.find((w) => w.id_code === body.workspace) ??
          (workspaces.length === 1 ? workspaces[0] : undefined);
        try {
          if (!workspace)
            throw new ApiError(400, "parameter_invalid", "Choose one of your workspaces.", {
              field: "workspace",
            });
          const created = await createApp(
            services,
            {
              workspaceId: workspace.id,
              adminId: admin.id,
              name: body.name,
              scopes: [],
              // An empty field is no description or icon, as on Basic information.
              description: body.description || undefined,
              iconUrl: body.icon_url || undefined,
            },
            undefined,
            { adminId: admin.id, ip: request.ip },
          );
          return reply.redirect(withNotice(`/hub/apps/${created.app.client_id}`, "created"), 303);
        } catch (failure) {
          error = domainRefusal(failure, ["name", "workspace", "description", "icon_url"]);
        }
      }
      return reply.page(
        NewAppPage({
          ...pageFrame(request),
          workspaces: workspaces.map((w) => ({ idCode: w.id_code, name: w.name })),
          error,
          name: sentField(request.body, "name"),
          workspace: sentField(request.body, "workspace"),
          description: sentField(request.body, "description"),
          iconUrl: sentField(request.body, "icon_url"),
        }),
        error.status ?? 400,
      );
    },
  );
}
