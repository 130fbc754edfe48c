import type { FastifyReply, FastifyRequest } from "fastify";
import type { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";

/**
 * RFC 6749 §5.2's body, with Intercom's `error.list` envelope beside it, so both OAuth libraries and
 * Intercom-minded clients find what they look for. Every 401 carries a challenge (RFC 9110 §11.6.1): the
 * endpoints' own scheme, HTTP Basic client authentication, naming the OAuth error so a library that
 * reads only the challenge (openid-client does, on a 401) still learns it.
 */
export function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: OAuthError) {
  reply.header("Cache-Control", "no-store");
  if (error.status === 401) {
    reply.header("WWW-Authenticate", `Basic realm="Gatehouse token endpoint", error="${error.error}"`);
  }
  return reply.code(error.status).send({
    error: error.error,
    error_description: error.message,
    type: "error.list",
    request_id: request.id,
    errors: [{ code: error.error, message: error.message }],
  });
}
