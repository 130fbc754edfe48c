import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { errors } from "../../../core/errors.ts";
import type { TokenAuthenticator } from "../../../platform/apps/principals/authenticate.ts";
import type { Principal } from "../../../platform/apps/principals/principal.ts";
import type { ScopeCatalog } from "../../../platform/apps/scopes/catalog.ts";
import type { RateLimits } from "../../../platform/services/limits/rate-limits.ts";
import { INVALID_TOKEN, insufficientScope, presentedToken, rateLimitHeaders } from "../../api/guard.ts";

/**
 * Forward auth: `/oauth/verify`, and any path below it, as nginx `auth_request`, Traefik `ForwardAuth` and
 * Envoy's HTTP `ext_authz` call it, so that a team's own API behind a proxy is guarded by Gatehouse's
 * tokens and scopes. The proxy forwards the client's `Authorization` (Bearer, or Basic with the token as
 * user name, as on the API) and names the scopes its location accepts; Gatehouse holds no route rules.
 *
 * 200, with who the token speaks for in `X-Gatehouse-*` headers for the upstream; 401 with a Bearer
 * challenge; 403 `insufficient_scope`; 429 with Intercom's rate-limit headers, from the API's own budgets
 * (traffic through the proxy counts). The token check is the API door's: the same cached principal.
 */

/** Envoy sends the original request's method (and appends its path): every method that carries no body. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/** A scope list is a few ids; anything longer is a misconfiguration or an attack, refused as a 400. */
const SCOPE_LIST = Type.String({ maxLength: 2000 });

const schema = {
  // Envoy appends the client's own query string: anything else in it is the upstream's, not ours.
  querystring: Type.Object(
    { scope: Type.Optional(Type.Union([SCOPE_LIST, Type.Array(SCOPE_LIST, { maxItems: 8 })])) },
    { additionalProperties: true },
  ),
  response: {
    200: Type.Null({ description: "No body: the answer, and who the token speaks for, is in the headers" }),
  },
};
const belowSchema = { ...schema, params: Type.Object({ "*": Type.String() }) };
type VerifyRequest = FastifyRequest<{ Querystring: Static<typeof schema.querystring> }>;

/** One requirement: the scopes a location accepts, any one of which suffices, and its 403 (built once). */
interface Requirement {
  scopes: readonly string[];
  refusal: Error;
}

