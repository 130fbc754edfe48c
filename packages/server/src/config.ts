import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RetentionSettings } from "./core/poller.ts";
import type { OAuthCodeSettings } from "./platform/apps/oauth/code-purge.ts";
import type { FeedRetentionSettings } from "./platform/apps/resource-servers/revocation-feed.ts";
import type { RateLimitSettings } from "./platform/services/limits/rate-limits.ts";
import { type AddressRange, parseAllowList } from "./platform/webhooks/destination-guard.ts";
import type { DispatcherSettings } from "./platform/webhooks/dispatcher.ts";

/** Every setting Gatehouse reads, parsed from the environment in one place. */
export interface Config {
  /** Where the SQLite database, the generated key file and other local state live. */
  dataDir: string;
  /** PostgreSQL connection string; when unset, Gatehouse runs on embedded SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * What this instance calls itself to PostgreSQL (`application_name`), so an operator, or a test, can
   * find its connections in `pg_stat_activity`. Default: "gatehouse <host>:<pid>". An
   * `application_name` in DATABASE_URL wins over it.
   */
  databaseApplicationName: string;
  host: string;
  port: number;
  /**
   * The address clients reach Gatehouse at (GATEHOUSE_PUBLIC_URL): the OAuth issuer and the start of
   * every absolute link. Derived from host and port when unset, for the start banner only.
   */
  publicUrl: string;
  /**
   * Whether `publicUrl` was set by the operator. If not, the OAuth issuer and absolute links follow the
   * address each request came to, which suits local and CI use (see `http/public-origin.ts`).
   */
  publicUrlConfigured: boolean;
  /**
   * Root secret keys, newest first. The first seals and hashes everything new; the rest are retired keys,
   * still accepted while tokens move over. Empty: a key is generated once into `dataDir`.
   */
  secretKeys: string[];
  /** Replaces the built-in Intercom permission-scope catalog with an operator's own JSON file. */
  scopesFile: string | undefined;
  logLevel: string;
  /** Whether to believe X-Forwarded-* headers: false, true, or a comma-separated list of proxy addresses. */
  trustProxy: boolean | string;
  /** How long a verified token may be answered from memory before the database is asked again. */
  tokenCacheTtlMs: number;
  tokenCacheMaxEntries: number;
  /** Redis for rate-limit counters shared by every instance; in-memory counting when unset. */
  redisUrl: string | undefined;
  /** Prefix for Gatehouse's Redis keys, so several deployments can share one Redis. */
  redisPrefix: string;
  rateLimits: RateLimitSettings;
  webhooks: WebhookSettings;
  /** How often each instance wakes the conversations whose snooze has run out. */
  snoozePollMs: number;
  /**
   * Password verifications (argon2id, 19 MiB each) one instance runs at once; a sign-in beyond them is
   * answered 503 with Retry-After: 1 instead of queueing.
   */
  signInConcurrency: number;
  oauthCodes: OAuthCodeSettings;
  revocationFeed: FeedRetentionSettings;
}

