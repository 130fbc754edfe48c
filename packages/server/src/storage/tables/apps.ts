import type { ColumnType, Selectable } from "kysely";
import type { Id, Millis, RequiredFlag } from "./columns.ts";

/** Apps: what each is (its credentials and profile), where OAuth may send its users, what it asks for. */
export interface AppsTables {
  apps: AppsTable;
  redirect_uris: RedirectUrisTable;
  app_scopes: AppScopesTable;
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
  oauth_enabled: RequiredFlag;
  /** "public" apps cannot keep a secret: they authenticate by client_id alone and must use PKCE. */
  client_type: ColumnType<ClientType, ClientType | undefined, ClientType>;
  /** Canvas Kit apps have four scopes locked on (seed 002). */
  canvas_kit: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** The `Intercom-Version` its requests speak when they send none (see `core/api-versions.ts`). */
  api_version: ColumnType<string, string | undefined, string>;
  /** Where a workspace's uninstall is told (migration 0027); null: nowhere. */
  uninstall_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the app was deleted (migration 0029): the row stays for the audit trail; null: it is live. */
  deleted_at: ColumnType<Millis | null, Millis | null | undefined, Millis | null>;
  /** What the app does, in the builder's words (migration 0030): hub and consent page; null: none. */
  description: ColumnType<string | null, string | null | undefined, string | null>;
  /** An absolute https URL of the app's square icon (migration 0030); null: a placeholder is shown. */
  icon_url: ColumnType<string | null, string | null | undefined, string | null>;
  created_by_admin_id: number;
  created_at: Millis;
  updated_at: Millis;
}

export type AppRow = Selectable<AppsTable>;

export type ClientType = "confidential" | "public";

/** An app's redirect URLs, in order: the first is the default. */
export interface RedirectUrisTable {
  app_id: number;
  position: number;
  uri: string;
}

export type ScopeReviewState = "not_required" | "pending" | "approved" | "rejected";

/** The scopes an app asks for; extended ones carry their review. */
export interface AppScopesTable {
  app_id: number;
  scope_id: string;
  review_state: ScopeReviewState;
  request_reason: string | null;
  requested_at: Millis;
  /** The admin who asked (null when asked from the command line): never their own reviewer. */
  requested_by_admin_id: number | null;
  reviewed_at: Millis | null;
  reviewed_by_admin_id: number | null;
  review_note: string | null;
}

export type AppScopeRow = Selectable<AppScopesTable>;
