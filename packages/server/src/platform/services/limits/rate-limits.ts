import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ApiBudgets, type Decision } from "./api-budgets.ts";
import { SIGN_IN_WINDOW_SECONDS, SignInAttempts, type SignInBudgets } from "./sign-in-attempts.ts";

export type { Decision };

/** How many requests a key may make per minute, per Intercom's published defaults unless configured. */
export interface RateLimitSettings {
  /** Per app, per workspace it reaches (Intercom: 10,000 a minute, counted a sixth per 10 s). */
  appPerMinute: number;
  /** Per workspace, across all apps (Intercom: 25,000 a minute). */
  workspacePerMinute: number;
  /** Token endpoint, per client and per address. */
  tokenPerMinutePerClient: number;
  tokenPerMinutePerAddress: number;
  /**
   * Introspection, and revocation, per client: each its own budget, sized like the API's, since a
   * resource server may introspect on every request it serves.
   */
  introspectPerMinutePerClient: number;
  /** Failed sign-ins in a quarter of an hour: per email and address, per email, per address. */
  signIn: SignInBudgets;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * Every rate limit Gatehouse applies, counted in Redis when REDIS_URL is set (so that all instances
 * share one budget) and in memory otherwise. Should Redis fail, an in-memory limiter stands in rather
 * than letting every request through or turning every request away.
 */
export class RateLimits {
  /** The resource API's, in Intercom's 10-second windows (in memory they answer without a promise). */
  readonly #api: ApiBudgets;
  readonly #tokenClient: Limiter;
  readonly #tokenAddress: Limiter;
  readonly #introspection: Limiter;
  readonly #revocation: Limiter;
  /** Sign-in attempts, counted before each password is checked. */
  readonly signIn: SignInAttempts;
  readonly #settings: RateLimitSettings;
  readonly #redis: Redis | undefined;

  constructor(settings: RateLimitSettings, redis?: { client: Redis; prefix: string }) {
    this.#settings = settings;
    this.#redis = redis?.client;
    const make = (name: string, points: number, duration: number): Limiter => {
      const options = { keyPrefix: `${redis?.prefix ?? "gatehouse"}:${name}`, points, duration };
      if (!redis) return new RateLimiterMemory(options);
      return new RateLimiterRedis({
        ...options,
        storeClient: redis.client,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    };
    this.#api = new ApiBudgets(settings, redis);
    this.#tokenClient = make("token-client", settings.tokenPerMinutePerClient, 60);
    this.#tokenAddress = make("token-address", settings.tokenPerMinutePerAddress, 60);
    this.#introspection = make("introspect-client", settings.introspectPerMinutePerClient, 60);
    this.#revocation = make("revoke-client", settings.introspectPerMinutePerClient, 60);
    this.signIn = new SignInAttempts({
      pair: make("signin-email-address", settings.signIn.perEmailAndAddress, SIGN_IN_WINDOW_SECONDS),
      email: make("signin-email", settings.signIn.perEmail, SIGN_IN_WINDOW_SECONDS),
      address: make("signin-address", settings.signIn.perAddress, SIGN_IN_WINDOW_SECONDS),
    });
  }

  static async start(
    settings: RateLimitSettings,
    redisUrl: string | undefined,
    prefix: string,
    log: Logger,
  ): Promise<RateLimits> {
    if (!redisUrl) return new RateLimits(settings);
    // Loaded only when used: without Redis (every CLI command, a single instance) nobody pays its start-up.
    const { Redis } = await import("ioredis");
    const client = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    client.on("error", (error) =>
      log.warn({ err: error }, "redis error; rate limits fall back to memory meanwhile"),
    );
    return new RateLimits(settings, { client, prefix });
  }

  /**
   * One API request by an app in a workspace: admitted when both its budgets have room, drawing on both;
   * a refused request draws on neither. Reports the budget that binds.
   */
  apiRequest(appId: number, workspaceId: number): Decision | Promise<Decision> {
    return this.#api.hit(appId, workspaceId);
  }

  /** Every token request, counted per address before anything else is looked at. */
  tokenRequestFrom(address: string): Promise<Decision> {
    return consume(this.#tokenAddress, address, this.#settings.tokenPerMinutePerAddress);
  }

  /**
   * A token request by a client that has proved who it is. Counted only after authentication, so that
   * nobody can spend another client's budget by sending its public client_id.
   */
  tokenRequestBy(clientId: string): Promise<Decision> {
    return consume(this.#tokenClient, clientId.slice(0, 100), this.#settings.tokenPerMinutePerClient);
  }

  /**
   * An introspection by a client that has proved who it is (so that nobody spends another's budget).
   * `key` names the client, and for a public client (known by its id alone) the address too.
   */
  introspectionBy(key: string): Promise<Decision> {
    return consume(this.#introspection, key.slice(0, 200), this.#settings.introspectPerMinutePerClient);
  }

  /** A revocation, counted as `introspectionBy` counts, in a budget of its own. */
  revocationBy(key: string): Promise<Decision> {
    return consume(this.#revocation, key.slice(0, 200), this.#settings.introspectPerMinutePerClient);
  }

  async close(): Promise<void> {
    if (this.#redis) await this.#redis.quit().catch(() => this.#redis?.disconnect());
  }
}

async function consume(limiter: Limiter, key: string, limit: number): Promise<Decision> {
  try {
    const res = await limiter.consume(key);
    return { allowed: true, limit, remaining: res.remainingPoints, resetAt: Date.now() + res.msBeforeNext };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, limit, remaining: 0, resetAt: Date.now() + rejection.msBeforeNext };
    }
    throw rejection;
  }
}
