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
  return {
    raw: db,
    close: () => db.close(),
    prepare: (sql) => wrapStatement(db.prepare(sql)),
  };
}

type Bindable = null | number | bigint | string | Uint8Array;

function bind(parameters: ReadonlyArray<unknown>): Bindable[] {
  return parameters.map((value) => {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value === undefined) return null;
    return value as Bindable;
  });
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => statement.iterate(...bind(parameters)),
  };
}
