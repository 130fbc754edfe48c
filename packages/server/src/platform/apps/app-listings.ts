import type { Services, Trx } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import { grantedScopes } from "./grants.ts";

/**
 * The lists of apps the pages show, as they show them: the apps an admin's workspaces build (the hub),
 * and the apps installed on a workspace (its settings). Queries live here, not in the page handlers.
 */

/** Apps with the workspace that builds them (`builder`), which every list of apps names. */
export function appsWithBuilder(db: Services["db"] | Trx) {
  return db.selectFrom("apps").innerJoin("workspaces as builder", "builder.id", "apps.workspace_id");
}

/** The live apps of every workspace the admin belongs to, oldest first. */
export async function listAdminApps(s: Services, adminId: number) {
  const rows = await appsWithBuilder(s.db)
    .innerJoin("memberships", "memberships.workspace_id", "apps.workspace_id")
    .where("memberships.admin_id", "=", adminId)
    .where("apps.deleted_at", "is", null)
    .select(["apps.client_id", "apps.name", "apps.description", "apps.icon_url", "apps.oauth_enabled"])
    .select("builder.name as workspace_name")
    .orderBy("apps.id")
    .execute();
  return rows.map((a) => ({
    clientId: a.client_id,
    name: a.name,
    description: a.description,
    iconUrl: a.icon_url,
    workspaceName: a.workspace_name,
    oauth: toBool(a.oauth_enabled),
  }));
}

/** The apps installed on the workspace now, in the order they were installed, with the scopes each holds. */
export async function listInstalledApps(s: Services, workspaceId: number) {
  const installations = await appsWithBuilder(s.db)
    .innerJoin("installations", "installations.app_id", "apps.id")
    .where("installations.workspace_id", "=", workspaceId)
    .where("installations.uninstalled_at", "is", null)
    .select(["installations.id", "installations.kind", "installations.installed_at", "apps.id as app_id"])
    .select(["apps.name as app_name", "builder.name as builder_name"])
    .orderBy("installations.id")
    .execute();
  return Promise.all(
    installations.map(async (i) => {
      const granted = await grantedScopes(s.scopes, { id: i.id, appId: i.app_id, kind: i.kind }, s.db);
      return {
        installationId: i.id,
        appName: i.app_name,
        builder: i.builder_name,
        installedAt: i.installed_at,
        scopes: s.scopes.all().filter((scope) => granted.has(scope.id)),
      };
    }),
  );
}

/** One live installation on the workspace, with its app's name (for the Uninstall confirmation). */
export async function findInstalledApp(s: Services, workspaceId: number, installationId: number) {
  return s.db
    .selectFrom("installations")
    .innerJoin("apps", "apps.id", "installations.app_id")
    .select(["installations.id", "apps.name"])
    .where("installations.id", "=", installationId)
    .where("installations.workspace_id", "=", workspaceId)
    .where("installations.uninstalled_at", "is", null)
    .executeTakeFirst();
}
