import type { ColumnType, Generated } from "kysely";

/**
 * The column shapes the tables share. Times are Unix epoch milliseconds unless a column says otherwise;
 * booleans come back from SQLite as 0/1, so rows are normalised where they are read (see `toBool`).
 */
export type Id = Generated<number>;
export type Millis = number;
/** A boolean with a default: it may be left out of an insert. */
export type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
/** A boolean every insert names. */
export type RequiredFlag = ColumnType<boolean | number, boolean, boolean>;
/** A JSON document kept as text. */
export type Json = ColumnType<string, string | undefined, string>;
/** A count kept on a row, zero when an insert leaves it out. */
export type Counter = ColumnType<number, number | undefined, number>;
