import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../../core/services.ts";
import { listInstallations } from "../../../platform/apps/installations.ts";
import { findLiveAccessToken, revealToken } from "../../../platform/apps/tokens/access-tokens.ts";
import { NoQuery, PageAnswers } from "../forms.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { AppWorkspacesPage } from "./app-workspaces-view.ts";
import { AppParams, adminWorkspaces, appHeading, ownedApp } from "./owned-app.ts";

/**
 * `/hub/apps/:client_id/workspaces` (Test & Publish › Your workspaces): every workspace with the app
 * installed; the access token only for workspaces the viewer is an admin of.
 */
export async function appWorkspacesRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/hub/apps/:client_id/workspaces",
    { schema: { params: AppParams, querystring: NoQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = signedInAdmin(request);
      const target = await ownedApp(services, admin, request.params.client_id);
      const mine = new Set((await adminWorkspaces(services, admin.id)).map((w) => w.id));
      const installations = await listInstallations(services, target.id);
      const workspaces = await Promise.all(
        installations.map(async (i) => {
          const member = mine.has(i.workspace_id);
          const token = member ? await findLiveAccessToken(services, i.installation_id) : undefined;
          return {
            idCode: i.id_code,
            name: i.workspace_name,
            installedAt: i.installed_at,
            token: token ? revealToken(services, token) : undefined,
            viewerIsMember: member,
          };
        }),
      );
      return reply.page(
        AppWorkspacesPage({
          ...pageFrame(request),
          app: await appHeading(services, target),
          workspaces,
        }),
      );
    },
  );
}
