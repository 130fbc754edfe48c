import type { ColumnDefinitionBuilder } from "kysely";
import type { Dialect } from "../schema.ts";

/** What a migration needs to know to write SQL that means the same on SQLite and PostgreSQL. */
export interface MigrationContext {
  dialect: Dialect;
  /** An auto-numbered integer primary key, in each dialect's own words. */
  id: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}
