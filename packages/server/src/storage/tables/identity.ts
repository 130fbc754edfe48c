import type { ColumnType, Generated, Selectable } from "kysely";
import type { Flag, Id, Millis, RequiredFlag } from "./columns.ts";

/** Workspaces, the admins in them, their sign-in sessions, and why an admin is away. */
export interface IdentityTables {
  workspaces: WorkspacesTable;
  admins: AdminsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  away_status_reasons: AwayStatusReasonsTable;
}

export interface WorkspacesTable {
  id: Id;
  /** Intercom's public workspace id, the `app.id_code` of `GET /me`. */
  id_code: string;
  name: string;
  timezone: string;
  region: string;
  secure: RequiredFlag;
  identity_verification: RequiredFlag;
  created_at: Millis;
  /** The REST API IP allowlist: whether it is on, and its entries (a JSON array of addresses and ranges). */
  api_ip_allowlist_enabled: Flag;
  api_ip_allowlist: ColumnType<string, string | undefined, string>;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;

export interface AdminsTable {
  id: Id;
  /** Stored lower-cased: sign-in and uniqueness ignore case. */
  email: string;
  name: string;
  email_verified: RequiredFlag;
  avatar_url: string | null;
  has_inbox_seat: RequiredFlag;
  job_title: string | null;
  /** "reviewer": may approve or reject extended-scope requests of every app (granted with the CLI). */
  platform_role: ColumnType<"reviewer" | null, "reviewer" | null | undefined, "reviewer" | null>;
  /** argon2id PHC string; null for an admin who cannot sign in. */
  password_hash: string | null;
  created_at: Millis;
}

export type AdminRow = Selectable<AdminsTable>;

export interface MembershipsTable {
  workspace_id: number;
  admin_id: number;
  role: "owner" | "admin";
  created_at: Millis;
  /** Why the admin is away in this workspace (migration 0018): Intercom keeps the reason per workspace. */
  away_status_reason_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Away mode in this workspace, and whether its conversations go to others meanwhile (migration 0021). */
  away_mode_enabled: ColumnType<boolean | number, boolean | undefined, boolean>;
  away_mode_reassign: ColumnType<boolean | number, boolean | undefined, boolean>;
}

export interface SessionsTable {
  id: Id;
  token_hmac: string;
  admin_id: number;
  created_at: Millis;
  expires_at: Millis;
  ip: string | null;
  user_agent: string | null;
  ended_at: Millis | null;
}

/** Why an admin is away, as a workspace offers the choice. Deleting one keeps it, marked: Intercom lists deleted ones. */
export interface AwayStatusReasonsTable {
  id: Generated<number>;
  workspace_id: number;
  label: string;
  emoji: string;
  /** Intercom's `order`: where it stands in the choice. */
  position: number;
  deleted: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type AwayStatusReasonRow = Selectable<AwayStatusReasonsTable>;
