import pg from "pg";
import type { Logger } from "pino";

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** How the pool's connections are named in `pg_stat_activity`. */
  applicationName: string;
  log: Logger;
  types?: pg.CustomTypesConfig;
}

/**
 * Statements prepared by name on each connection, by their SQL text: for a hot statement (the token
 * lookup of every principal-cache miss) PostgreSQL then parses and plans once per connection instead of
 * once per query, which cost it more than running the statement.
 */
const preparedNames = new Map<string, string>();

/** Asks that `text` be prepared by name on every connection that runs it (see `preparedNames`). */
export function prepareByName(text: string): void {
  if (!preparedNames.has(text)) preparedNames.set(text, `gatehouse_hot_${preparedNames.size + 1}`);
}

type Query = (...args: unknown[]) => unknown;

/** Routes a registered statement's text through node-postgres's named prepared statements. */
function preparing(client: pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const name = typeof text === "string" ? preparedNames.get(text) : undefined;
    if (name === undefined || args.length > 2 || !Array.isArray(values)) return query(...args);
    return query({ name, text, values });
  };
}

/** How long a request waits for a connection (a new one, or a free one of the pool) before it is refused. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A pg.Pool that survives losing connections. PostgreSQL drops connections when it restarts or fails
 * over, when an administrator terminates them, or when a pooler in between times them out; node-postgres
 * then emits `error` on the connection, and on the pool for an idle one, and an `error` event nobody
 * listens to ends the process. Here each loss is logged once, the pool drops the dead connection and
 * opens a new one when next asked, and the query that was using it fails (a 503 for a request).
 */
export function openPool({ connectionString, max, applicationName, log, types }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keepalive notices a peer that vanished without closing (a failed-over host, a cut network).
    keepAlive: true,
    ...(types && { types }),
  });
  pool.on("connect", (client) => {
    preparing(client);
    let reported = false;
    client.on("error", (error) => {
      if (reported) return;
      reported = true;
      log.warn({ err: error }, "database connection lost; the pool replaces it");
    });
  });
  // An idle connection's error reaches the pool too; its own listener above has logged it.
  pool.on("error", () => {});
  return pool;
}
