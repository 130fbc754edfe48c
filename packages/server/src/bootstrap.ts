import path from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { type ChangeFeed, LocalChangeFeed, PostgresChangeFeed, SqliteChangeFeed } from "./core/changes.ts";
import type { Services } from "./core/services.ts";
import { PrincipalCache } from "./platform/apps/principals/principal-cache.ts";
import { ScopeCatalog } from "./platform/apps/scopes/catalog.ts";
import { type LoadedKeys, loadKeys } from "./platform/services/crypto/keyring.ts";
import { RateLimits } from "./platform/services/limits/rate-limits.ts";
import { DestinationGuard, type ResolveHost } from "./platform/webhooks/destination-guard.ts";
import { WebhookOutbox } from "./platform/webhooks/outbox.ts";
import { setUpWorkspace } from "./resources/workspace-setup.ts";
import { migrate, openStorage, type Storage } from "./storage/database.ts";
import { type ExposedPath, exposedPaths } from "./storage/private-files.ts";

export interface Runtime {
  services: Services;
  storage: Storage;
  keys: LoadedKeys;
  /** Migrations applied by this start, by name. */
  migrated: string[];
  /** Local data other users of the machine can read, each with the command that makes it private. */
  exposed: ExposedPath[];
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** How host names of webhook endpoints resolve (default: the system's resolver); tests give their own. */
  resolveHost?: ResolveHost;
}

/** Opens the database, applies migrations, loads keys and the scope catalog: everything done once. */
export async function startRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const scopes = await ScopeCatalog.load(config.scopesFile);
  const keys = loadKeys(config.secretKeys, config.dataDir);
  const storage = openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: config.databaseApplicationName,
    log: logger,
  });
  const exposed = exposedPaths([
    ...new Set([...storage.localPaths, ...(keys.file ? [path.dirname(keys.file), keys.file] : [])]),
  ]);
  for (const { path: where, mode, fix } of exposed)
    logger.warn(
      { path: where, mode: mode.toString(8), fix },
      `${where} is open to other users of this machine; make it private with: ${fix}`,
    );
  let changes: ChangeFeed | undefined;
  let limits: RateLimits | undefined;
  try {
    const migrated = await migrate(storage);
    changes = config.databaseUrl
      ? await PostgresChangeFeed.start(config.databaseUrl, logger, config.databaseApplicationName)
      : storage.dataVersion
        ? new SqliteChangeFeed(storage.dataVersion)
        : new LocalChangeFeed();
    const principals = new PrincipalCache({
      ttlMs: config.tokenCacheTtlMs,
      maxEntries: config.tokenCacheMaxEntries,
    });
    changes.subscribe((tags) => principals.invalidate(tags));
    limits = await RateLimits.start(config.rateLimits, config.redisUrl, config.redisPrefix, logger);
    const services: Services = {
      db: storage.db,
      dialect: storage.dialect,
      keys: keys.keyring,
      scopes,
      principals,
      changes,
      // Read through `services` so the outbox keeps the same clock as everything else.
      outbox: new WebhookOutbox({ scopes, now: () => services.now() }),
      limits,
      setUpWorkspace,
      webhooks: {
        destinations: new DestinationGuard({
          allowPrivate: config.webhooks.allowPrivate,
          ...(options.resolveHost && { resolve: options.resolveHost }),
        }),
        signingSecretOverlapMs: config.webhooks.signingSecretOverlapMs,
      },
      now: () => Date.now(),
    };
    const feed = changes;
    const counters = limits;
    return {
      services,
      storage,
      keys,
      migrated,
      exposed,
      async close() {
        await counters.close();
        await feed.close();
        await storage.close();
      },
    };
  } catch (error) {
    await limits?.close().catch(() => {});
    await changes?.close().catch(() => {});
    await storage.close().catch(() => {});
    throw error;
  }
}
