import { randomBytes, timingSafeEqual } from "node:crypto";
import { Client } from "./client.ts";
import { OAuthExchangeError, StateMismatchError, UnverifiedEmailError } from "./errors.ts";
import type { Me, TokenResponse } from "./types.ts";

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** One of the app's registered redirect URLs; omitted, Gatehouse uses the first registered one. */
  redirectUri?: string;
  /** Where admins sign in and consent (Intercom: https://app.intercom.com). */
  authorizeBaseUrl?: string;
  /** The API, where codes are exchanged and /me answers (Intercom: https://api.intercom.io). */
  apiBaseUrl?: string;
  fetch?: typeof fetch;
}

export interface Connection {
  token: string;
  admin: Me;
}

/**
 * The app side of the authorization-code flow (seed 002): build the link with a fresh random `state`,
 * check the `state` that comes back (in constant time), trade the code for a token, and find out who
 * connected, refusing an admin whose email is not verified.
 */
export class OAuthHelper {
  readonly #options: OAuthOptions;
  readonly #fetch: typeof fetch;

  constructor(options: OAuthOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  /** The URL to send the admin to, and the state to keep in their session until the callback. */
  authorizationUrl(extra: { state?: string } = {}): { url: string; state: string } {
    const state = extra.state ?? randomBytes(24).toString("base64url");
    const url = new URL("/oauth", this.#options.authorizeBaseUrl ?? "https://app.intercom.com");
    url.searchParams.set("client_id", this.#options.clientId);
    url.searchParams.set("state", state);
    if (this.#options.redirectUri) url.searchParams.set("redirect_uri", this.#options.redirectUri);
    return { url: url.toString(), state };
  }

  /** Throws `StateMismatchError` unless `received` is exactly `expected`. */
  checkState(expected: string | undefined, received: string | null | undefined): void {
    const a = Buffer.from(expected ?? "");
    const b = Buffer.from(received ?? "");
    if (!expected || a.length !== b.length || !timingSafeEqual(a, b)) throw new StateMismatchError();
  }

  /** `POST /auth/eagle/token`: the code for a token. */
  async exchange(code: string): Promise<string> {
    const response = await this.#fetch(new URL("/auth/eagle/token", this.#apiBase()), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        code,
        client_id: this.#options.clientId,
        client_secret: this.#options.clientSecret,
        grant_type: "authorization_code",
        ...(this.#options.redirectUri && { redirect_uri: this.#options.redirectUri }),
      }),
    });
    const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & {
      error?: string;
      error_description?: string;
    };
    if (!response.ok || !body.access_token) {
      throw new OAuthExchangeError(
        response.status,
        body.error ?? `http_${response.status}`,
        body.error_description,
      );
    }
    return body.access_token;
  }

  /**
   * The whole callback: checks `state` against the session's, exchanges `code`, fetches `/me`, and
   * refuses an unverified email. `callback` is the URL the browser came back on (or its query).
   */
  async connect(callback: URL | URLSearchParams, expectedState: string | undefined): Promise<Connection> {
    const params = callback instanceof URL ? callback.searchParams : callback;
    this.checkState(expectedState, params.get("state"));
    const denied = params.get("error");
    if (denied)
      throw new OAuthExchangeError(
        400,
        denied,
        params.get("error_description") ?? "The admin did not authorize the app",
      );
    const code = params.get("code");
    if (!code) throw new OAuthExchangeError(400, "invalid_request", "The callback has no code");
    const token = await this.exchange(code);
    const admin = await new Client({ token, baseUrl: this.#apiBase(), fetch: this.#fetch }).me();
    if (admin.email_verified !== true) throw new UnverifiedEmailError(admin.email);
    return { token, admin };
  }

  #apiBase(): string {
    return this.#options.apiBaseUrl ?? "https://api.intercom.io";
  }
}
