import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Kysely's SqliteDialect speaks better-sqlite3's interface; this gives it `node:sqlite` instead, so
 * the default install needs no native addon. The differences it papers over: statements expose
 * `columns()` rather than `reader`, and booleans must be bound as integers.
 */
export function openSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA synchronous = NORMAL");
  // Speed only, no durability: SQLite's own page cache (default 2 MB) held too few of a large token
  // table's index pages, so every cold lookup and every exchange read pages back through the OS.
  db.exec("PRAGMA cache_size = -65536");
  // SQLite's own lower() folds ASCII letters only, so a search ignoring case ("É" in a name found by
  // "é", or by "É" itself, since the search lower-cases what it looks for) found nothing on SQLite while
  // PostgreSQL, whose lower() folds every script, found it. Replaced by JavaScript's folding, which is
  // PostgreSQL's in UTF-8 for all but a few special letters. No index is built on lower(), so none
  // holds the old function's values.
  db.function("lower", { deterministic: true }, (value) =>
    typeof value === "string" ? value.toLowerCase() : value,
  );
  const statements = new StatementCache(db);
  return {
    raw: db,
    close: () => db.close(),
    prepare: (sql) => statements.get(sql),
  };
}

/** Statements kept, by their SQL; the oldest-used goes when more are kept. */
const CACHED_STATEMENTS = 500;
/** SQL longer than this (a bulk insert's literal rows) is prepared for its one use and not kept. */
const CACHED_SQL_LENGTH = 8_192;

/**
 * Prepared statements, kept by SQL text: Kysely prepares every query it runs, and compiling the SQL
 * (a five-table join for a token lookup) cost more than running it. A kept statement is safe to reuse:
 * every use runs to completion (`all`, `run`) on this one thread before another begins; `iterate`, whose
 * use can outlive the next query's, gets a statement of its own.
 */
class StatementCache {
  readonly #db: DatabaseSync;
  readonly #kept = new Map<string, SqliteStatement>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(sql: string): SqliteStatement {
    const kept = this.#kept.get(sql);
    if (kept) {
      // Most recently used last, so the first key is the one to drop.
      this.#kept.delete(sql);
      this.#kept.set(sql, kept);
      return kept;
    }
    const statement = wrapStatement(this.#db, sql, this.#db.prepare(sql));
    if (sql.length <= CACHED_SQL_LENGTH) {
      if (this.#kept.size >= CACHED_STATEMENTS) this.#kept.delete(this.#kept.keys().next().value as string);
      this.#kept.set(sql, statement);
    }
    return statement;
  }
}

type Bindable = null | number | bigint | string | Uint8Array;

function bind(parameters: ReadonlyArray<unknown>): Bindable[] {
  return parameters.map((value) => {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value === undefined) return null;
    return value as Bindable;
  });
}

function wrapStatement(db: DatabaseSync, sql: string, statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => db.prepare(sql).iterate(...bind(parameters)),
  };
}
