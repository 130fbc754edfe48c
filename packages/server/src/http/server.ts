import crypto from "node:crypto";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifySchema,
  LogController,
} from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Services } from "../core/services.ts";
import { TokenAuthenticator } from "../platform/apps/principals/authenticate.ts";
import type { ScopeTable } from "./api/guard.ts";
import { apiRoutes } from "./api-routes.ts";
import { backgroundWork } from "./background-work.ts";
import { pageRoutes } from "./pages/index.ts";
import { healthRoutes } from "./platform/health.ts";
import { authorizeRoutes } from "./platform/oauth/authorize.ts";
import { introspectRoutes } from "./platform/oauth/introspect.ts";
import { metadataRoutes } from "./platform/oauth/metadata.ts";
import { revocationFeedRoutes } from "./platform/oauth/revocations.ts";
import { revokeRoutes } from "./platform/oauth/revoke.ts";
import { selfServiceRoutes } from "./platform/oauth/self-service.ts";
import { tokenRoutes } from "./platform/oauth/token.ts";
import { verifyRoutes } from "./platform/oauth/verify.ts";
import { assetRoutes } from "./plugins/assets.ts";
import { defaultAvatarRoutes } from "./plugins/default-avatar.ts";
import { answerClientError, answerFrameworkError, errorsPlugin } from "./plugins/errors.ts";
import { jsonBodies } from "./plugins/json-bodies.ts";
import { noNulBytes } from "./plugins/no-nul-bytes.ts";
import { publicOriginPlugin } from "./plugins/public-origin.ts";
import { requestIdPlugin } from "./plugins/request-id.ts";
import { requestLoggerFactory } from "./plugins/request-logger.ts";
import { type SchemaCompileTime, useSchemaCompilers } from "./schema-compilers.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The domain services, for route handlers. */
    services: Services;
    /** The resource API's routes and the scopes each needs, filled as routes register. */
    scopeTable: ScopeTable;
    /** Every route the server declares (API, OAuth, pages, health, assets), with what it validates. */
    declaredRoutes: DeclaredRoute[];
  }
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** A POST, PUT or PATCH that takes no body: an action on what its URL names (`/contacts/{id}/archive`). */
    takesNoBody?: boolean;
  }
}

/**
 * One route as declared: its method, its URL pattern, the schemas it declares, and whether it takes a
 * body. The hostile suite walks these to reach every field of every route; the route-schema test, to
 * hold each to its schemas.
 */
export interface DeclaredRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  takesNoBody: boolean;
}

export interface ServerOptions {
  config: Config;
  services: Services;
  logger: Logger;
  /** When route schemas compile (default: at start, so a broken one stops the start). */
  schemaCompileTime?: SchemaCompileTime;
}

/** The HTTP face of Gatehouse: the resource API, the OAuth endpoints and the pages. */
export async function buildServer({
  config,
  services,
  logger,
  schemaCompileTime = "at-start",
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => crypto.randomUUID(),
    logController: new LogController({ requestIdLogLabel: "request_id" }),
    childLoggerFactory: requestLoggerFactory,
    bodyLimit: 1024 * 1024,
    // Proxies in front of Gatehouse are the operator's choice; without one, the socket address is the truth.
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // What never reaches a route (an unreadable request, a path that is not UTF-8) is refused in
    // Intercom's error shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  useSchemaCompilers(app, schemaCompileTime);
  app.decorate("services", services);
  app.decorate("scopeTable", [] as ScopeTable);
  app.decorate("declaredRoutes", [] as DeclaredRoute[]);
  // Added before any route plugin registers, so every route (in every child context) passes through it.
  app.addHook("onRoute", (route) => {
    const takesNoBody = route.config?.takesNoBody === true;
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        app.declaredRoutes.push({ method, url: route.url, schema: route.schema, takesNoBody });
    }
  });
  await app.register(publicOriginPlugin, { config });
  await app.register(requestIdPlugin);
  await app.register(errorsPlugin);
  await app.register(jsonBodies);
  await app.register(noNulBytes);
  await app.register(healthRoutes, { services });
  await app.register(assetRoutes);
  await app.register(defaultAvatarRoutes);
  const authenticator = new TokenAuthenticator(services);
  await app.register(tokenRoutes, { services });
  await app.register(revokeRoutes, { services });
  await app.register(introspectRoutes, { services, authenticator });
  await app.register(revocationFeedRoutes, { services });
  await app.register(metadataRoutes, { services });
  await app.register(selfServiceRoutes, { services, authenticator });
  await app.register(verifyRoutes, { authenticator, scopes: services.scopes, limits: services.limits });
  await app.register(authorizeRoutes, { services, config });
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
