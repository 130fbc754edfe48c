import { CompiledQuery } from "kysely";
import { type Services, type Trx, write } from "./services.ts";

/** Units one commit carries at most, so one batch cannot hold the database for long. */
const MAX_UNITS = 64;

// Each unit runs three of these: compiled once, not built per unit.
const SAVEPOINT = CompiledQuery.raw("savepoint gatehouse_unit");
const RELEASE = CompiledQuery.raw("release savepoint gatehouse_unit");
const ROLLBACK = CompiledQuery.raw("rollback to savepoint gatehouse_unit");

type Work<T> = (trx: Trx, touched: Set<string>) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: small, independent writes that arrive while another is committing share the next
 * commit. Each unit still runs whole or not at all (its own savepoint: a unit that throws is rolled
 * back alone and its caller gets the error), sees every unit before it, and is answered only once the
 * commit that carries it has succeeded; if that commit fails, every unit in it fails. What changes is
 * the number of commits: on SQLite each is a WAL write, which costs far more than the unit's
 * statements (PostgreSQL writes go straight through: see `batchedWrite`). A lone unit waits one turn of the event loop, then runs in a
 * transaction of its own.
 */
export class WriteBatcher {
  readonly #s: Services;
  #queue: Unit[] = [];
  #running = false;

  constructor(services: Services) {
    this.#s = services;
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.#running) return;
      // Started on the next turn of the event loop, not now: SQLite is synchronous, so a request's
      // whole exchange would otherwise finish before the next request's bytes are even read, and no
      // two would ever meet. Waiting one turn lets every request read in this turn join the batch.
      this.#running = true;
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const units = this.#queue.splice(0, MAX_UNITS);
        await (units.length === 1 ? this.#alone(units[0] as Unit) : this.#together(units));
      }
    } finally {
      this.#running = false;
    }
  }

  async #alone(unit: Unit): Promise<void> {
    try {
      unit.resolve(await write(this.#s, unit.work));
    } catch (error) {
      unit.reject(error);
    }
  }

  async #together(units: Unit[]): Promise<void> {
    const touched = new Set<string>();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.#s.db.transaction().execute(async (trx) => {
        for (const unit of units) {
          const own = new Set<string>();
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await unit.work(trx, own);
            await trx.executeQuery(RELEASE);
            for (const tag of own) touched.add(tag);
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Undone alone; the units before and after it commit. (If the rollback itself fails, the
            // transaction does, and every unit with it.)
            await trx.executeQuery(ROLLBACK);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    if (touched.size > 0) await this.#s.changes.publish([...touched]);
    units.forEach((unit, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) unit.resolve(outcome.value);
      else unit.reject(outcome?.error);
    });
  }
}

const batchers = new WeakMap<Services, WriteBatcher>();

/**
 * `write`, sharing its commit with whatever other batched writes are waiting (see `WriteBatcher`).
 * For hot, small writes whose callers each wait on their own commit (a code-for-token exchange); a
 * unit must touch the database only through the transaction it is handed.
 */
export function batchedWrite<T>(s: Services, work: Work<T>): Promise<T> {
  // PostgreSQL already shares WAL flushes between concurrent commits, and runs transactions side by
  // side on the pool's connections; one batch at a time there would put every unit's round trips in
  // a single file on a single connection.
  if (s.dialect === "postgres") return write(s, work);
  let batcher = batchers.get(s);
  if (!batcher) {
    batcher = new WriteBatcher(s);
    batchers.set(s, batcher);
  }
  return batcher.run(work);
}
