import type { Kysely, Selectable } from "kysely";
import type { Database } from "./schema.ts";

/** The tables that hold lists a workspace keeps in its own order: each row is one workspace's, at a position. */
type OrderedListTable = {
  [T in keyof Database]: Selectable<Database[T]> extends {
    id: number;
    workspace_id: number;
    position: number;
  }
    ? T
    : never;
}[keyof Database];

/**
 * Kysely cannot follow column names through a generic table name, so the query is built as if on one
 * table `list` with the columns every OrderedListTable has; the SQL names the table given.
 */
type OrderedList = Kysely<{ list: { id: number; workspace_id: number; position: number } }>;

/**
 * A workspace's list (its away status reasons, its ticket states…), every row, in the order the
 * workspace offers it: by position, and rows at one position (two adds at once) in the order made.
 */
export function orderedList<T extends OrderedListTable>(
  db: Kysely<Database>,
  table: T,
  workspaceId: number,
): Promise<Selectable<Database[T]>[]> {
  return (db as unknown as OrderedList)
    .selectFrom(table as unknown as "list")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("position")
    .orderBy("id")
    .execute() as Promise<Selectable<Database[T]>[]>;
}
