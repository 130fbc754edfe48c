import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../../../core/errors.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import type { Decision } from "../../../platform/services/limits/rate-limits.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import { useApiValidation } from "../../api/validation.ts";
import { databaseUnavailable } from "../../plugins/errors.ts";
import { sendOAuthError } from "./oauth-error-body.ts";

/**
 * What every OAuth endpoint plugin shares: form and JSON bodies, and errors answered in RFC 6749 §5.2's
 * shape (a body it cannot read is `invalid_request`; anything unexpected a logged `server_error`).
 */
export async function oauthEndpoint(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  // JSON bodies are taken as sent (a number is no code), as the API takes them.
  useApiValidation(app);
  // A request with no body reads as one with no fields: the handler then says which is missing.
  // A callback hook: every OAuth request passes it, and an async one costs a promise and a microtask.
  app.addHook("preValidation", (request, _reply, done) => {
    if (request.body === undefined || request.body === null) request.body = {};
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof OAuthError) return sendOAuthError(request, reply, error);
    // A field of the wrong type, too long, or sent twice (a form's repeated field reads as a list).
    const invalid = error as { validation?: unknown; message?: string };
    if (invalid.validation) {
      const message = `The request is malformed: ${invalid.message ?? "a field is not a single string"}`;
      return sendOAuthError(request, reply, new OAuthError("invalid_request", message));
    }
    // Refusals from the shared request checks (a NUL byte, say) are malformed requests here.
    if (error instanceof ApiError && error.status < 500) {
      return sendOAuthError(request, reply, new OAuthError("invalid_request", error.message, error.status));
    }
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: error }, "OAuth request refused: database unavailable");
      for (const [name, value] of Object.entries(unavailable.headers)) reply.header(name, value);
      return sendOAuthError(
        request,
        reply,
        new OAuthError("temporarily_unavailable", unavailable.message, unavailable.status),
      );
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendOAuthError(
        request,
        reply,
        new OAuthError("invalid_request", "The request body could not be read"),
      );
    }
    request.log.error({ err: error }, "OAuth request failed");
    return sendOAuthError(
      request,
      reply,
      new OAuthError("server_error", "Something went wrong on our side", 500),
    );
  });
}

/** Refuses a request over its budget: 429 with Retry-After, in RFC 6749's error shape. */
export async function withinBudget(
  reply: FastifyReply,
  pending: Promise<Decision>,
  what: string,
): Promise<void> {
  const budget = await pending;
  if (budget.allowed) return;
  reply.header("Retry-After", Math.max(1, Math.ceil((budget.resetAt - Date.now()) / 1000)));
  throw new OAuthError("rate_limit_exceeded", `Too many ${what}; slow down`, 429);
}

/**
 * Whose budget an authenticated request spends: the client's. A public client proves nothing but its
 * id, which anyone may send, so its budget is also per address: a flood from elsewhere spends none of it.
 */
export function clientBudgetKey(client: AppRow, request: FastifyRequest): string {
  return client.client_type === "public" ? `${client.client_id}@${request.ip}` : client.client_id;
}
