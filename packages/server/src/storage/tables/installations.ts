import type { ColumnType, Selectable } from "kysely";
import type { Id, Millis } from "./columns.ts";

/** Where apps are installed, and what each installation's admin consented to. */
export interface InstallationsTables {
  installations: InstallationsTable;
  installation_scopes: InstallationScopesTable;
}

/** An app installed on a workspace. Uninstalling keeps the row, stamped, for the audit trail. */
export interface InstallationsTable {
  id: Id;
  app_id: number;
  workspace_id: number;
  installed_by_admin_id: number;
  /** "owner": the app's own workspace, which gets the app's scopes; "oauth": what an admin consented to. */
  kind: ColumnType<InstallationKind, InstallationKind | undefined, InstallationKind>;
  installed_at: Millis;
  uninstalled_at: Millis | null;
}

export type InstallationRow = Selectable<InstallationsTable>;

export type InstallationKind = "owner" | "oauth";

/** The scopes an admin consented to when installing an app through OAuth. */
export interface InstallationScopesTable {
  installation_id: number;
  scope_id: string;
}
