import * as core from "../resource-server.ts";

/**
 * `@gatehouse/client/express`: Connect/Express middleware for your own API, registered as a resource
 * server.
 *
 *     const gh = gatehouse({ gatehouseUrl, clientId, clientSecret });
 *     app.get("/orders", gh.requireScopes("read_orders"), (req, res) => res.json(principalOf(req)));
 *
 * It imports nothing from Express (a peer dependency, for its version only) and answers with Node's
 * own response methods, so plain Connect works too.
 */

export * from "./shared-exports.ts";

/** The resource server's options, and the realm its refusals name (default "api"). */
export type GatehouseMiddlewareOptions = core.AdapterOptions;

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

interface ResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

type Next = (error?: unknown) => void;

export type Middleware = (req: RequestLike, res: ResponseLike, next: Next) => void;

export interface GatehouseMiddleware {
  /** Middleware: the Bearer token must be live and hold every scope named (none: any live token). */
  requireScopes(...scopes: string[]): Middleware;
  /** Any live token: `requireScopes()`. */
  authenticate: Middleware;
  /** The verifier underneath (its cache and feed poll). */
  server: core.ResourceServer;
  /** Stops polling the revocation feed. */
  close(): void;
}

export function gatehouse(options: GatehouseMiddlewareOptions): GatehouseMiddleware {
  const server = new core.ResourceServer(options);
  const requireScopes =
    (...scopes: string[]): Middleware =>
    (req, res, next) => {
      core.authorize(server, req.headers.authorization, scopes, options.realm).then((result) => {
        if ("refusal" in result) {
          res.statusCode = result.refusal.status;
          for (const [name, value] of Object.entries(result.refusal.headers)) res.setHeader(name, value);
          res.setHeader("Content-Type", "application/json; charset=utf-8");
          res.end(JSON.stringify(result.refusal.body));
          return;
        }
        (req as { gatehouse?: core.GatehousePrincipal }).gatehouse = result.principal;
        next();
      }, next);
    };
  return { requireScopes, authenticate: requireScopes(), server, close: () => server.close() };
}

/** The principal the middleware put on the request (throws if none ran). */
export function principalOf(req: object): core.GatehousePrincipal {
  return core.principalOn(req, "put requireScopes before its handler");
}
