import { type Runtime, startRuntime } from "../bootstrap.ts";
import { loadConfig } from "../config.ts";
import { errors } from "../core/errors.ts";
import type { Services } from "../core/services.ts";
import { createLogger } from "../logging.ts";
import { requireAppByClientId } from "../platform/apps/apps.ts";
import { findLiveInstallation } from "../platform/apps/installations.ts";
import { requireAdminByEmail } from "../platform/identity/admins.ts";
import { requireWorkspace } from "../platform/identity/workspaces.ts";
import type { WorkspaceRow } from "../storage/tables/identity.ts";

/** Opens the same database, with the same keys, that the server uses (migrating it if need be). */
export async function openRuntime(): Promise<Runtime> {
  const config = loadConfig();
  return startRuntime(config, createLogger(process.env.LOG_LEVEL ?? "warn", process.stderr));
}

export async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime();
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Runs `work` with the workspace a command's `--workspace` names (an unknown one is a not-found error). */
export function withWorkspace<T>(
  idCode: string,
  work: (services: Services, workspace: WorkspaceRow) => Promise<T>,
): Promise<T> {
  return withRuntime(async ({ services }) => work(services, await requireWorkspace(services, idCode)));
}

/** The live installation an app has on a workspace (default: the app's own workspace). */
export async function resolveInstallation(s: Services, clientId: string, workspaceIdCode?: string) {
  const app = await requireAppByClientId(s, clientId);
  const workspace = workspaceIdCode
    ? await requireWorkspace(s, workspaceIdCode)
    : await s.db
        .selectFrom("workspaces")
        .selectAll()
        .where("id", "=", app.workspace_id)
        .executeTakeFirstOrThrow();
  const installation = await findLiveInstallation(s.db, app.id, workspace.id);
  if (!installation) throw errors.notFound(`${app.name} is not installed on workspace ${workspace.id_code}`);
  return { app, workspace, installation };
}

export { requireAdminByEmail, requireWorkspace };
