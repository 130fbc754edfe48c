import { type ApiErrorEntry, GatehouseApiError } from "./errors.ts";
import { articlesApi } from "./resources/articles.ts";
import { companiesApi } from "./resources/companies.ts";
import { contactsApi } from "./resources/contacts.ts";
import { conversationsApi } from "./resources/conversations.ts";
import { dataAttributesApi } from "./resources/data-attributes.ts";
import { eventsApi } from "./resources/events.ts";
import { ipAllowlistApi } from "./resources/ip-allowlist.ts";
import { newsApi } from "./resources/news.ts";
import { tagsApi } from "./resources/tags.ts";
import { ticketsApi, ticketTypesApi } from "./resources/tickets.ts";
import type { Admin, AdminList, Me } from "./wire/index.ts";

export interface ClientOptions {
  /** An access token (your own workspace) or an OAuth token (someone else's). */
  token: string;
  /** Gatehouse's URL, or Intercom's. */
  baseUrl?: string;
  /** The `Intercom-Version` to ask for. */
  version?: string;
  /** Retries after a 429 or a 5xx (GETs for 5xx, any method for 429, which was not processed). */
  maxRetries?: number;
  /** For tests and special transports; the platform's own `fetch` by default. */
  fetch?: typeof fetch;
}

const DEFAULT_BASE_URL = "https://api.intercom.io";
const MAX_WAIT_MS = 60_000;

/**
 * The token goes in the `Authorization: Bearer` header under the hood (seed 000): create a client with
 * a token and call methods. No dependencies beyond the platform's `fetch`.
 */
export class Client {
  readonly #token: string;
  readonly #baseUrl: string;
  readonly #version: string;
  readonly #maxRetries: number;
  readonly #fetch: typeof fetch;

  readonly admins = {
    /** `GET /admins` (needs "Read admins"). */
    list: (options: { displayAvatar?: boolean } = {}): Promise<AdminList> =>
      this.request("GET", `/admins${options.displayAvatar ? "?display_avatar=true" : ""}`),
    /** `GET /admins/{id}` (needs "Read admins" or "Read one admin"). */
    find: (id: string | number): Promise<Admin> =>
      this.request("GET", `/admins/${encodeURIComponent(String(id))}`),
  };

  // The resource groups only call `request`, so they may be built before the constructor runs.
  readonly contacts = contactsApi(this);
  readonly companies = companiesApi(this);
  readonly tags = tagsApi(this);
  readonly conversations = conversationsApi(this);
  readonly events = eventsApi(this);
  readonly dataAttributes = dataAttributesApi(this);
  readonly tickets = ticketsApi(this);
  readonly ticketTypes = ticketTypesApi(this);
  readonly articles = articlesApi(this);
  readonly news = newsApi(this);
  readonly ipAllowlist = ipAllowlistApi(this);

  constructor(options: ClientOptions) {
    if (!options.token) throw new TypeError("a token is required");
    this.#token = options.token;
    this.#baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.#version = options.version ?? "2.14";
    this.#maxRetries = options.maxRetries ?? 3;
    this.#fetch = options.fetch ?? fetch;
  }

  /** `GET /me`: the admin behind the token, and their workspace. */
  me(): Promise<Me> {
    return this.request("GET", "/me");
  }

  /** Any API call: JSON in, JSON out (undefined for an empty answer), errors as `GatehouseApiError`. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      // Called detached, never as `this.#fetch(…)`: a browser's fetch throws "Illegal invocation" when
      // its `this` is anything but the window (or undefined).
      const send = this.#fetch;
      const response = await send(this.#baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: "application/json",
          "intercom-version": this.#version,
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (response.ok) {
        // Some answers have no body: a tracked event (202), a deleted tag (200).
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      }
      const retryable = response.status === 429 || (response.status >= 500 && method === "GET");
      if (retryable && attempt < this.#maxRetries) {
        await response.arrayBuffer();
        await sleep(waitBeforeRetry(response, attempt));
        continue;
      }
      throw await toError(response);
    }
  }
}

/** `Retry-After` (seconds), else `X-RateLimit-Reset` (a Unix time), else exponential backoff with jitter. */
export function waitBeforeRetry(response: Response, attempt: number, now = Date.now()): number {
  const retryAfter = Number(response.headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, MAX_WAIT_MS);
  const reset = Number(response.headers.get("x-ratelimit-reset"));
  if (response.status === 429 && Number.isFinite(reset) && reset * 1000 > now)
    return Math.min(reset * 1000 - now, MAX_WAIT_MS);
  return Math.min(250 * 2 ** attempt + Math.random() * 100, MAX_WAIT_MS);
}

async function toError(response: Response): Promise<GatehouseApiError> {
  const requestId = response.headers.get("x-request-id") ?? undefined;
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { request_id?: string; errors?: ApiErrorEntry[] };
    if (Array.isArray(body.errors))
      return new GatehouseApiError(response.status, body.errors, body.request_id ?? requestId);
  } catch {
    // Not JSON: fall through to a generic error.
  }
  return new GatehouseApiError(
    response.status,
    [{ code: `http_${response.status}`, message: text.slice(0, 200) || `HTTP ${response.status}` }],
    requestId,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
