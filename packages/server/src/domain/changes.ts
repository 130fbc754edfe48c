import crypto from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";

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

const CHANNEL = "gatehouse_changes";

/**
 * Many instances over one PostgreSQL: changes travel by LISTEN/NOTIFY. The publishing instance evicts
 * at once (read-your-writes); the others hear the notification. If the listening connection drops, a
 * notification may have been missed, so every cache is flushed before listening again.
 */
export class PostgresChangeFeed extends LocalChangeFeed {
  readonly #instance = crypto.randomUUID();
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  readonly #log: Logger;
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  private constructor(connectionString: string, log: Logger) {
    super();
    this.#connectionString = connectionString;
    this.#log = log;
    this.#pool = new pg.Pool({ connectionString, max: 2 });
  }

  static async start(connectionString: string, log: Logger): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(connectionString, log);
    await feed.#listen();
    return feed;
  }

  override async publish(tags: readonly string[]): Promise<void> {
    this.deliver(tags);
    const payload = JSON.stringify({ from: this.#instance, tags });
    await this.#pool.query("select pg_notify($1, $2)", [CHANNEL, payload]);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString });
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
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
  }

  #lost(client: pg.Client, error?: Error): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    this.#log.warn({ err: error }, "change feed connection lost; flushing caches and reconnecting");
    this.deliver([EVERYTHING]);
    const reconnect = () => {
      if (this.#closed) return;
      this.#listen()
        .then(() => this.deliver([EVERYTHING]))
        .catch(() => {
          this.#retry = setTimeout(reconnect, 1000);
        });
    };
    this.#retry = setTimeout(reconnect, 100);
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => {});
    await this.#pool.end();
  }
}
