import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import { recordActivity } from "../../domain/activity.ts";
import { OAuthError } from "../../domain/oauth/oauth-error.ts";
import { authenticateClient } from "../../domain/oauth/token-exchange.ts";
import { findTokenRecord } from "../../domain/oauth/token-lookup.ts";
import { type Services, write } from "../../domain/services.ts";
import { revokeTokens } from "../../domain/tokens/access-tokens.ts";
import { readClientCredentials, readFields } from "./client-credentials.ts";
import { sendOAuthError } from "./token.ts";

/**
 * `POST /oauth/revoke` (RFC 7009): an app revokes one of its own tokens. The answer is 200 whether or not
 * the token was known, live, or the app's, so the endpoint tells nobody anything about other tokens.
 */
export async function revokeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  app.setErrorHandler((error, request, reply) =>
    sendOAuthError(
      request,
      reply,
      error instanceof OAuthError
        ? error
        : new OAuthError("invalid_request", "The request could not be read"),
    ),
  );

  app.post("/oauth/revoke", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    const body = readFields(request.body, [
      "token",
      "token_type_hint",
      "client_id",
      "client_secret",
    ] as const);
    const { clientId, clientSecret } = readClientCredentials(request, body);
    const client = await authenticateClient(services, clientId, clientSecret, { allowPublic: true });
    if (!body.token) throw new OAuthError("invalid_request", "The token parameter is required");
    const record = await findTokenRecord(services, body.token);
    if (record && record.app_id === client.id && record.revoked_at === null) {
      await write(services, async (trx, touched) => {
        await revokeTokens(
          services,
          trx,
          touched,
          { tokenId: record.token_id },
          { reason: "revoked by the app" },
        );
        await recordActivity(services, trx, {
          workspaceId: record.workspace_id,
          adminId: null,
          action: "token.revoked_by_app",
          details: { app_id: client.id, app_name: client.name, token_id: record.token_id },
          ip: request.ip,
        });
      });
    }
    return reply.code(200).send({});
  });
}
