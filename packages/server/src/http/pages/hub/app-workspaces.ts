import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../../core/services.ts";
import { installationsSeenBy } from "../../../platform/apps/installations.ts";
import { revealToken } from "../../../platform/apps/tokens/access-tokens.ts";
import { NoQuery, PageAnswers } from "../forms.ts";
import { pageFrame, signedInAdmin } from "../page-context.ts";
import { AppWorkspacesPage } from "./app-workspaces-view.ts";
import { AppParams, appHeading, ownedApp } from "./owned-app.ts";

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
      const workspaces = (await installationsSeenBy(services, target.id, admin.id)).map((row) => ({
        idCode: row.id_code,
        name: row.workspace_name,
        installedAt: row.installed_at,
        token: row.token_sealed ? revealToken(services, { token_sealed: row.token_sealed }) : undefined,
        viewerIsMember: row.viewer_admin_id !== null,
      }));
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