/** Webhook delivery, where it may go, and how its signing secrets rotate. */
export interface WebhookSettings extends DispatcherSettings {
  /**
   * Private or reserved networks an operator allows as webhook destinations, for receivers on their
   * own network or in CI (GATEHOUSE_WEBHOOK_ALLOW_PRIVATE, comma-separated CIDRs). None by default:
   * only public addresses are delivered to.
   */
  allowPrivate: AddressRange[];
  /** How long a rotated-out signing secret keeps signing beside the new one (a day by default). */
  signingSecretOverlapMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST?.trim() || "127.0.0.1";
  const port = parseInteger("PORT", env.PORT, 8080, 0, 65535);
  const displayHost =
    host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    dataDir: path.resolve(env.GATEHOUSE_DATA_DIR?.trim() || "data"),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    databaseApplicationName: applicationName(
      env.GATEHOUSE_DATABASE_APPLICATION_NAME?.trim() || `gatehouse ${os.hostname()}:${process.pid}`,
    ),
    host,
    port,
    publicUrl: parsePublicUrl(env.GATEHOUSE_PUBLIC_URL?.trim()) ?? `http://${displayHost}:${port}`,
    publicUrlConfigured: Boolean(env.GATEHOUSE_PUBLIC_URL?.trim()),
    secretKeys: (env.GATEHOUSE_SECRET_KEY ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    scopesFile: env.GATEHOUSE_SCOPES_FILE?.trim() || undefined,
    logLevel: env.LOG_LEVEL?.trim() || "info",
    trustProxy: parseTrustProxy(env.GATEHOUSE_TRUST_PROXY),
    tokenCacheTtlMs: parseInteger(
      "GATEHOUSE_TOKEN_CACHE_TTL_MS",
      env.GATEHOUSE_TOKEN_CACHE_TTL_MS,
      60_000,
      0,
      86_400_000,
    ),
    tokenCacheMaxEntries: parseInteger(
      "GATEHOUSE_TOKEN_CACHE_MAX_ENTRIES",
      env.GATEHOUSE_TOKEN_CACHE_MAX_ENTRIES,
      100_000,
      0,
      10_000_000,
    ),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisPrefix: env.GATEHOUSE_REDIS_PREFIX?.trim() || "gatehouse",
    rateLimits: {
      appPerMinute: parseInteger("GATEHOUSE_RATE_LIMIT_APP", env.GATEHOUSE_RATE_LIMIT_APP, 10_000, 1, 1e9),
      workspacePerMinute: parseInteger(
        "GATEHOUSE_RATE_LIMIT_WORKSPACE",
        env.GATEHOUSE_RATE_LIMIT_WORKSPACE,
        25_000,
        1,
        1e9,
      ),
      tokenPerMinutePerClient: parseInteger(
        "GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT",
        env.GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT,
        60,
        1,
        1e9,
      ),
      tokenPerMinutePerAddress: parseInteger(
        "GATEHOUSE_RATE_LIMIT_TOKEN_ADDRESS",
        env.GATEHOUSE_RATE_LIMIT_TOKEN_ADDRESS,
        600,
        1,
        1e9,
      ),
      introspectPerMinutePerClient: parseInteger(
        "GATEHOUSE_RATE_LIMIT_INTROSPECT",
        env.GATEHOUSE_RATE_LIMIT_INTROSPECT,
        10_000,
        1,
        1e9,
      ),
      signIn: {
        perEmailAndAddress: parseInteger(
          "GATEHOUSE_SIGNIN_FAILURES_EMAIL_ADDRESS",
          env.GATEHOUSE_SIGNIN_FAILURES_EMAIL_ADDRESS,
          5,
          1,
          1e6,
        ),
        perEmail: parseInteger(
          "GATEHOUSE_SIGNIN_FAILURES_EMAIL",
          env.GATEHOUSE_SIGNIN_FAILURES_EMAIL,
          50,
          1,
          1e6,
        ),
        perAddress: parseInteger(
          "GATEHOUSE_SIGNIN_FAILURES_ADDRESS",
          env.GATEHOUSE_SIGNIN_FAILURES_ADDRESS,
          30,
          1,
          1e6,
        ),
      },
    },
    webhooks: {
      pollMs: parseInteger("GATEHOUSE_WEBHOOK_POLL_MS", env.GATEHOUSE_WEBHOOK_POLL_MS, 1_000, 10, 600_000),
      // Intercom retries a failed notification after a minute; Gatehouse keeps trying, doubling the wait.
      retryBaseMs: parseInteger(
        "GATEHOUSE_WEBHOOK_RETRY_BASE_MS",
        env.GATEHOUSE_WEBHOOK_RETRY_BASE_MS,
        60_000,
        10,
        3_600_000,
      ),
      maxAttempts: parseInteger(
        "GATEHOUSE_WEBHOOK_MAX_ATTEMPTS",
        env.GATEHOUSE_WEBHOOK_MAX_ATTEMPTS,
        8,
        1,
        100,
      ),
      timeoutMs: parseInteger(
        "GATEHOUSE_WEBHOOK_TIMEOUT_MS",
        env.GATEHOUSE_WEBHOOK_TIMEOUT_MS,
        10_000,
        100,
        120_000,
      ),
      extraCa: readCaFile(env.GATEHOUSE_WEBHOOK_CA_FILE?.trim()),
      allowPrivate: parseAllowPrivate(env.GATEHOUSE_WEBHOOK_ALLOW_PRIVATE),
      signingSecretOverlapMs: parseInteger(
        "GATEHOUSE_WEBHOOK_SECRET_OVERLAP_MS",
        env.GATEHOUSE_WEBHOOK_SECRET_OVERLAP_MS,
        86_400_000,
        0,
        30 * 86_400_000,
      ),
    },
    snoozePollMs: parseInteger(
      "GATEHOUSE_SNOOZE_POLL_MS",
      env.GATEHOUSE_SNOOZE_POLL_MS,
      1_000,
      10,
      3_600_000,
    ),
    oauthCodes: retention(env, "GATEHOUSE_OAUTH_CODE", { keepMs: 86_400_000, maxMs: 31 * 86_400_000 }),
    revocationFeed: retention(env, "GATEHOUSE_REVOCATION_FEED", {
      keepMs: 7 * 86_400_000,
      maxMs: 366 * 86_400_000,
    }),
    signInConcurrency: parseInteger(
      "GATEHOUSE_SIGNIN_CONCURRENCY",
      env.GATEHOUSE_SIGNIN_CONCURRENCY,
      4,
      1,
      1000,
    ),
  };
}

/**
 * An http(s) URL with neither credentials, query nor fragment, written as links will start with it:
 * the host lower-cased, no trailing slash.
 */
function parsePublicUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `GATEHOUSE_PUBLIC_URL must be an absolute URL like https://auth.example.com, got "${raw}"`,
    );
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new ConfigError(
      `GATEHOUSE_PUBLIC_URL must be an http or https URL without credentials, query or fragment, got "${raw}"`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** PostgreSQL keeps printable ASCII of an application_name, and at most 63 bytes of it. */
function applicationName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "?").slice(0, 63);
}

/** Certificate authorities to trust for webhook endpoints beside the system's (a private CA, a test's own). */
function readCaFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`GATEHOUSE_WEBHOOK_CA_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
}

function parseAllowPrivate(raw: string | undefined): AddressRange[] {
  try {
    return parseAllowList(raw ?? "");
  } catch (error) {
    throw new ConfigError(`GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: ${(error as Error).message}`);
  }
}

/**
 * A retention purge's settings, `<PREFIX>_RETENTION_MS` (how long records are kept; 0 clears them as
 * soon as the purge runs) and `<PREFIX>_PURGE_MS` (how often each instance clears older ones).
 */
function retention(
  env: NodeJS.ProcessEnv,
  prefix: string,
  limits: { keepMs: number; maxMs: number },
): RetentionSettings {
  const name = (what: string) => `${prefix}_${what}_MS`;
  return {
    retentionMs: parseInteger(name("RETENTION"), env[name("RETENTION")], limits.keepMs, 0, limits.maxMs),
    purgeEveryMs: parseInteger(name("PURGE"), env[name("PURGE")], 60_000, 10, 86_400_000),
  };
}

function parseInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  return value;
}
