import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { Services } from "../../../core/services.ts";
import { ServerMetadata } from "../../../wire/oauth.ts";
import { cacheByOrigin, originIsConfigured, publicOrigin } from "../../plugins/public-origin.ts";

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414): what a generic OAuth client needs to configure
 * itself. The endpoints keep Intercom's paths; the rest are Gatehouse's additions.
 */
export async function metadataRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const scopes = services.scopes.all().map((scope) => scope.id);
  const describe = (issuer: string, fixed: boolean): Static<typeof ServerMetadata> => ({
    issuer,
    authorization_endpoint: `${issuer}/oauth`,
    token_endpoint: `${issuer}/auth/eagle/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: scopes,
    // Every authorization response carries `iss` (RFC 9207); advertised only when the issuer is fixed by
    // configuration, since a client then requires `iss` to equal the issuer it discovered.
    ...(fixed && { authorization_response_iss_parameter_supported: true }),
  });
  app.get(
    "/.well-known/oauth-authorization-server",
    { schema: { querystring: Type.Object({}), response: { 200: ServerMetadata } } },
    async (request, reply) => {
      // Built from the request's Host unless the public URL is configured: then no shared cache keeps it.
      cacheByOrigin(request, reply, 300);
      return describe(publicOrigin(request), originIsConfigured(request));
    },
  );
}
