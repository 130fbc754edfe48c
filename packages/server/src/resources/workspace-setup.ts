import type { Trx } from "../core/services.ts";
import type { WorkspaceRow } from "../storage/tables/identity.ts";
import { provisionContent } from "./content/help-centers.ts";
import { provisionSubscriptionTypes } from "./subscription-types.ts";

/**
 * What a new workspace's data starts with, as Intercom sets it up in-app: a help center, a newsfeed and
 * the default subscription types. Called in the transaction that creates the workspace.
 */
export async function setUpWorkspace(trx: Trx, workspace: WorkspaceRow): Promise<void> {
  await provisionContent(trx, workspace);
  await provisionSubscriptionTypes(trx, workspace);
}
