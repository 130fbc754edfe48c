import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { Services } from "../../../core/services.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import { authenticateClient } from "../../../platform/apps/oauth/token-exchange.ts";
import { findTokenRecord, revokePresentedToken } from "../../../platform/apps/oauth/token-lookup.ts";
import { oauthErrorResponses, RevocationResponse } from "../../../wire/oauth.ts";
import { TokenQueryBody } from "../../../wire/oauth-input.ts";
import { readTokenRequest } from "./client-credentials.ts";
import { clientBudgetKey, oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

/**
 * `POST /oauth/revoke` (RFC 7009): an app revokes one of its own tokens. The answer is 200 whether or not
 * the token was known, live, or the app's, so the endpoint tells nobody anything about other tokens.
 */
export async function revokeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await oauthEndpoint(app);

  app.post<{ Body: Static<typeof TokenQueryBody> }>(
    "/oauth/revoke",
    { schema: { body: TokenQueryBody, response: { 200: RevocationResponse, ...oauthErrorResponses } } },
    async (request, reply) => {
      reply.header("Cache-Control", "no-store");
      const { token, clientId, clientSecret } = readTokenRequest(request);
      const client = await authenticateClient(services, clientId, clientSecret, { allowPublic: true });
      await withinBudget(
        reply,
        services.limits.revocationBy(clientBudgetKey(client, request)),
        "revocations",
      );
      if (!token) throw new OAuthError("invalid_request", "The token parameter is required");
      const record = await findTokenRecord(services, token);
      if (record && record.app_id === client.id && record.revoked_at === null) {
        await revokePresentedToken(services, record, {
          reason: "revoked by the app",
          action: "token.revoked_by_app",
          ip: request.ip,
        });
      }
      return reply.code(200).send({});
    },
  );
}
