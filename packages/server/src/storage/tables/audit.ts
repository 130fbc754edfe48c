import type { ColumnType } from "kysely";
import type { Id, Millis } from "./columns.ts";

/** The activity log: what admins and apps did, never a secret. */
export interface AuditTables {
  activity_log: ActivityLogTable;
}

export interface ActivityLogTable {
  id: Id;
  workspace_id: number | null;
  admin_id: number | null;
  /** What happened, as a dotted name: "app.created", "token.regenerated", "app.uninstalled", … */
  action: string;
  /** JSON object with the particulars; never a secret. */
  details: ColumnType<string, string | undefined, string>;
  ip: string | null;
  created_at: Millis;
}
