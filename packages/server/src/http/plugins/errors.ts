import crypto from "node:crypto";
import http from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ApiError, errors } from "../../core/errors.ts";
import { decisiveFailure, describeFailure } from "../../core/schema-errors.ts";
import { isConnectionError } from "../../storage/errors.ts";
import { errorList } from "./error-body.ts";

/**
 * Every failure leaves as Intercom's `error.list`, with a status and code a client can act on: thrown
 * ApiErrors as they are, Fastify's own request errors (bad JSON, oversized body, schema failures)
 * translated, a database that cannot be reached as a 503, and anything else as a 500 whose details go to
 * the log, never to the caller.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status === 503) request.log.warn({ err: error }, "request refused: database unavailable");
    else if (apiError.status >= 500) request.log.error({ err: error }, "request failed");
    return sendError(request, reply, apiError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, errors.routeNotFound()));
});

export function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError) {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type("application/json; charset=utf-8").send(errorList(request.id, error));
}

/**
 * The one place a lost or unreachable database becomes an answer: a 503 with Retry-After, in each
 * surface's own shape (the API's `error.list` here; the pages and the OAuth endpoints use it too).
 */
export function databaseUnavailable(error: unknown): ApiError | undefined {
  return isConnectionError(error) ? errors.databaseUnavailable() : undefined;
}

function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  const unavailable = databaseUnavailable(error);
  if (unavailable) return unavailable;
  if (error.validation) {
    const failure = decisiveFailure(error.validation) ?? { instancePath: "", keyword: "invalid" };
    const { missing, message } = describeFailure(
      failure,
      undefined,
      error.validationContext ?? "the request",
    );
    // The field as the API has always named it: a missing one by its own name, any other by its path.
    const field = missing
      ? String(failure.params?.missingProperty ?? "") || undefined
      : failure.instancePath.replace(/^\//, "").replaceAll("/", ".") || undefined;
    // A schema may word its refusal as Intercom does: `{ errorMessage: "Options isn't an array" }`.
    // (Ajv's `verbose` errors carry it; Fastify's type for them does not name it.)
    const worded = (failure as { parentSchema?: { errorMessage?: unknown } }).parentSchema?.errorMessage;
    if (typeof worded === "string") return errors.parameterInvalid(worded, field);
    return missing ? errors.parameterNotFound(message, field) : errors.parameterInvalid(message, field);
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return errors.payloadTooLarge();
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return errors.unsupportedMediaType();
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return errors.parameterInvalid("The request body is not valid JSON");
  }
  if (error instanceof SyntaxError) return errors.parameterInvalid("The request body is not valid JSON");
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError(status, "bad_request", error.message);
  return errors.serverError();
}

/**
 * What Fastify's router refuses before any route or hook runs: a path that is not percent-encoded UTF-8,
 * or a path parameter over the router's length limit. Answered like every other refusal.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const refusal =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? new ApiError(414, "parameter_invalid", "A path parameter of the request URL is too long")
      : errors.parameterInvalid("The request URL is not valid: it must be percent-encoded UTF-8");
  reply.header("X-Request-Id", request.id);
  return sendError(request, reply, refusal);
}

/**
 * A request Node's HTTP parser cannot read (a control character in the request line, a malformed
 * header, a head over 16 KiB) reaches no route; it is still answered in Intercom's error shape, then the
 * connection is closed, as HTTP requires after a framing error.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  if (socket.writable) {
    const refusal =
      error.code === "HPE_HEADER_OVERFLOW"
        ? new ApiError(431, "request_header_fields_too_large", "The request's headers are too large.")
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? new ApiError(408, "request_timeout", "The request was not received in time.")
          : errors.parameterInvalid("The request could not be read as HTTP/1.1.");
    const body = JSON.stringify(errorList(crypto.randomUUID(), refusal));
    socket.write(
      `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
