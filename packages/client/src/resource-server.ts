import { hmacSha256 } from "./web-crypto.ts";

/**
 * What a resource server (your own API, registered with `gatehouse resource-server create`) needs to
 * verify the tokens presented to it: introspection as the resource server, answers cached for a time to
 * live, and the revocation feed polled so that a revoked, uninstalled or narrowed token is dropped from
 * the cache within a poll interval instead of living out its time to live. The framework adapters
 * (`@gatehouse/client/fastify`, `@gatehouse/client/express`) are thin layers over it.
 */

export interface ResourceServerOptions {
  /** Gatehouse's URL. */
  gatehouseUrl: string;
  /** The resource server's `client_id` and `client_secret`, as `gatehouse resource-server create` printed them. */
  clientId: string;
  clientSecret: string;
  /** How long an introspection's answer is trusted (default 60 s). Inactive answers are cached for this too. */
  cacheTtlMs?: number;
  /** How often the revocation feed is read (default 1 s). */
  pollIntervalMs?: number;
  /** At most this many answers cached (default 10,000); the oldest goes first. */
  maxEntries?: number;
  /** Told of a failed feed read or introspection (default: nothing). */
  onError?: (error: unknown) => void;
  /** For tests and special transports; the platform's own `fetch` by default. */
  fetch?: typeof fetch;
}

/** What the framework adapters take: the resource server's options and the realm their refusals name. */
export interface AdapterOptions extends ResourceServerOptions {
  /** The realm named in `WWW-Authenticate` (default "api"). */
  realm?: string;
}

/** The principal an adapter put on a request (`gatehouse`); throws, saying what to add, if none did. */
export function principalOn(request: object, missing: string): GatehousePrincipal {
  const principal = (request as { gatehouse?: GatehousePrincipal | null }).gatehouse;
  if (!principal) throw new Error(`No Gatehouse principal on this request: ${missing}`);
  return principal;
}

/** Who a token speaks for, from Gatehouse's introspection answer. */
export interface GatehousePrincipal {
  /** The token's app. */
  clientId: string;
  scopes: string[];
  workspaceId: string;
  adminId: string;
  email: string;
  /** This resource server's client id, as Gatehouse named it in `aud`. */
  audience: string;
  /** The whole introspection answer. */
  introspection: Record<string, unknown>;
}

/** The revocation feed's digest of a token: HMAC-SHA256 keyed by the token (see Gatehouse's docs). */
export function tokenDigest(token: string, message = "gatehouse-revocation-feed-v1"): Promise<string> {
  return hmacSha256(token, message);
}

interface Entry {
  principal: GatehousePrincipal | undefined;
  expiresAt: number;
}

interface FeedPage {
  revocations: { digest: string; event: string }[];
  next: string;
  has_more: boolean;
}

/** What `#readFeed` answers when Gatehouse says the cursor is older than the feed keeps (410). */
const EXPIRED = Symbol("expired cursor");

/** Gatehouse could not be asked (down, or refusing the resource server's credentials). */
export class GatehouseUnavailableError extends Error {
  override name = "GatehouseUnavailableError";
}

export class ResourceServer {
  readonly #options: Required<Omit<ResourceServerOptions, "onError" | "fetch">>;
  readonly #onError: (error: unknown) => void;
  readonly #fetch: typeof fetch;
  readonly #authorization: string;
  /** Keyed by the token's feed digest, so the feed's entries find their way in at once. */
  readonly #cache = new Map<string, Entry>();
  /** Digests the feed named, with when: an introspection under way when they came is not cached. */
  readonly #dropped = new Map<string, number>();
  #cursor: string | undefined;
  /**
   * Moves on whenever the cache is emptied because the feed's cursor expired: an introspection begun in
   * an earlier generation may predate a revocation this reader never saw, so its answer is not kept.
   */
  #generation = 0;
  #started: Promise<void> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  #closed = false;

