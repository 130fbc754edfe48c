import type { FastifyInstance } from "fastify";
import type { Config } from "../../config.ts";
import type { Services } from "../../core/services.ts";
import { NoQuery, Redirect } from "./forms.ts";
import { appAuthenticationRoutes } from "./hub/app-authentication.ts";
import { appBasicRoutes } from "./hub/app-basic.ts";
import { appDeleteRoutes } from "./hub/app-delete.ts";
import { appWebhooksRoutes } from "./hub/app-webhooks.ts";
import { appWorkspacesRoutes } from "./hub/app-workspaces.ts";
import { appsListRoutes } from "./hub/apps.ts";
import { setUpPages } from "./page-setup.ts";
import { profileRoutes } from "./profile.ts";
import { reviewRoutes } from "./reviews.ts";
import { securityRoutes } from "./security.ts";
import { settingsRoutes } from "./settings.ts";
import { signInRoutes } from "./signin.ts";

/** The server-rendered pages: sign-in, the developer hub, settings, reviews (the consent page is OAuth's). */
export async function pageRoutes(
  app: FastifyInstance,
  { services, config }: { services: Services; config: Config },
) {
  const cookies = await setUpPages(app, { services, config });
  app.get(
    "/",
    { config: { signedOut: true }, schema: { querystring: NoQuery, response: { 303: Redirect } } },
    (request, reply) => reply.redirect(request.admin ? "/hub" : "/signin", 303),
  );
  await app.register(signInRoutes, { services, config, cookies });
  await app.register(appsListRoutes, { services });
  await app.register(appBasicRoutes, { services });
  await app.register(appDeleteRoutes, { services });
  await app.register(appAuthenticationRoutes, { services });
  await app.register(appWorkspacesRoutes, { services });
  await app.register(appWebhooksRoutes, { services });
  await app.register(settingsRoutes, { services });
  await app.register(profileRoutes, { services });
  await app.register(securityRoutes, { services });
  await app.register(reviewRoutes, { services });
}
