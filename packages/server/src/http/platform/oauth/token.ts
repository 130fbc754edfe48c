import type { FastifyInstance } from "fastify";
import type { Services } from "../../../core/services.ts";
import {
  authenticateClient,
  exchangeAuthorizationCode,
} from "../../../platform/apps/oauth/token-exchange.ts";
import { readClientCredentials, readFields } from "./client-credentials.ts";
import { oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

/**
 * `POST /auth/eagle/token`: Intercom's token endpoint. Takes `code`, `client_id` and `client_secret` as
 * form fields or JSON, or the client's credentials by HTTP Basic (RFC 6749 §2.3.1), and answers what
 * Intercom's clients read: `token`, `access_token` and `token_type`.
 */
export async function tokenRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await oauthEndpoint(app);

  app.post("/auth/eagle/token", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    reply.header("Pragma", "no-cache");
    const body = readFields(request.body, FIELDS);
    const { clientId, clientSecret } = readClientCredentials(request, body);
    await withinBudget(reply, services.limits.tokenRequestFrom(request.ip), "token requests");
    const client = await authenticateClient(services, clientId, clientSecret, { allowPublic: true });
    await withinBudget(reply, services.limits.tokenRequestBy(client.client_id), "token requests");
    const { token } = await exchangeAuthorizationCode(services, client, {
      grantType: body.grant_type,
      code: body.code,
      redirectUri: body.redirect_uri,
      codeVerifier: body.code_verifier,
    });
    return { token_type: "Bearer", token, access_token: token };
  });
}

const FIELDS = ["grant_type", "code", "client_id", "client_secret", "redirect_uri", "code_verifier"] as const;
