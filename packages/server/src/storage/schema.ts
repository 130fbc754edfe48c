import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/**
 * Table types, one interface per table, following the SQL in `migrations/`.
 * Times are Unix epoch milliseconds; booleans come back from SQLite as 0/1, so rows are
 * normalised by the domain modules that read them (see `toBool`).
 */
export interface Database {
  workspaces: WorkspacesTable;
  admins: AdminsTable;
  memberships: MembershipsTable;
  apps: AppsTable;
  app_scopes: AppScopesTable;
  installations: InstallationsTable;
  access_tokens: AccessTokensTable;
}

type Id = Generated<number>;
type Flag = ColumnType<boolean | number, boolean, boolean>;
type Millis = number;

export interface WorkspacesTable {
  id: Id;
  /** Intercom's public workspace id, the `app.id_code` of `GET /me`. */
  id_code: string;
  name: string;
  timezone: string;
  region: string;
  secure: Flag;
  identity_verification: Flag;
  created_at: Millis;
}

export interface AdminsTable {
  id: Id;
  /** Stored lower-cased: sign-in and uniqueness ignore case. */
  email: string;
  name: string;
  email_verified: Flag;
  avatar_url: string | null;
  has_inbox_seat: Flag;
  job_title: string | null;
  away_mode_enabled: Flag;
  away_mode_reassign: Flag;
  /** argon2id PHC string; null for an admin who cannot sign in. */
  password_hash: string | null;
  created_at: Millis;
}

export interface MembershipsTable {
  workspace_id: number;
  admin_id: number;
  role: "owner" | "admin";
  created_at: Millis;
}

export interface AppsTable {
  id: Id;
  /** The workspace that built the app and owns it. */
  workspace_id: number;
  name: string;
  client_id: string;
  /** Keyed HMAC of the client secret (see `crypto/keyring.ts`), for checking it without holding it. */
  client_secret_hmac: string;
  client_secret_key_id: string;
  /** The client secret sealed with AES-256-GCM, so the app's admins can see it again. */
  client_secret_sealed: string;
  oauth_enabled: Flag;
  created_by_admin_id: number;
  created_at: Millis;
  updated_at: Millis;
}

export type ScopeReviewState = "not_required" | "pending" | "approved" | "rejected";

/** The scopes an app asks for; extended ones carry their review. */
export interface AppScopesTable {
  app_id: number;
  scope_id: string;
  review_state: ScopeReviewState;
  request_reason: string | null;
  requested_at: Millis;
  reviewed_at: Millis | null;
  reviewed_by_admin_id: number | null;
  review_note: string | null;
}

/** An app installed on a workspace. Uninstalling keeps the row, stamped, for the audit trail. */
export interface InstallationsTable {
  id: Id;
  app_id: number;
  workspace_id: number;
  installed_by_admin_id: number;
  installed_at: Millis;
  uninstalled_at: Millis | null;
}

export type TokenKind = "access" | "oauth";

export interface AccessTokensTable {
  id: Id;
  installation_id: number;
  /** The admin the token acts as: `GET /me` answers for them. */
  admin_id: number;
  kind: TokenKind;
  token_hmac: string;
  token_key_id: string;
  token_sealed: string;
  /** Enough of the token to recognise it in a list (its prefix and last four characters). */
  token_hint: string;
  created_at: Millis;
  revoked_at: Millis | null;
  revoked_reason: string | null;
  revoked_by_admin_id: number | null;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;
export type AdminRow = Selectable<AdminsTable>;
export type AppRow = Selectable<AppsTable>;
export type AppScopeRow = Selectable<AppScopesTable>;
export type InstallationRow = Selectable<InstallationsTable>;
export type AccessTokenRow = Selectable<AccessTokensTable>;
export type NewAccessToken = Insertable<AccessTokensTable>;

/** SQLite has no boolean type and answers 0/1. */
export function toBool(value: boolean | number): boolean {
  return value === true || value === 1;
}
