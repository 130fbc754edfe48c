import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { Services } from "../../../core/services.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import { authenticateClient } from "../../../platform/apps/oauth/token-exchange.ts";
import type { TokenAuthenticator } from "../../../platform/apps/principals/authenticate.ts";
import { IntrospectionResponse, oauthErrorResponses } from "../../../wire/oauth.ts";
import { TokenQueryBody } from "../../../wire/oauth-input.ts";
import { publicOrigin } from "../../plugins/public-origin.ts";
import { readTokenRequest } from "./client-credentials.ts";
import { clientBudgetKey, oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

/**
 * `POST /oauth/introspect` (RFC 7662), for resource servers other than Gatehouse: an app, authenticated
 * with its client credentials, asks about a token issued to it. Anything unknown, revoked, uninstalled,
 * or issued to another app is simply `{"active": false}`.
 */
export async function introspectRoutes(
  app: FastifyInstance,
  { services, authenticator }: { services: Services; authenticator: TokenAuthenticator },
) {
  await oauthEndpoint(app);

  app.post<{ Body: Static<typeof TokenQueryBody> }>(
    "/oauth/introspect",
    { schema: { body: TokenQueryBody, response: { 200: IntrospectionResponse, ...oauthErrorResponses } } },
    async (request, reply): Promise<Static<typeof IntrospectionResponse>> => {
      reply.header("Cache-Control", "no-store");
      const { token, clientId, clientSecret } = readTokenRequest(request);
      // Confidential clients only: a public client's id is no proof of who is asking.
      const client = await authenticateClient(services, clientId, clientSecret);
      await withinBudget(
        reply,
        services.limits.introspectionBy(clientBudgetKey(client, request)),
        "introspections",
      );
      if (!token) throw new OAuthError("invalid_request", "The token parameter is required");
      const principal = await authenticator.authenticate(token);
      if (!principal || principal.appId !== client.id) return { active: false };
      return {
        active: true,
        scope: [...principal.scopes].sort().join(" "),
        client_id: client.client_id,
        token_type: "Bearer",
        sub: String(principal.admin.id),
        username: principal.admin.email,
        // Gatehouse tokens never expire (seed 004), so there is no `exp`.
        workspace_id: principal.workspace.idCode,
        admin_id: String(principal.admin.id),
        email_verified: principal.admin.emailVerified,
        iss: publicOrigin(request),
      };
    },
  );
}
