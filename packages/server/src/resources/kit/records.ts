import { DeleteResult } from "kysely";
import { type MissingRecord, notFound } from "./missing.ts";

/** Anything that runs a query for at most one row: a select, or a write with `returning`. */
interface OneRow<T> {
  executeTakeFirst(): Promise<T | undefined>;
}

/** The row a query finds, or the 404 that names what is missing. */
export async function findOr404<T>(query: OneRow<T>, what: MissingRecord): Promise<T> {
  const row = await query.executeTakeFirst();
  if (row === undefined) throw notFound(what);
  return row;
}

/**
 * Runs a delete (or an update) of one record, or answers the 404 that names it when it deleted
 * nothing: with `returning`, the row as it was; without, the count.
 */
export async function deleteOr404<T>(query: OneRow<T>, what: MissingRecord): Promise<T> {
  const result = await query.executeTakeFirst();
  if (result === undefined || (result instanceof DeleteResult && result.numDeletedRows === 0n))
    throw notFound(what);
  return result;
}
