import { Client } from "./client.ts";
import { OAuthExchangeError, StateMismatchError, UnverifiedEmailError } from "./errors.ts";
import { constantTimeEqual, randomUrlSafe, s256Challenge } from "./web-crypto.ts";
import type { Me, TokenResponse } from "./wire/index.ts";

export interface OAuthOptions {
  clientId: string;
  /**
   * The app's client secret. Leave it out for a public app (one that runs in a browser or on a device and
   * cannot keep a secret): Gatehouse then knows it by its `client_id` and the PKCE verifier alone.
   */
  clientSecret?: string;
  /** One of the app's registered redirect URLs; omitted, Gatehouse uses the first registered one. */
  redirectUri?: string;
  /** Where admins sign in and consent (Intercom: https://app.intercom.com). */
  authorizeBaseUrl?: string;
  /** The API, where codes are exchanged and /me answers (Intercom: https://api.intercom.io). */
  apiBaseUrl?: string;
  fetch?: typeof fetch;
}

/** What to keep in the admin's session between sending them away and their callback. */
export interface PendingAuthorization {
  /** Comes back on the callback and must match (RFC 6749 §10.12). */
  state: string;
  /** The PKCE secret (RFC 7636) whose challenge the link carries; proves the exchange is ours. */
  codeVerifier: string;
}

export interface Authorization extends PendingAuthorization {
  /** Where to send the admin. */
  url: string;
}

export interface Connection {
  token: string;
  admin: Me;
}

/**
 * The app side of the authorization-code flow (seed 002): build the link with a fresh random `state` and a
 * PKCE challenge (S256, as RFC 9700 §2.1.1 asks of every client; a server that does not know PKCE ignores
 * it, RFC 6749 §3.1), check the `state` that comes back (in constant time), trade the code and its verifier
 * for a token, and find out who connected, refusing an admin whose email is not verified.
 */
export class OAuthHelper {
  readonly #options: OAuthOptions;
  readonly #fetch: typeof fetch;

  constructor(options: OAuthOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * The URL to send the admin to, with the `state` and PKCE `codeVerifier` to keep in their session until
   * the callback (both fresh and random: 24 and 32 bytes).
   */
  async authorizationUrl(extra: { state?: string } = {}): Promise<Authorization> {
    const state = extra.state ?? randomUrlSafe(24);
    const codeVerifier = randomUrlSafe(32);
    const url = new URL("/oauth", this.#options.authorizeBaseUrl ?? "https://app.intercom.com");
    url.searchParams.set("client_id", this.#options.clientId);
    url.searchParams.set("state", state);
    if (this.#options.redirectUri) url.searchParams.set("redirect_uri", this.#options.redirectUri);
    url.searchParams.set("code_challenge", await s256Challenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
    return { url: url.toString(), state, codeVerifier };
  }

  /** Throws `StateMismatchError` unless `received` is exactly `expected`. */
  checkState(expected: string | undefined, received: string | null | undefined): void {
    if (!expected || !constantTimeEqual(expected, received ?? "")) throw new StateMismatchError();
  }

  /**
   * `POST /auth/eagle/token`: the code for a token. `codeVerifier` is the one `authorizationUrl` gave with
   * the link the code came from (leave it out only for a link built without this helper, with no PKCE).
   */
  async exchange(code: string, codeVerifier?: string): Promise<string> {
    const send = this.#fetch; // detached, as Client calls it: a browser's fetch refuses another `this`
    const response = await send(new URL("/auth/eagle/token", this.#apiBase()), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        code,
        client_id: this.#options.clientId,
        ...(this.#options.clientSecret !== undefined && { client_secret: this.#options.clientSecret }),
        grant_type: "authorization_code",
        ...(this.#options.redirectUri && { redirect_uri: this.#options.redirectUri }),
        ...(codeVerifier !== undefined && { code_verifier: codeVerifier }),
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
   * The whole callback: checks `state` against the session's, exchanges `code` with the session's PKCE
   * verifier, fetches `/me`, and refuses an unverified email. `callback` is the URL the browser came back
   * on (or its query); `pending` what `authorizationUrl` gave and the session kept (undefined when the
   * session has none: refused as a state mismatch).
   */
  async connect(
    callback: URL | URLSearchParams,
    pending: PendingAuthorization | undefined,
  ): Promise<Connection> {
    const params = callback instanceof URL ? callback.searchParams : callback;
    this.checkState(pending?.state, params.get("state"));
    const denied = params.get("error");
    if (denied)
      throw new OAuthExchangeError(
        400,
        denied,
        params.get("error_description") ?? "The admin did not authorize the app",
      );
    const code = params.get("code");
    if (!code) throw new OAuthExchangeError(400, "invalid_request", "The callback has no code");
    const token = await this.exchange(code, pending?.codeVerifier);
    const admin = await new Client({ token, baseUrl: this.#apiBase(), fetch: this.#fetch }).me();
    if (admin.email_verified !== true) throw new UnverifiedEmailError(admin.email);
    return { token, admin };
  }

  #apiBase(): string {
    return this.#options.apiBaseUrl ?? "https://api.intercom.io";
  }
}
