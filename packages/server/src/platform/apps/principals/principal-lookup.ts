import { type InferResult, type Kysely, sql } from "kysely";
import type { Services } from "../../../core/services.ts";
import { arg, CompiledStatement } from "../../../storage/compiled-statement.ts";
import { type Database, type Dialect, toBool } from "../../../storage/schema.ts";
import type { AppScopeRow } from "../../../storage/tables/apps.ts";
import { type AddressAllowlist, restrictionOf } from "../../identity/ip-allowlist.ts";
import { storedVersion } from "../api-version.ts";
import { scopesGranted } from "../grants.ts";
import type { Principal } from "./principal.ts";

/**
 * The token lookup behind every principal-cache miss, as one statement: the token, its installation,
 * admin, workspace and app, and (as JSON arrays, in subqueries) the app's scopes and the installation's
 * consented ones.
 */
function lookupQuery(db: Kysely<Database>, dialect: Dialect) {
  const requested =
    dialect === "postgres"
      ? sql<unknown>`(select json_agg(json_build_array(s.scope_id, s.review_state)) from app_scopes s where s.app_id = i.app_id)`
      : sql<unknown>`(select json_group_array(json_array(s.scope_id, s.review_state)) from app_scopes s where s.app_id = i.app_id)`;
  const consented =
    dialect === "postgres"
      ? sql<unknown>`(select json_agg(c.scope_id) from installation_scopes c where c.installation_id = i.id)`
      : sql<unknown>`(select json_group_array(c.scope_id) from installation_scopes c where c.installation_id = i.id)`;
  return db
    .selectFrom("access_tokens as t")
    .innerJoin("installations as i", "i.id", "t.installation_id")
    .innerJoin("admins as a", "a.id", "t.admin_id")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .innerJoin("apps as p", "p.id", "i.app_id")
    .innerJoin("memberships as m", (join) =>
      join.onRef("m.workspace_id", "=", "i.workspace_id").onRef("m.admin_id", "=", "t.admin_id"),
    )
    .select([
      "t.id as token_id",
      "t.kind",
      "i.id as installation_id",
      "i.app_id",
      "p.client_id",
      "i.workspace_id",
      "i.kind as installation_kind",
      "p.api_version",
      "a.id as admin_id",
      "a.email",
      "a.name as admin_name",
      "a.email_verified",
      "a.avatar_url",
      "a.has_inbox_seat",
      "w.id_code",
      "w.name as workspace_name",
      "w.created_at as workspace_created_at",
      "w.secure",
      "w.identity_verification",
      "w.timezone",
      "w.region",
      "w.api_ip_allowlist_enabled",
      "w.api_ip_allowlist",
      requested.as("requested_scopes"),
      consented.as("consented_scopes"),
    ])
    .where("t.token_hmac", "=", arg(0))
    .where("t.revoked_at", "is", null)
    .where("i.uninstalled_at", "is", null);
}

type LookupRow = InferResult<ReturnType<typeof lookupQuery>>[number];

/**
 * Compiled once per database (storage/compiled-statement.ts): a miss then builds no query, since
 * Kysely's node tree and SQL compiler cost as much as the lookup itself. The token's HMAC is its one
 * argument.
 */
const byTokenHmac = new CompiledStatement<LookupRow>(lookupQuery);

/** PostgreSQL hands JSON over parsed, SQLite as text; an empty subquery is null or "[]". */
function jsonArray<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}

/**
 * Every token of an installation carries the same scopes, and a cold lookup would otherwise parse and
 * decide them anew each time: the decided set is kept by what it was decided from (the catalog is
 * fixed for the life of the process). Kept sets are shared between principals, which never change
 * their scopes.
 */
const decided = new WeakMap<Services, Map<string, Set<string>>>();
const DECIDED_MAX = 1_000;

function scopesOf(s: Services, row: LookupRow): Set<string> {
  const requestedRaw = row.requested_scopes;
  const consentedRaw = row.consented_scopes;
  // PostgreSQL's parsed arrays have no text to key by: decided each time there.
  const key =
    typeof requestedRaw === "string" && (consentedRaw === null || typeof consentedRaw === "string")
      ? `${row.installation_kind}\n${requestedRaw}\n${consentedRaw ?? ""}`
      : undefined;
  let kept = decided.get(s);
  if (!kept) {
    kept = new Map();
    decided.set(s, kept);
  }
  const known = key === undefined ? undefined : kept.get(key);
  if (known) return known;
  const requested = jsonArray<[string, AppScopeRow["review_state"]]>(requestedRaw).map(
    ([scope_id, review_state]) => ({ scope_id, review_state }),
  );
  const scopes = scopesGranted(s.scopes, row.installation_kind, requested, jsonArray<string>(consentedRaw));
  if (key !== undefined) {
    if (kept.size >= DECIDED_MAX) kept.clear();
    kept.set(key, scopes);
  }
  return scopes;
}

/**
 * A workspace's enabled allowlist, read once per distinct list (every token of the workspace carries the
 * same); undefined when it lists nothing, which restricts nothing.
 */
const allowlists = new Map<string, AddressAllowlist | undefined>();

function allowlistOf(entries: string): AddressAllowlist | undefined {
  if (allowlists.has(entries)) return allowlists.get(entries);
  const allowlist = restrictionOf({ enabled: true, entries: JSON.parse(entries) as string[] });
  if (allowlists.size >= DECIDED_MAX) allowlists.clear();
  allowlists.set(entries, allowlist);
  return allowlist;
}

/** The live token with this HMAC, as the principal it authenticates, in one round trip. */
export async function loadPrincipal(s: Services, hmac: string): Promise<Principal | undefined> {
  const row = await byTokenHmac.first(s, s.db, [hmac]);
  if (!row) return undefined;
  const scopes = scopesOf(s, row);
  const ipAllowlist = toBool(row.api_ip_allowlist_enabled) ? allowlistOf(row.api_ip_allowlist) : undefined;
  return {
    tokenId: row.token_id,
    kind: row.kind,
    installationId: row.installation_id,
    appId: row.app_id,
    clientId: row.client_id,
    workspaceId: row.workspace_id,
    apiVersion: storedVersion(row.api_version),
    scopes,
    ...(ipAllowlist && { ipAllowlist }),
    admin: {
      id: row.admin_id,
      email: row.email,
      name: row.admin_name,
      emailVerified: toBool(row.email_verified),
      avatarUrl: row.avatar_url,
      hasInboxSeat: toBool(row.has_inbox_seat),
    },
    workspace: {
      idCode: row.id_code,
      name: row.workspace_name,
      createdAt: row.workspace_created_at,
      secure: toBool(row.secure),
      identityVerification: toBool(row.identity_verification),
      timezone: row.timezone,
      region: row.region,
    },
  };
}
