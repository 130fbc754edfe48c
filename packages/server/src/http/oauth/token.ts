import type { FastifyInstance, FastifyReply } from "fastify";
import { OAuthError } from "../../domain/oauth/oauth-error.ts";
import { authenticateClient, exchangeAuthorizationCode } from "../../domain/oauth/token-exchange.ts";
import type { Services } from "../../domain/services.ts";
import type { Decision } from "../../limits/rate-limits.ts";
import { readClientCredentials, readFields } from "./client-credentials.ts";
import { oauthEndpoint } from "./oauth-endpoint.ts";

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
    await withinBudget(reply, services.limits.tokenRequestFrom(request.ip));
    const client = await authenticateClient(services, clientId, clientSecret, { allowPublic: true });
    await withinBudget(reply, services.limits.tokenRequestBy(client.client_id));
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

async function withinBudget(reply: FastifyReply, pending: Promise<Decision>): Promise<void> {
  const budget = await pending;
  if (budget.allowed) return;
  reply.header("Retry-After", Math.max(1, Math.ceil((budget.resetAt - Date.now()) / 1000)));
  throw new OAuthError("rate_limit_exceeded", "Too many token requests; slow down", 429);
}
