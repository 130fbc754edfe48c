/**
 * An error meant for the API's caller: an HTTP status, an Intercom error code and a message, rendered
 * as Intercom's `error.list`. Anything thrown that is not an ApiError is a bug and becomes a 500.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Extra response headers, e.g. `WWW-Authenticate` on a 401. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
}

// The RFC 6750 challenge; `error` is left out when no credentials were sent at all (§3.1).
function bearerChallenge(error?: string, description?: string, scope?: string): string {
  let challenge = 'Bearer realm="Intercom API"';
  if (error) challenge += `, error="${error}"`;
  if (description) challenge += `, error_description="${description.replace(/["\\]/g, "")}"`;
  if (scope) challenge += `, scope="${scope}"`;
  return challenge;
}

/** How long a client is asked to wait while the database is away: a restart or failover takes seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

export const errors = {
  /** No credentials at all. */
  missingToken: () =>
    new ApiError(401, "unauthorized", "Access Token Invalid", {
      headers: { "WWW-Authenticate": bearerChallenge() },
    }),
  /** Credentials that are not a live token: malformed, unknown, revoked. */
  invalidToken: () =>
    new ApiError(401, "unauthorized", "Access Token Invalid", {
      headers: { "WWW-Authenticate": bearerChallenge("invalid_token", "The access token is invalid") },
    }),
  /** Basic `app_id:api_key`: the pre-2018 credentials that Access Tokens replaced (seeds 003, 004). */
  apiKeyRetired: () =>
    new ApiError(
      401,
      "unauthorized",
      "API keys are retired and no longer accepted. Use an Access Token: send it as 'Authorization: Bearer <token>', or as the Basic auth user name with an empty password.",
      {
        headers: {
          "WWW-Authenticate": bearerChallenge("invalid_token", "API keys are retired; use an Access Token"),
        },
      },
    ),
  badAuthorizationHeader: () =>
    new ApiError(
      400,
      "parameter_invalid",
      "The Authorization header is malformed. Use 'Authorization: Bearer <token>'.",
      {
        field: "Authorization",
        headers: { "WWW-Authenticate": bearerChallenge("invalid_request", "Malformed Authorization header") },
      },
    ),
  insufficientScope: (scope: string, message: string) =>
    new ApiError(403, "forbidden", message, {
      headers: { "WWW-Authenticate": bearerChallenge("insufficient_scope", message, scope) },
    }),
  /** Intercom's answer to a token used from an address its workspace's REST API IP allowlist leaves out. */
  ipNotAllowed: () =>
    new ApiError(403, "forbidden", "Your IP address is not on the allowlist for API access"),
  invalidVersion: (given: string, supported: readonly string[]) =>
    new ApiError(
      400,
      "intercom_version_invalid",
      `Requested Intercom-Version '${given}' is not valid. Supported versions: ${supported.join(", ")}.`,
      { field: "Intercom-Version" },
    ),
  notFound: (message = "Resource Not Found") => new ApiError(404, "not_found", message),
  routeNotFound: () => new ApiError(404, "not_found", "Resource Not Found"),
  methodNotAllowed: () => new ApiError(405, "method_not_allowed", "Method Not Allowed"),
  parameterInvalid: (message: string, field?: string) =>
    new ApiError(400, "parameter_invalid", message, field ? { field } : {}),
  parameterNotFound: (message: string, field?: string) =>
    new ApiError(400, "parameter_not_found", message, field ? { field } : {}),
  payloadTooLarge: () => new ApiError(413, "request_too_large", "The request body is too large."),
  unsupportedMediaType: () =>
    new ApiError(415, "unsupported_media_type", "Send request bodies as application/json."),
  conflict: (message: string) => new ApiError(409, "conflict", message),
  rateLimited: (perWindow: number, retryAfterSeconds: number) =>
    new ApiError(429, "rate_limit_exceeded", `Exceeded rate limit of ${perWindow} in 10_seconds`, {
      headers: { "Retry-After": String(Math.max(1, retryAfterSeconds)) },
    }),
  /** The database cannot be reached (restarting, failing over, unreachable): a condition to wait out. */
  databaseUnavailable: () =>
    new ApiError(
      503,
      "service_unavailable",
      "The service is temporarily unavailable: it cannot reach its database. Try again shortly.",
      { headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
    ),
  serverError: () => new ApiError(500, "server_error", "Something went wrong on our side. Try again later."),
};
