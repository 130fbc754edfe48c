import type { FastifyReply, FastifyRequest } from "fastify";
import type { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";

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
