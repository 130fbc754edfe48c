import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { errors } from "../../domain/errors.ts";
import type { TokenAuthenticator } from "../../domain/principals/authenticate.ts";
import type { Principal } from "../../domain/principals/principal.ts";
import type { ScopeCatalog } from "../../domain/scopes/catalog.ts";
import type { RateLimits } from "../../limits/rate-limits.ts";
import { readAuthorization } from "./authorization-header.ts";
import { type IntercomVersion, readVersion, SUPPORTED_VERSIONS } from "./intercom-version.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The scopes that let a token use this route: any one of them suffices. Empty: any valid token. */
    scopes?: readonly string[];
  }
  interface FastifyRequest {
    principal: Principal;
    intercomVersion: IntercomVersion;
  }
}

/**
 * The resource API's door, run before every API route: who is calling (the token), which API version
 * they speak, and whether their scopes cover the route's.
 */
export const apiGuard = fp(
  async (
    app: FastifyInstance,
    options: { authenticator: TokenAuthenticator; scopes: ScopeCatalog; limits: RateLimits },
  ) => {
    app.decorateRequest("principal", null as unknown as Principal);
    app.decorateRequest("intercomVersion", "2.14");
    app.addHook("onRequest", async (request, reply) => {
      request.principal = await authenticate(request, options.authenticator);
      // Intercom's headers: a per-minute budget per app and workspace, and when the window resets.
      const budget = await options.limits.apiRequest(request.principal.appId, request.principal.workspaceId);
      reply.header("X-RateLimit-Limit", budget.limit);
      reply.header("X-RateLimit-Remaining", budget.remaining);
      reply.header("X-RateLimit-Reset", Math.ceil(budget.resetAt / 1000));
      if (!budget.allowed) throw errors.rateLimited(Math.ceil((budget.resetAt - Date.now()) / 1000));
      const version = readVersion(request.headers["intercom-version"]);
      if (!version)
        throw errors.invalidVersion(String(request.headers["intercom-version"]), SUPPORTED_VERSIONS);
      request.intercomVersion = version;
      const needed = request.routeOptions.config.scopes;
      if (needed && needed.length > 0 && !needed.some((s) => request.principal.scopes.has(s))) {
        throw insufficientScope(needed, options.scopes);
      }
    });
  },
);

async function authenticate(request: FastifyRequest, authenticator: TokenAuthenticator): Promise<Principal> {
  const credentials = readAuthorization(request.headers.authorization);
  switch (credentials.type) {
    case "none":
      throw errors.missingToken();
    case "api_key":
      throw errors.apiKeyRetired();
    case "malformed":
      throw errors.invalidToken();
    case "token": {
      const principal = await authenticator.authenticate(credentials.token);
      if (!principal) throw errors.invalidToken();
      return principal;
    }
  }
}

function insufficientScope(needed: readonly string[], catalog: ScopeCatalog) {
  const scopes = needed.map((id) => catalog.get(id));
  const names = scopes.map((s, i) => (s ? `"${s.label}"` : needed[i])).join(" or ");
  const extended = scopes.some((s) => s?.tier === "extended");
  const message =
    `This token lacks the permission this request needs: ${names}.` +
    (extended
      ? " It is an extended scope: ask for it on the app's Authentication page; it needs review before use."
      : "");
  return errors.insufficientScope(needed.join(" "), message);
}
