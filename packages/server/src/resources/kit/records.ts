import { DeleteResult, type Kysely, type Selectable } from "kysely";
import type { Services } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
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

/** The tables whose records belong to one workspace and are named by an `id` (a number, or a contact's text). */
type WorkspaceTable = {
  [T in keyof Database]: Selectable<Database[T]> extends { workspace_id: number; id: number | string }
    ? T
    : never;
}[keyof Database];

/** What names a record of the table: its `id`'s type. */
type IdOf<T extends WorkspaceTable> =
  Selectable<Database[T]> extends { id: infer I extends number | string } ? I : never;

/**
 * Kysely cannot follow column names through a generic table name, so the query is built as if on one
 * table `record` with the two columns every WorkspaceTable has; the SQL names the table given.
 */
type ById = Kysely<{ record: { workspace_id: number; id: number | string } }>;
const byId = (db: Kysely<Database>, table: WorkspaceTable) =>
  ({ db: db as unknown as ById, table: table as unknown as "record" }) as const;

/** Finds or deletes one of a workspace's records by id, answering the 404 that names it when it is not there. */
type ByIdInWorkspace = <T extends WorkspaceTable>(
  db: Kysely<Database>,
  table: T,
  workspaceId: number,
  id: IdOf<T>,
  what: MissingRecord,
) => Promise<Selectable<Database[T]>>;

/**
 * A workspace's record by id, or the 404 that names it: how most resources look one up. Only the
 * workspace's own: another workspace's id is as missing as one that was never made.
 */
export const findInWorkspace: ByIdInWorkspace = (db, table, workspaceId, id, what) =>
  findOr404(recordQuery(db, table, workspaceId, id) as OneRow<Selectable<Database[typeof table]>>, what);

/**
 * `findInWorkspace` for a write that changes what it reads (merges into it, records what changed): on
 * PostgreSQL the row stays locked until the write ends, so two changes at once each build on the
 * other's instead of the later putting back what the earlier changed. SQLite's writes already run alone.
 */
export const findInWorkspaceToChange = <T extends WorkspaceTable>(
  s: Pick<Services, "dialect">,
  trx: Kysely<Database>,
  table: T,
  workspaceId: number,
  id: IdOf<T>,
  what: MissingRecord,
): Promise<Selectable<Database[T]>> => {
  const query = recordQuery(trx, table, workspaceId, id);
  // FOR NO KEY UPDATE, as PostgreSQL's own UPDATE of a row takes: it does not hold up a write elsewhere
  // whose foreign key names this row (a child placed under it), which FOR UPDATE would, into deadlocks.
  const locked = s.dialect === "postgres" ? query.forNoKeyUpdate() : query;
  return findOr404(locked as unknown as OneRow<Selectable<Database[T]>>, what);
};

function recordQuery(db: Kysely<Database>, table: WorkspaceTable, workspaceId: number, id: number | string) {
  const q = byId(db, table);
  return q.db.selectFrom(q.table).selectAll().where("workspace_id", "=", workspaceId).where("id", "=", id);
}

/** Deletes a workspace's record by id and answers it as it was (or the 404, when there was none). */
export const deleteInWorkspace: ByIdInWorkspace = (db, table, workspaceId, id, what) => {
  const q = byId(db, table);
  const query = q.db.deleteFrom(q.table).where("workspace_id", "=", workspaceId).where("id", "=", id);
  return deleteOr404(query.returningAll() as unknown as OneRow<Selectable<Database[typeof table]>>, what);
};

/** The workspace's public id (its `id_code`), read where the caller is: inside a write, its transaction. */
export async function workspaceIdCode(db: Kysely<Database>, workspaceId: number): Promise<string> {
  const workspace = await db
    .selectFrom("workspaces")
    .select("id_code")
    .where("id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return workspace.id_code;
}
