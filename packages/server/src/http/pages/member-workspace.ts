import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { WorkspaceIdCode } from "../../platform/identity/identity-input.ts";
import { findMemberWorkspace } from "../../platform/identity/workspaces.ts";
import type { AdminRow, WorkspaceRow } from "../../storage/tables/identity.ts";

/** The path of a workspace's settings page: `/settings/:id_code/…`. */
export const WorkspaceParams = Type.Object({ id_code: WorkspaceIdCode });

/**
 * The workspace a settings page names, if the signed-in admin is one of its admins; any other, or none,
 * is the same 404, so a page never tells whether a workspace it does not show exists.
 */
export async function memberWorkspace(s: Services, admin: AdminRow, idCode: string): Promise<WorkspaceRow> {
  const workspace = await findMemberWorkspace(s, idCode, admin.id);
  if (!workspace) throw new ApiError(404, "not_found", "There is no such workspace among yours.");
  return workspace;
}
