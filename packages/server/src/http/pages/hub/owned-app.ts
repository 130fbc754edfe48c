import { isMember } from "../../../domain/admins.ts";
import { findAppByClientId } from "../../../domain/apps.ts";
import { ApiError } from "../../../domain/errors.ts";
import type { Services } from "../../../domain/services.ts";
import type { AdminRow, AppRow } from "../../../storage/schema.ts";

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

export { listAdminWorkspaces as adminWorkspaces } from "../../../domain/admins.ts";
