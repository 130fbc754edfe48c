import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { CompaniesTables } from "./companies-tables.ts";
import type { ContentTables } from "./content-tables.ts";
import type { ConversationsTables } from "./conversations-tables.ts";
import type { EventsTicketsTables } from "./events-tickets-tables.ts";
import type { ExportsObjectsTables } from "./exports-objects-tables.ts";
import type { NotesSubscriptionsTables } from "./notes-subscriptions-tables.ts";
import type { RecordTagsTables } from "./record-tags-tables.ts";
import type { TeamsVisitorsTables } from "./teams-visitors-tables.ts";
import type { WebhookTables } from "./webhook-tables.ts";

/**
 * Table types, one interface per table, following the SQL in `migrations/`.
 * Times are Unix epoch milliseconds; booleans come back from SQLite as 0/1, so rows are
 * normalised by the domain modules that read them (see `toBool`).
 */
export interface Database
  extends WebhookTables,
    EventsTicketsTables,
    CompaniesTables,
    ExportsObjectsTables,
    ContentTables,
    ConversationsTables,
    RecordTagsTables,
    NotesSubscriptionsTables,
    TeamsVisitorsTables {
  workspaces: WorkspacesTable;
  admins: AdminsTable;
  memberships: MembershipsTable;
  apps: AppsTable;
  app_scopes: AppScopesTable;
  installations: InstallationsTable;
  access_tokens: AccessTokensTable;
  redirect_uris: RedirectUrisTable;
  installation_scopes: InstallationScopesTable;
  authorization_codes: AuthorizationCodesTable;
  sessions: SessionsTable;
  activity_log: ActivityLogTable;
  tags: TagsTable;
  contacts: ContactsTable;
  contact_tags: ContactTagsTable;
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
  /** "reviewer": may approve or reject extended-scope requests of every app (granted with the CLI). */
  platform_role: ColumnType<"reviewer" | null, "reviewer" | null | undefined, "reviewer" | null>;
  /** argon2id PHC string; null for an admin who cannot sign in. */
  password_hash: string | null;
  created_at: Millis;
}

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
  /** "public" apps cannot keep a secret: they authenticate by client_id alone and must use PKCE. */
  client_type: ColumnType<ClientType, ClientType | undefined, ClientType>;
  /** Canvas Kit apps have four scopes locked on (seed 002). */
  canvas_kit: ColumnType<boolean | number, boolean | undefined, boolean>;
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
  /** The admin who asked (null when asked from the command line): never their own reviewer. */
  requested_by_admin_id: number | null;
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
  /** "owner": the app's own workspace, which gets the app's scopes; "oauth": what an admin consented to. */
  kind: ColumnType<InstallationKind, InstallationKind | undefined, InstallationKind>;
  installed_at: Millis;
  uninstalled_at: Millis | null;
}

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
  redirect_uri_explicit: Flag;
  /** Space-separated scope ids granted at consent. */
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  created_at: Millis;
  expires_at: Millis;
  redeemed_at: Millis | null;
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

export interface TagsTable {
  id: Id;
  workspace_id: number;
  name: string;
  /** The name lower-cased: what uniqueness and look-ups by name use. */
  name_key: string;
  created_at: Millis;
  updated_at: Millis;
}

export type TagRow = Selectable<TagsTable>;

export type ContactRole = "user" | "lead";

export interface ContactsTable {
  /** Internal order, for cursor pagination. */
  seq: Id;
  /** Intercom-style public id: 24 hex characters. */
  id: string;
  workspace_id: number;
  role: ContactRole;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  owner_id: number | null;
  unsubscribed_from_emails: Flag;
  /** Archived (a soft delete): hidden from the API's finds, lists and searches until unarchived. */
  archived: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** Blocked as spam: archived too, and not to be unarchived through the API. */
  blocked: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** JSON object of the workspace's custom attributes. */
  custom_attributes: ColumnType<string, string | undefined, string>;
  /** Unix seconds, as the API speaks them. */
  signed_up_at: number | null;
  last_seen_at: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ContactTagsTable {
  contact_seq: number;
  tag_id: number;
  applied_at: Millis;
}

export type ContactRow = Selectable<ContactsTable>;
