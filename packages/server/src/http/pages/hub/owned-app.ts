import { Type } from "typebox";
import { ApiError } from "../../../core/errors.ts";
import type { Services } from "../../../core/services.ts";
import { ClientId } from "../../../platform/apps/app-input.ts";
import { findAppByClientId } from "../../../platform/apps/apps.ts";
import { isMember, listAdminWorkspaces } from "../../../platform/identity/admins.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import type { AdminRow } from "../../../storage/tables/identity.ts";
import type { AppHeading } from "./app-nav.ts";

/** The path of every `/hub/apps/:client_id/…` page. */
export const AppParams = Type.Object({ client_id: ClientId });

/**
 * The app behind `/hub/apps/:client_id`, if the signed-in admin belongs to the workspace that owns it.
 * Anyone else gets the same "not found" as for an app that does not exist.
 */
export async function ownedApp(
  services: Services,
  admin: AdminRow | null,
  clientId: string,
): Promise<AppRow> {
  const app = clientId.length <= 100 ? await findAppByClientId(services, clientId) : undefined;
  if (!app || !admin || !(await isMember(services.db, app.workspace_id, admin.id))) {
    throw new ApiError(404, "not_found", "There is no such app among yours.");
  }
  return app;
}

/** The header every app page shows (app-nav.ts): name, description, icon, and whether it asks for any scope. */
export async function appHeading(services: Services, app: AppRow): Promise<AppHeading> {
  const scope = await services.db
    .selectFrom("app_scopes")
    .select("scope_id")
    .where("app_id", "=", app.id)
    .limit(1)
    .executeTakeFirst();
  return {
    clientId: app.client_id,
    name: app.name,
    description: app.description,
    iconUrl: app.icon_url,
    hasScopes: scope !== undefined,
  };
}

export { listAdminWorkspaces as adminWorkspaces } from "../../../platform/identity/admins.ts";

/** The signed-in admin's workspaces as a page names them (a list, a choice of where to make an app). */
export async function workspaceChoices(services: Services, adminId: number) {
  const workspaces = await listAdminWorkspaces(services, adminId);
  return workspaces.map((w) => ({ idCode: w.id_code, name: w.name }));
}
