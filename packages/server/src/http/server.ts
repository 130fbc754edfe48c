import crypto from "node:crypto";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifySchema,
  LogController,
} from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { TokenAuthenticator } from "../domain/principals/authenticate.ts";
import type { Services } from "../domain/services.ts";
import type { ScopeTable } from "./api/guard.ts";
import { apiRoutes } from "./api/index.ts";
import { assetRoutes } from "./assets.ts";
import { healthRoutes } from "./health.ts";
import { introspectRoutes } from "./oauth/introspect.ts";
import { metadataRoutes } from "./oauth/metadata.ts";
import { revokeRoutes } from "./oauth/revoke.ts";
import { selfServiceRoutes } from "./oauth/self-service.ts";
import { tokenRoutes } from "./oauth/token.ts";
import { pageRoutes } from "./pages/index.ts";
import { backgroundWork } from "./plugins/background-work.ts";
import { answerClientError, answerFrameworkError, errorsPlugin } from "./plugins/errors.ts";
import { noNulBytes } from "./plugins/no-nul-bytes.ts";
import { requestIdPlugin } from "./plugins/request-id.ts";
import { publicOriginPlugin } from "./public-origin.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The domain services, for route handlers. */
    services: Services;
    /** The resource API's routes and the scopes each needs, filled as routes register. */
    scopeTable: ScopeTable;
    /** Every route the server declares, pages and OAuth endpoints included, with what it validates. */
    declaredRoutes: DeclaredRoute[];
  }
}

/** One route as declared: the hostile suite walks these to reach every field of every route. */
export interface DeclaredRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

export interface ServerOptions {
  config: Config;
  services: Services;
  logger: Logger;
}

/** The HTTP face of Gatehouse: the resource API, the OAuth endpoints and the pages. */
export async function buildServer({ config, services, logger }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => crypto.randomUUID(),
    logController: new LogController({ requestIdLogLabel: "request_id" }),
    bodyLimit: 1024 * 1024,
    // Proxies in front of Gatehouse are the operator's choice; without one, the socket address is the truth.
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // What never reaches a route (an unreadable request, a path that is not UTF-8) is refused in
    // Intercom's error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.decorate("services", services);
  app.decorate("scopeTable", [] as ScopeTable);
  await app.register(publicOriginPlugin, { config });
  app.decorate("declaredRoutes", [] as DeclaredRoute[]);
  // Added before any route plugin registers, so every route (in every child context) passes through it.
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.declaredRoutes.push({ method, url: route.url, schema: route.schema });
    }
  });
  await app.register(requestIdPlugin);
  await app.register(errorsPlugin);
  await app.register(noNulBytes);
  await app.register(healthRoutes, { services });
  await app.register(assetRoutes);
  const authenticator = new TokenAuthenticator(services);
  await app.register(tokenRoutes, { services });
  await app.register(revokeRoutes, { services });
  await app.register(introspectRoutes, { services, authenticator });
  await app.register(metadataRoutes, { services });
  await app.register(selfServiceRoutes, { services, authenticator });
  await app.register(pageRoutes, { services, config });
  await app.register(apiRoutes, {
    authenticator,
    scopes: services.scopes,
    limits: services.limits,
    table: app.scopeTable,
  });
  await app.register(backgroundWork, { services, config, logger });
  return app;
}
