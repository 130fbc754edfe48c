import type { Services, Trx } from "../../core/services.ts";
import type { AppScopeRow } from "../../storage/tables/apps.ts";
import type { InstallationRow } from "../../storage/tables/installations.ts";
import type { ScopeCatalog } from "./scopes/catalog.ts";

/**
 * The scopes an app's tokens carry: its standard scopes, plus extended scopes once approved. Decided
 * against the catalog in force, so an operator's catalog change applies to existing apps too.
 */
export function effectiveScopes(
  catalog: ScopeCatalog,
  rows: readonly Pick<AppScopeRow, "scope_id" | "review_state">[],
) {
  const scopes = new Set<string>();
  for (const row of rows) {
    const scope = catalog.get(row.scope_id);
    if (!scope) continue;
    if (scope.tier === "standard" || row.review_state === "approved") scopes.add(scope.id);
  }
  return scopes;
}

/**
 * What an installation's tokens may do: the app's standard scopes and approved extended ones, and, for
 * another workspace's (OAuth) installation, only those its admin consented to.
 */
export async function grantedScopes(
  catalog: ScopeCatalog,
  installation: { id: number; appId: number; kind: InstallationRow["kind"] },
  db: Services["db"] | Trx,
): Promise<Set<string>> {
  const requested = await db
    .selectFrom("app_scopes")
    .select(["scope_id", "review_state"])
    .where("app_id", "=", installation.appId)
    .execute();
  if (installation.kind !== "oauth") return effectiveScopes(catalog, requested);
  const consented = await db
    .selectFrom("installation_scopes")
    .select("scope_id")
    .where("installation_id", "=", installation.id)
    .execute();
  return scopesGranted(
    catalog,
    installation.kind,
    requested,
    consented.map((c) => c.scope_id),
  );
}

/** `grantedScopes` over rows already read (the token lookup reads them in its one query). */
export function scopesGranted(
  catalog: ScopeCatalog,
  kind: InstallationRow["kind"],
  requested: readonly Pick<AppScopeRow, "scope_id" | "review_state">[],
  consented: readonly string[],
): Set<string> {
  const scopes = effectiveScopes(catalog, requested);
  if (kind === "oauth") {
    const granted = new Set(consented);
    for (const scope of scopes) if (!granted.has(scope)) scopes.delete(scope);
  }
  return scopes;
}
