import type { ColumnType, Insertable, Selectable } from "kysely";
import type { Id, Millis, RequiredFlag } from "./columns.ts";

/** Apps, their scopes and reviews, where they are installed, their tokens, redirect URLs and authorization codes. */
export interface AppsTables {
  apps: AppsTable;
  app_scopes: AppScopesTable;
  installations: InstallationsTable;
  access_tokens: AccessTokensTable;
  redirect_uris: RedirectUrisTable;
  installation_scopes: InstallationScopesTable;
  authorization_codes: AuthorizationCodesTable;
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

export type TokenKind = "access" | "oauth";

export type ClientType = "confidential" | "public";

export type InstallationKind = "owner" | "oauth";

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
  /** The code this token was issued for: a replayed code revokes what it issued (RFC 6749 §4.1.2). */
  authorization_code_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type AccessTokenRow = Selectable<AccessTokensTable>;

export type NewAccessToken = Insertable<AccessTokensTable>;

/** An app's redirect URLs, in order: the first is the default. */
export interface RedirectUrisTable {
  app_id: number;
  position: number;
  uri: string;
}

/** The scopes an admin consented to when installing an app through OAuth. */
export interface InstallationScopesTable {
  installation_id: number;
  scope_id: string;
}

export interface AuthorizationCodesTable {
  id: Id;
  code_hmac: string;
  code_key_id: string;
  app_id: number;
  workspace_id: number;
  admin_id: number;
  redirect_uri: string;
  /** Whether the client named the redirect URL; if so it must name it again at the token endpoint. */
  redirect_uri_explicit: RequiredFlag;
  /** Space-separated scope ids granted at consent. */
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  created_at: Millis;
  expires_at: Millis;
  redeemed_at: Millis | null;
}
