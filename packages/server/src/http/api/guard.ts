import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { DEFAULT_VERSION, type IntercomVersion, VERSION_NAMES } from "../../core/api-versions.ts";
import { errors } from "../../core/errors.ts";
import type { TokenAuthenticator } from "../../platform/apps/principals/authenticate.ts";
import type { Principal } from "../../platform/apps/principals/principal.ts";
import type { ScopeCatalog } from "../../platform/apps/scopes/catalog.ts";
import type { Decision, RateLimits } from "../../platform/services/limits/rate-limits.ts";
import { readAuthorization } from "./authorization-header.ts";
import { requestedVersion } from "./intercom-version.ts";

/** Every API route and the scopes that open it: what the docs' scope table and its test are made from. */
export type ScopeTable = Array<{ method: string; url: string; scopes: readonly string[] }>;

declare module "fastify" {
  interface FastifyContextConfig {
    /** The scopes that let a token use this route: any one of them suffices. Empty: any valid token. */
    scopes?: readonly string[];
    /**
     * The API versions this route exists in (default: all). In any other version it is not there at
     * all: the request gets the 404 of a path no route serves, before its token draws on any budget.
     */
    versions?: readonly IntercomVersion[];
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
    options: {
      authenticator: TokenAuthenticator;
      scopes: ScopeCatalog;
      limits: RateLimits;
      table: ScopeTable;
    },
  ) => {
    app.decorateRequest("principal", null as unknown as Principal);
    app.decorateRequest("intercomVersion", DEFAULT_VERSION);
    // Each route gets its own door, built once when the route is registered with the scopes it
    // declares; a callback hook, not an async one, so that on a cache hit with in-memory limits the
    // whole check runs synchronously, with no promise allocated per request.
    app.addHook("onRoute", (route) => {
      const scopes = route.config?.scopes ?? [];
      const versions = route.config?.versions;
      const door = doorFor(scopes, versions ? new Set(versions) : undefined);
      route.onRequest = route.onRequest ? [door, ...[route.onRequest].flat()] : door;
      for (const method of [route.method].flat()) {
        if (method !== "HEAD") options.table.push({ method, url: route.url, scopes });
      }
    });

    function doorFor(needed: readonly string[], versions: ReadonlySet<IntercomVersion> | undefined) {
      const refusal = needed.length > 0 ? insufficientScope(needed, options.scopes) : undefined;
      return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
        // A version the route does not exist in, named by the header: no token is needed to know it.
        if (versions && !servedIn(versions, requestedVersion(request.headers["intercom-version"]))) {
          reply.callNotFound();
          return;
        }
        let principal: ReturnType<TokenAuthenticator["authenticate"]>;
        try {
          principal = options.authenticator.authenticate(presentedToken(request));
        } catch (error) {
          done(error as Error);
          return;
        }
        if (principal instanceof Promise) {
          principal.then((p) => admit(request, reply, p, needed, refusal, versions, done), done);
        } else {
          admit(request, reply, principal, needed, refusal, versions, done);
        }
      };
    }

    function admit(
      request: FastifyRequest,
      reply: FastifyReply,
      principal: Principal | undefined,
      needed: readonly string[],
      refusal: Error | undefined,
      versions: ReadonlySet<IntercomVersion> | undefined,
      done: (error?: Error) => void,
    ): void {
      if (!principal) {
        done(INVALID_TOKEN);
        return;
      }
      // No header: the app's default version decides whether the route exists.
      if (
        versions &&
        !versions.has(principal.apiVersion) &&
        requestedVersion(request.headers["intercom-version"]) === null
      ) {
        reply.callNotFound();
        return;
      }
      // The workspace's REST API IP allowlist, once the token is known to be good (as Intercom checks it):
      // a leaked token is no use from elsewhere. Most workspaces have none, and pay one property read.
      if (principal.ipAllowlist && !principal.ipAllowlist.allows(request.ip)) {
        done(errors.ipNotAllowed());
        return;
      }
      request.principal = principal;
      const budget = options.limits.apiRequest(principal.appId, principal.workspaceId);
      if (budget instanceof Promise) {
        budget.then((b) => done(check(request, reply, b, needed, refusal)), done);
      } else {
        done(check(request, reply, budget, needed, refusal));
      }
    }

    /** The rest of the door, once the token is known: budget, version, scopes. */
    function check(
      request: FastifyRequest,
      reply: FastifyReply,
      budget: Decision,
      needed: readonly string[],
      refusal: Error | undefined,
    ): Error | undefined {
      const refused = rateLimitHeaders(reply, budget);
      if (refused) return refused;
      const asked = requestedVersion(request.headers["intercom-version"]);
      if (asked === undefined)
        return errors.invalidVersion(String(request.headers["intercom-version"]), VERSION_NAMES);
      request.intercomVersion = asked ?? request.principal.apiVersion;
      // Intercom's answers name the version they were given in (the one asked for, else the app's).
      reply.header("intercom-version", request.intercomVersion);
      if (refusal && !needed.some((s) => request.principal.scopes.has(s))) return refusal;
      return undefined;
    }
  },
);

/**
 * Intercom's headers, all three about the budget that binds (what its 10-second window allows, what is
 * left of it, when it ends in epoch seconds); and the 429, with Retry-After, when it is spent, in
 * Intercom's words ("Exceeded rate limit of 167 in 10_seconds"). Forward auth (`/oauth/verify`) answers
 * with the same.
 */
export function rateLimitHeaders(reply: FastifyReply, budget: Decision): Error | undefined {
  reply
    .header("x-ratelimit-limit", budget.limit)
    .header("x-ratelimit-remaining", budget.remaining)
    .header("x-ratelimit-reset", Math.ceil(budget.resetAt / 1000));
  if (budget.allowed) return undefined;
  return errors.rateLimited(budget.limit, Math.ceil((budget.resetAt - Date.now()) / 1000));
}

/**
 * Whether a version-bound route exists for the header's version: yes when the header names one of its
 * versions; also when it names none (the app's default decides, once the token is known) or an unknown
 * one (refused as such by the rest of the door).
 */
function servedIn(
  versions: ReadonlySet<IntercomVersion>,
  asked: IntercomVersion | null | undefined,
): boolean {
  return asked == null || versions.has(asked);
}

/**
 * Why the door turns a request away when no token gets through: an unknown, revoked or malformed
 * token (all "invalid"), none at all, or the retired API-key credentials. Nothing in these answers
 * depends on the request, so each is built once, as each route's scope refusal is: constructing a
 * fresh error per refused request (mostly capturing its stack trace through Fastify's hook chain)
 * cost more than the rest of the refusal. The error handler only reads them.
 */
export const INVALID_TOKEN = errors.invalidToken();
const MISSING_TOKEN = errors.missingToken();
const API_KEY_RETIRED = errors.apiKeyRetired();

/** The token the request presents, or the error that says why there is none to check. */
export function presentedToken(request: FastifyRequest): string {
  const credentials = readAuthorization(request.headers.authorization);
  switch (credentials.type) {
    case "none":
      throw MISSING_TOKEN;
    case "api_key":
      throw API_KEY_RETIRED;
    case "malformed":
      throw INVALID_TOKEN;
    case "token":
      return credentials.token;
  }
}

/** The 403 for a request whose token holds none of `needed`: built once per route, as the door builds its own. */
export function insufficientScope(needed: readonly string[], catalog: ScopeCatalog) {
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
