import crypto from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";
import { openPool } from "../storage/dialects/postgres-pool.ts";

/**
 * Tells every running instance that facts cached under some tags (`token:7`, `app:3`, …) have changed.
 * Writers publish after their transaction commits; caches listen and evict. "*" means "everything".
 */
export interface ChangeFeed {
  publish(tags: readonly string[]): Promise<void>;
  subscribe(listener: (tags: readonly string[]) => void): void;
  close(): Promise<void>;
}

export const EVERYTHING = "*";

/** One process, one database file: listeners are called at once. */
export class LocalChangeFeed implements ChangeFeed {
  protected readonly listeners: Array<(tags: readonly string[]) => void> = [];

  async publish(tags: readonly string[]): Promise<void> {
    this.deliver(tags);
  }

  subscribe(listener: (tags: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  protected deliver(tags: readonly string[]): void {
    for (const listener of this.listeners) listener(tags);
  }

  async close(): Promise<void> {}
}

/**
 * One SQLite file, possibly written by other processes too (the `gatehouse` command while the server
 * runs): this process's changes are delivered at once; another process's commit is noticed through
 * SQLite's data_version within `intervalMs`, and since it does not say what changed, every cache is
 * flushed.
 */
export class SqliteChangeFeed extends LocalChangeFeed {
  readonly #timer: NodeJS.Timeout;

  constructor(dataVersion: () => number, intervalMs = 50) {
    super();
    let seen = dataVersion();
    this.#timer = setInterval(() => {
      const now = dataVersion();
      if (now !== seen) {
        seen = now;
        this.deliver([EVERYTHING]);
      }
    }, intervalMs);
    this.#timer.unref();
  }

  override async close(): Promise<void> {
    clearInterval(this.#timer);
  }
}

/**
 * The channel one deployment's instances talk on. LISTEN/NOTIFY channels belong to the whole database,
 * so the channel is named after the schema Gatehouse works in: two deployments sharing a PostgreSQL
 * database (each in its own schema) do not flush each other's caches. A schema name that is not a
 * plain lower-case identifier of at most 40 characters is hashed (to 44, so the two kinds never meet),
 * and the channel is always a safe identifier of at most 63 bytes.
 */
export function changeChannel(schema: string): string {
  const suffix = /^[a-z0-9_]{1,40}$/.test(schema)
    ? schema
    : crypto.createHash("sha256").update(schema).digest("hex").slice(0, 44);
  return `gatehouse_changes_${suffix}`;
}

/** Waits between attempts to listen again: from 100 ms, doubling, to at most 5 s. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * Many instances over one PostgreSQL: changes travel by LISTEN/NOTIFY. The publishing instance evicts
 * at once (read-your-writes); the others hear the notification. If the listening connection drops,
 * notifications may be missed until it is back: every cache is flushed when it drops and again once it
 * listens again, and it tries again with a growing wait until it does.
 */
export class PostgresChangeFeed extends LocalChangeFeed {
  readonly #instance = crypto.randomUUID();
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  readonly #applicationName: string;
  readonly #log: Logger;
  /** Learnt on the first connection, from the schema it works in. */
  #channel = "";
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  private constructor(connectionString: string, log: Logger, applicationName: string) {
    super();
    this.#connectionString = connectionString;
    this.#applicationName = applicationName;
    this.#log = log;
    this.#pool = openPool({ connectionString, max: 2, applicationName, log });
  }

  static async start(
    connectionString: string,
    log: Logger,
    applicationName = "gatehouse",
  ): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(connectionString, log, applicationName);
    try {
      await feed.#listen();
    } catch (error) {
      await feed.close();
      throw error;
    }
    return feed;
  }

  /**
   * Tells the other instances. The change is already committed, so a failure to tell is not the
   * caller's: it is tried once more on a fresh connection, then logged (the others' caches then
   * expire by their time to live).
   */
  override async publish(tags: readonly string[]): Promise<void> {
    this.deliver(tags);
    const payload = JSON.stringify({ from: this.#instance, tags });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#pool.query("select pg_notify($1, $2)", [this.#channel, payload]);
        return;
      } catch (error) {
        if (attempt >= 2 || this.#closed) {
          this.#log.error({ err: error, tags }, "could not tell other instances of a change");
          return;
        }
      }
    }
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      application_name: this.#applicationName,
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (!message.payload) return;
      try {
        const { from, tags } = JSON.parse(message.payload) as { from: string; tags: string[] };
        if (from !== this.#instance) this.deliver(tags);
      } catch {
        this.deliver([EVERYTHING]);
      }
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      if (!this.#channel) {
        const { rows } = await client.query<{ schema: string | null }>("select current_schema() as schema");
        this.#channel = changeChannel(rows[0]?.schema ?? "");
      }
      await client.query(`LISTEN "${this.#channel}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) await client.end().catch(() => {});
    else this.#client = client;
  }

  #lost(client: pg.Client, error?: Error): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    this.#log.warn({ err: error }, "change feed connection lost; flushing caches and listening again");
    this.deliver([EVERYTHING]);
    this.#reconnect(RETRY_FIRST_MS);
  }

  #reconnect(waitMs: number): void {
    this.#retry = setTimeout(() => {
      if (this.#closed) return;
      this.#listen().then(
        () => {
          if (this.#closed) return;
          this.#log.info("listening for changes again; flushing caches, since changes may have been missed");
          this.deliver([EVERYTHING]);
        },
        (error: unknown) => {
          this.#log.debug({ err: error }, "change feed still cannot listen; trying again");
          this.#reconnect(Math.min(waitMs * 2, RETRY_MAX_MS));
        },
      );
    }, waitMs);
    this.#retry.unref();
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
    await this.#pool.end();
  }
}