  constructor(options: ResourceServerOptions) {
    this.#options = {
      gatehouseUrl: options.gatehouseUrl.replace(/\/+$/, ""),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      cacheTtlMs: options.cacheTtlMs ?? 60_000,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      maxEntries: options.maxEntries ?? 10_000,
    };
    this.#onError = options.onError ?? (() => {});
    this.#fetch = options.fetch ?? fetch;
    const form = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
    this.#authorization = `Basic ${btoa(`${form(options.clientId)}:${form(options.clientSecret)}`)}`;
  }

  /**
   * The principal a token speaks for, or undefined when Gatehouse says it is not active. Throws
   * GatehouseUnavailableError when Gatehouse cannot answer (nothing is cached then).
   */
  async verify(token: string): Promise<GatehousePrincipal | undefined> {
    await this.#start();
    const digest = await tokenDigest(token);
    const now = Date.now();
    const cached = this.#cache.get(digest);
    if (cached && cached.expiresAt > now) return cached.principal;
    this.#cache.delete(digest);
    const asked = Date.now();
    const generation = this.#generation;
    const principal = await this.#introspect(token);
    // The feed named this token while we asked: the answer may predate it, so it is used once, not kept.
    if ((this.#dropped.get(digest) ?? 0) < asked && generation === this.#generation) {
      this.#cache.set(digest, { principal, expiresAt: Date.now() + this.#options.cacheTtlMs });
      if (this.#cache.size > this.#options.maxEntries) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
    }
    return principal;
  }

  /** Stops polling the feed. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }

  /**
   * Learns where the feed stands before the first answer is cached (so no revocation after it can be
   * missed), then polls it.
   */
  #start(): Promise<void> {
    this.#started ??= (async () => {
      this.#cursor = await this.#readHead();
      if (this.#closed) return;
      this.#timer = setInterval(() => void this.poll(), this.#options.pollIntervalMs);
      // Node: the poll alone does not keep the process alive.
      (this.#timer as unknown as { unref?: () => void }).unref?.();
    })().catch((error) => {
      this.#started = undefined;
      throw new GatehouseUnavailableError(`The revocation feed could not be read: ${String(error)}`);
    });
    return this.#started;
  }

  /** Reads the feed up to its end, dropping every token it names. Called on a timer; callable at will. */
  async poll(): Promise<void> {
    if (this.#polling || this.#cursor === undefined) return;
    this.#polling = true;
    try {
      for (;;) {
        const page = await this.#readFeed(this.#cursor);
        if (page === EXPIRED) {
          await this.#startAgain();
          break;
        }
        const now = Date.now();
        for (const entry of page.revocations) {
          this.#cache.delete(entry.digest);
          this.#dropped.set(entry.digest, now);
        }
        this.#cursor = page.next;
        if (!page.has_more) break;
      }
      // A digest needs remembering only while an introspection begun before it may still be answering.
      const forget = Date.now() - 60_000;
      for (const [digest, at] of this.#dropped) if (at < forget) this.#dropped.delete(digest);
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#polling = false;
    }
  }

  /**
   * The feed no longer holds what followed our cursor (we were away longer than it keeps entries): any
   * cached answer may be of a token revoked since, so all go, and reading starts again from the feed's
   * end, as at start.
   */
  async #startAgain(): Promise<void> {
    this.#generation++;
    this.#cache.clear();
    this.#dropped.clear();
    this.#cursor = await this.#readHead();
    // Introspections begun while the head was being read are not kept either.
    this.#generation++;
  }

  /** Where the feed ends now: the cursor a reader with nothing cached starts from. */
  async #readHead(): Promise<string> {
    const head = await this.#readFeed(undefined);
    if (head === EXPIRED) throw new Error("GET /oauth/revocations answered 410 without since");
    return head.next;
  }

  async #readFeed(since: string | undefined): Promise<FeedPage | typeof EXPIRED> {
    const query = since === undefined ? "" : `?since=${encodeURIComponent(since)}&limit=1000`;
    const send = this.#fetch;
    const response = await send(`${this.#options.gatehouseUrl}/oauth/revocations${query}`, {
      headers: { authorization: this.#authorization, accept: "application/json" },
    });
    if (response.status === 410 && since !== undefined) {
      await response.body?.cancel();
      return EXPIRED;
    }
    if (!response.ok) throw new Error(`GET /oauth/revocations answered ${response.status}`);
    return (await response.json()) as FeedPage;
  }

  async #introspect(token: string): Promise<GatehousePrincipal | undefined> {
    let body: Record<string, unknown>;
    try {
      const send = this.#fetch;
      const response = await send(`${this.#options.gatehouseUrl}/oauth/introspect`, {
        method: "POST",
        headers: {
          authorization: this.#authorization,
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ token }).toString(),
      });
      if (!response.ok) throw new Error(`POST /oauth/introspect answered ${response.status}`);
      body = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      this.#onError(error);
      throw new GatehouseUnavailableError(`Gatehouse could not be asked about the token: ${String(error)}`);
    }
    if (body.active !== true) return undefined;
    return {
      clientId: String(body.client_id),
      scopes: typeof body.scope === "string" ? body.scope.split(" ").filter(Boolean) : [],
      workspaceId: String(body.workspace_id),
      adminId: String(body.admin_id),
      email: String(body.username),
      audience: String(body.aud),
      introspection: body,
    };
  }
}

/** What a refusal says, whichever framework sends it. */
export interface Refusal {
  status: 401 | 403 | 503;
  headers: Record<string, string>;
  body: { type: "error.list"; request_id: null; errors: { code: string; message: string }[] };
}

const refusal = (status: Refusal["status"], code: string, message: string, challenge?: string): Refusal => ({
  status,
  headers: challenge ? { "WWW-Authenticate": challenge } : {},
  body: { type: "error.list", request_id: null, errors: [{ code, message }] },
});

/** The Bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^\s*Bearer\s+([\x21-\x7e]+)\s*$/i.exec(value) : null;
  return match?.[1];
}

/**
 * Checks a request's Authorization header against Gatehouse, and the scopes its route needs (all of
 * them): the principal, or the refusal to send (RFC 6750 §3: 401 with a challenge, 403 with
 * `insufficient_scope` and the scopes needed; 503 when Gatehouse cannot be asked).
 */
export async function authorize(
  server: ResourceServer,
  header: string | string[] | undefined,
  scopes: readonly string[],
  realm = "api",
): Promise<{ principal: GatehousePrincipal } | { refusal: Refusal }> {
  const token = bearerToken(header);
  if (!token) {
    return { refusal: refusal(401, "unauthorized", "Access Token Invalid", `Bearer realm="${realm}"`) };
  }
  let principal: GatehousePrincipal | undefined;
  try {
    principal = await server.verify(token);
  } catch (error) {
    if (!(error instanceof GatehouseUnavailableError)) throw error;
    const answer = refusal(503, "service_unavailable", "The token could not be checked; try again shortly");
    return { refusal: { ...answer, headers: { "Retry-After": "1" } } };
  }
  if (!principal) {
    return {
      refusal: refusal(
        401,
        "unauthorized",
        "Access Token Invalid",
        `Bearer realm="${realm}", error="invalid_token", error_description="The access token is invalid"`,
      ),
    };
  }
  const missing = scopes.filter((scope) => !principal.scopes.includes(scope));
  if (missing.length > 0) {
    const message = `The access token lacks the scope${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
    return {
      refusal: refusal(
        403,
        "forbidden",
        message,
        `Bearer realm="${realm}", error="insufficient_scope", error_description="${message}", scope="${scopes.join(" ")}"`,
      ),
    };
  }
  return { principal };
}
