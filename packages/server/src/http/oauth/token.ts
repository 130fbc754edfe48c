import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { OAuthError } from "../../domain/oauth/oauth-error.ts";
import { exchangeAuthorizationCode } from "../../domain/oauth/token-exchange.ts";
import type { Services } from "../../domain/services.ts";
import { readClientCredentials, readFields } from "./client-credentials.ts";

/**
 * `POST /auth/eagle/token`: Intercom's token endpoint. Takes `code`, `client_id` and `client_secret` as
 * form fields or JSON, or the client's credentials by HTTP Basic (RFC 6749 §2.3.1), and answers what
 * Intercom's clients read: `token`, `access_token` and `token_type`.
 */
export async function tokenRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(request, reply, error);
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendOAuthError(
        request,
        reply,
        new OAuthError("invalid_request", "The request body could not be read"),
      );
    }
    request.log.error({ err: error }, "token request failed");
    return sendOAuthError(
      request,
      reply,
      new OAuthError("server_error", "Something went wrong on our side", 500),
    );
  });

  app.post("/auth/eagle/token", async (request, reply) => {
    reply.header("Cache-Control", "no-store");
    reply.header("Pragma", "no-cache");
    const body = readFields(request.body, FIELDS);
    const { clientId, clientSecret } = readClientCredentials(request, body);
    const budget = await services.limits.tokenRequest(clientId ?? "", request.ip);
    if (!budget.allowed) {
      reply.header("Retry-After", Math.max(1, Math.ceil((budget.resetAt - Date.now()) / 1000)));
      throw new OAuthError("rate_limit_exceeded", "Too many token requests; slow down", 429);
    }
    const { token } = await exchangeAuthorizationCode(services, {
      grantType: body.grant_type,
      code: body.code,
      clientId,
      clientSecret,
      redirectUri: body.redirect_uri,
      codeVerifier: body.code_verifier,
    });
    return { token_type: "Bearer", token, access_token: token };
  });
}

const FIELDS = ["grant_type", "code", "client_id", "client_secret", "redirect_uri", "code_verifier"] as const;

/**
 * RFC 6749 §5.2's body, with Intercom's `error.list` envelope beside it, so both OAuth libraries and
 * Intercom-minded clients find what they look for.
 */
export function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: OAuthError) {
  reply.header("Cache-Control", "no-store");
  if (error.error === "invalid_client" && /^\s*basic/i.test(request.headers.authorization ?? "")) {
    reply.header("WWW-Authenticate", 'Basic realm="Gatehouse token endpoint"');
  }
  return reply.code(error.status).send({
    error: error.error,
    error_description: error.message,
    type: "error.list",
    request_id: request.id,
    errors: [{ code: error.error, message: error.message }],
  });
}
