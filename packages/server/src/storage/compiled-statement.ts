import type { Compilable, CompiledQuery, Kysely, QueryResult } from "kysely";
import { prepareByName } from "./dialects/postgres-pool.ts";
import type { Database, Dialect } from "./schema.ts";

/** Marks where an argument goes while a statement is built; never reaches a database. */
const SLOT = "\u0000gatehouse:slot:";

/**
 * Stands, where a value would go while a statement is built, for the value passed as its `index`-th
 * argument each time it runs. One argument may stand in several places.
 */
export function arg(index: number): never {
  return `${SLOT}${index}` as never;
}

interface Template<R> {
  query: CompiledQuery<R>;
  /** For each parameter of the compiled SQL: which argument fills it, or a value fixed at build time. */
  slots: Array<number | { fixed: unknown }>;
}

/**
 * A statement built and compiled once per database, then run with new arguments: for the hot paths,
 * where Kysely's node tree and SQL compiler cost as much as the statement itself. SQLite's adapter
 * keeps the prepared statement by its SQL text; on PostgreSQL it is prepared by name once per
 * connection. Built with `arg(i)` where the i-th argument goes; values written in as they are (a
 * fixed kind, a null) stay parameters too, fixed.
 */
export class CompiledStatement<R> {
  readonly #build: (db: Kysely<Database>, dialect: Dialect) => Compilable<R>;
  readonly #templates = new WeakMap<Kysely<Database>, Template<R>>();

  constructor(build: (db: Kysely<Database>, dialect: Dialect) => Compilable<R>) {
    this.#build = build;
  }

  /** Runs on `executor` (the database, or a transaction of it: `db` is the one it was built for). */
  run(
    on: { db: Kysely<Database>; dialect: Dialect },
    executor: Kysely<Database>,
    args: readonly unknown[],
  ): Promise<QueryResult<R>> {
    const template = this.#template(on.db, on.dialect);
    const parameters = template.slots.map((slot) => (typeof slot === "number" ? args[slot] : slot.fixed));
    return executor.executeQuery<R>({ ...template.query, parameters });
  }

  async first(
    on: { db: Kysely<Database>; dialect: Dialect },
    executor: Kysely<Database>,
    args: readonly unknown[],
  ): Promise<R | undefined> {
    return (await this.run(on, executor, args)).rows[0];
  }

  #template(db: Kysely<Database>, dialect: Dialect): Template<R> {
    let template = this.#templates.get(db);
    if (!template) {
      const query = this.#build(db, dialect).compile();
      const slots = query.parameters.map((value) =>
        typeof value === "string" && value.startsWith(SLOT)
          ? Number(value.slice(SLOT.length))
          : { fixed: value },
      );
      if (dialect === "postgres") prepareByName(query.sql);
      template = { query, slots };
      this.#templates.set(db, template);
    }
    return template;
  }
}