export async function verifyRoutes(
  app: FastifyInstance,
  options: { authenticator: TokenAuthenticator; scopes: ScopeCatalog; limits: RateLimits },
) {
  // Proxies send no body (nginx: `proxy_pass_request_body off`; Envoy without `with_request_body`), but
  // may keep a Content-Type, and an empty JSON body is an error to Fastify: whatever comes is drained
  // unread, in this plugin only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => {
    payload.resume();
    payload.on("end", () => done(null));
  });

  const requirements = new Map<string, Requirement | null>();
  /** The requirement a scope list names, parsed once per distinct list (a proxy sends a handful). */
  function requirement(list: string): Requirement | null {
    let found = requirements.get(list);
    if (found === undefined) {
      const scopes = list.split(/[\s,]+/).filter(Boolean);
      found = scopes.length === 0 ? null : { scopes, refusal: insufficientScope(scopes, options.scopes) };
      if (requirements.size >= 1000) requirements.clear();
      requirements.set(list, found);
    }
    return found;
  }

  /**
   * Every requirement the request carries: each `scope` parameter, and the `X-Gatehouse-Scope` header.
   * Where several arrive, each must be met: a client that adds one (Traefik forwards the client's
   * headers, Envoy its query string) can only narrow what passes, never widen what the proxy asked for.
   */
  function required(request: VerifyRequest): Requirement[] {
    const found: Requirement[] = [];
    const fromQuery = request.query.scope;
    for (const list of [fromQuery ?? []].flat()) {
      const r = requirement(list);
      if (r) found.push(r);
    }
    const fromHeader = request.headers["x-gatehouse-scope"];
    if (fromHeader !== undefined) {
      const r = requirement([fromHeader].flat().join(" "));
      if (r) found.push(r);
    }
    return found;
  }

  function verify(request: VerifyRequest, reply: FastifyReply): void {
    reply.header("cache-control", "no-store");
    let principal: ReturnType<TokenAuthenticator["authenticate"]>;
    try {
      principal = options.authenticator.authenticate(presentedToken(request));
    } catch (error) {
      refuse(request, reply, error as Error);
      return;
    }
    if (principal instanceof Promise) {
      principal.then(
        (p) => admit(request, reply, p),
        (error: Error) => reply.send(error),
      );
    } else {
      admit(request, reply, principal);
    }
  }

  function admit(request: VerifyRequest, reply: FastifyReply, principal: Principal | undefined): void {
    if (!principal) {
      refuse(request, reply, INVALID_TOKEN);
      return;
    }
    // The workspace's IP allowlist holds here as at the API's door: the address is the client's when the
    // proxy passes X-Forwarded-For and GATEHOUSE_TRUST_PROXY names it, else the proxy's own.
    if (principal.ipAllowlist && !principal.ipAllowlist.allows(request.ip)) {
      refuse(request, reply, errors.ipNotAllowed());
      return;
    }
    const budget = options.limits.apiRequest(principal.appId, principal.workspaceId);
    if (budget instanceof Promise) {
      budget.then(
        (b) => decide(request, reply, principal, rateLimitHeaders(reply, b)),
        (error: Error) => reply.send(error),
      );
    } else {
      decide(request, reply, principal, rateLimitHeaders(reply, budget));
    }
  }

  function decide(request: VerifyRequest, reply: FastifyReply, p: Principal, limited: Error | undefined) {
    if (limited) return refuse(request, reply, limited);
    for (const r of required(request)) {
      if (!r.scopes.some((s) => p.scopes.has(s))) return refuse(request, reply, r.refusal);
    }
    reply.headers(upstreamHeaders(p)).code(200).send();
  }

  for (const url of ["/oauth/verify", "/oauth/verify/*"]) {
    app.route<{ Querystring: Static<typeof schema.querystring> }>({
      method: METHODS,
      url,
      schema: url.endsWith("*") ? belowSchema : schema,
      config: { takesNoBody: true },
      // HEAD is declared with the rest, so Fastify must not add its own.
      exposeHeadRoute: false,
      handler: verify,
    });
  }
}

/**
 * Refusals are logged with the request the proxy was asked about (kept from its forwarded headers, never
 * the token), since Gatehouse sees nothing else of it.
 */
function refuse(request: FastifyRequest, reply: FastifyReply, error: Error): void {
  const h = request.headers;
  request.log.info(
    {
      forwarded: {
        method: clip(h["x-forwarded-method"] ?? h["x-original-method"]),
        uri: clip(h["x-forwarded-uri"] ?? h["x-original-uri"] ?? request.url),
      },
      refused: (error as { code?: string }).code,
    },
    "forward auth refused",
  );
  reply.send(error);
}

function clip(value: string | string[] | undefined): string | undefined {
  return value === undefined ? undefined : [value].flat().join(", ").slice(0, 300);
}

/** The upstream's headers depend only on the principal: built once per principal, as `/me`'s body is. */
const headersOf = new WeakMap<Principal, Record<string, string>>();

function upstreamHeaders(p: Principal): Record<string, string> {
  let headers = headersOf.get(p);
  if (!headers) {
    headers = {
      "x-gatehouse-workspace-id": headerSafe(p.workspace.idCode),
      "x-gatehouse-admin-id": String(p.admin.id),
      "x-gatehouse-admin-email": headerSafe(p.admin.email),
      "x-gatehouse-client-id": headerSafe(p.clientId),
      "x-gatehouse-scopes": [...p.scopes].sort().join(" "),
    };
    headersOf.set(p, headers);
  }
  return headers;
}

/** Printable ASCII as it is; anything else (an internationalised address) percent-encoded, as RFC 8187 does. */
function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
