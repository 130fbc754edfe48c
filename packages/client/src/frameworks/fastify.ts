import * as core from "../resource-server.ts";

/**
 * `@gatehouse/client/fastify`: a Fastify plugin for your own API, registered as a resource server.
 *
 *     await app.register(gatehouse, { gatehouseUrl, clientId, clientSecret });
 *     app.get("/orders", { preHandler: requireScopes("read_orders") }, (request) => principalOf(request));
 *
 * It imports nothing from Fastify (a peer dependency, for its version only): the plugin is a function
 * marked, as fastify-plugin marks one, to decorate the instance it is registered on.
 */

export * from "./shared-exports.ts";

/** The resource server's options, and the realm its refusals name (default "api"). */
export type GatehousePluginOptions = core.AdapterOptions;

interface FastifyLike {
  decorate(name: string, value: unknown): unknown;
  decorateRequest(name: string, value: unknown): unknown;
  addHook(name: "onClose", hook: () => Promise<void>): unknown;
}

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  server: unknown;
}

interface ReplyLike {
  code(status: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

interface Installed {
  gatehouseResourceServer: core.ResourceServer;
  gatehouseRealm: string;
}

async function plugin(fastify: FastifyLike, options: GatehousePluginOptions): Promise<void> {
  const server = new core.ResourceServer(options);
  fastify.decorate("gatehouseResourceServer", server);
  fastify.decorate("gatehouseRealm", options.realm ?? "api");
  fastify.decorateRequest("gatehouse", null);
  fastify.addHook("onClose", async () => server.close());
}

/** The plugin: `app.register(gatehouse, options)`. */
export const gatehouse: typeof plugin = Object.assign(plugin, {
  [Symbol.for("skip-override")]: true,
  [Symbol.for("fastify.display-name")]: "@gatehouse/client/fastify",
});

/**
 * A `preHandler` (or `onRequest`) hook: the request's Bearer token must be live and hold every scope
 * named (none: any live token). Refuses with 401 or 403 and `WWW-Authenticate`; otherwise puts the
 * principal on `request.gatehouse`.
 */
export function requireScopes(...scopes: string[]) {
  return async (request: RequestLike, reply: ReplyLike): Promise<unknown> => {
    const installed = request.server as Partial<Installed>;
    const server = installed.gatehouseResourceServer;
    if (!server) throw new Error("Register @gatehouse/client/fastify's plugin before using requireScopes");
    const result = await core.authorize(
      server,
      request.headers.authorization,
      scopes,
      installed.gatehouseRealm,
    );
    if ("refusal" in result) {
      reply.code(result.refusal.status);
      for (const [name, value] of Object.entries(result.refusal.headers)) reply.header(name, value);
      return reply.send(result.refusal.body);
    }
    (request as { gatehouse?: core.GatehousePrincipal }).gatehouse = result.principal;
    return undefined;
  };
}

/** Any live token: `requireScopes()` by another name. */
export const authenticate = requireScopes();

/** The principal a `requireScopes` hook put on the request (throws if none ran). */
export function principalOf(request: object): core.GatehousePrincipal {
  return core.principalOn(request, "add a requireScopes hook to its route");
}
