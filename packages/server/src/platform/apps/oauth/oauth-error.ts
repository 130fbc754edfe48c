/** RFC 6749 §5.2 token-endpoint errors (and §4.1.2.1 authorization errors sent back to the client). */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "access_denied"
  | "unsupported_response_type"
  | "rate_limit_exceeded"
  | "server_error"
  | "temporarily_unavailable"
  // Gatehouse's own (RFC 6749 §8.5 allows extensions): a revocation-feed cursor older than the feed keeps.
  | "expired_cursor";

/**
 * The status each error answers with: RFC 6749 §5.2's 400, except a failed client authentication (401,
 * as §5.2 allows) and `invalid_grant`, which Intercom answers with a 401 "Unauthorized Code" (seed 002):
 * a deliberate departure from §5.2, recorded in docs/compatibility.md.
 */
function defaultStatus(error: OAuthErrorCode): number {
  return error === "invalid_client" || error === "invalid_grant" ? 401 : 400;
}

export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;

  constructor(error: OAuthErrorCode, description: string, status = defaultStatus(error)) {
    super(description);
    this.name = "OAuthError";
    this.error = error;
    this.status = status;
  }
}

/**
 * A broken authorization request that must not be sent back to the client (unknown client, OAuth off,
 * an unregistered redirect URL): RFC 6749 §4.1.2.1 says to tell the person, never to redirect.
 */
export class AuthorizationRequestError extends Error {
  readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.name = "AuthorizationRequestError";
    this.status = status;
  }
}
