import type { ErrorList } from "./wire/generated.ts";

/** One entry of Intercom's `error.list`, as the server's wire schema defines it. */
export type ApiErrorEntry = ErrorList["errors"][number];

/** A refusal from the API, carrying Intercom's error code and the request id to quote to support. */
export class GatehouseApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly errors: ApiErrorEntry[];

  constructor(status: number, errors: ApiErrorEntry[], requestId: string | undefined) {
    const first = errors[0];
    super(first?.message ?? `HTTP ${status}`);
    this.name = "GatehouseApiError";
    this.status = status;
    this.code = first?.code ?? `http_${status}`;
    this.requestId = requestId;
    this.errors = errors;
  }
}

/** A refusal from the OAuth token endpoint (RFC 6749 §5.2). */
export class OAuthExchangeError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(status: number, error: string, description: string | undefined) {
    super(description ?? error);
    this.name = "OAuthExchangeError";
    this.status = status;
    this.error = error;
  }
}

/** The callback's `state` is not the one this session sent: a possible CSRF attempt (RFC 6749 §10.12). */
export class StateMismatchError extends Error {
  constructor() {
    super("The OAuth state in the callback does not match the one this session sent");
    this.name = "StateMismatchError";
  }
}

/** Seed 002: "To prevent user impersonation, check that email_verified is set to true". */
export class UnverifiedEmailError extends Error {
  readonly email: string;

  constructor(email: string) {
    super(`The admin ${email} has not verified their email address, so they cannot be signed in`);
    this.name = "UnverifiedEmailError";
    this.email = email;
  }
}
