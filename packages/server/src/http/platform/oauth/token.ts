import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { Services } from "../../../core/services.ts";
import {
  authenticateClient,
  exchangeAuthorizationCode,
} from "../../../platform/apps/oauth/token-exchange.ts";
import { oauthErrorResponses, TokenResponse } from "../../../wire/oauth.ts";
import { TokenRequestBody } from "../../../wire/oauth-input.ts";
import { readClientCredentials } from "./client-credentials.ts";
import { acceptMultipartForms } from "./multipart-form.ts";
import { oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

/**
 * `POST /auth/eagle/token`: Intercom's token endpoint. Takes `code`, `client_id` and `client_secret` as
 * form fields (urlencoded, or multipart as PHP's curl sends an array) or JSON, or the client's
 * credentials by HTTP Basic (RFC 6749 §2.3.1), and answers what Intercom's clients read: `token`,
 * `access_token` and `token_type`.
 */
export async function tokenRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await oauthEndpoint(app);
  acceptMultipartForms(app);

  app.post<{ Body: Static<typeof TokenRequestBody> }>(
    "/auth/eagle/token",
    { schema: { body: TokenRequestBody, response: { 200: TokenResponse, ...oauthErrorResponses } } },
    async (request, reply): Promise<Static<typeof TokenResponse>> => {
      reply.header("Cache-Control", "no-store");
      reply.header("Pragma", "no-cache");
      const body = request.body;
      const { clientId, clientSecret } = readClientCredentials(request, body);
      await withinBudget(reply, services.limits.tokenRequestFrom(request.ip), "token requests");
      // The client proves itself before the code is looked at: a failed authentication never uses it up.
      const client = await authenticateClient(services, clientId, clientSecret, { allowPublic: true });
      await withinBudget(reply, services.limits.tokenRequestBy(client.client_id), "token requests");
      const { token } = await exchangeAuthorizationCode(services, client, {
        grantType: body.grant_type,
        code: body.code,
        redirectUri: body.redirect_uri,
        codeVerifier: body.code_verifier,
      });
      return { token_type: "Bearer", token, access_token: token };
    },
  );
}
