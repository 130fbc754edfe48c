import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import type { InstallationRow } from "../../storage/tables/apps.ts";
import { recordActivity } from "../services/audit.ts";
import { revokeTokens } from "./tokens/access-tokens.ts";

export async function installApp(
  s: Services,
  trx: Trx,
  input: { appId: number; workspaceId: number; adminId: number },
): Promise<InstallationRow> {
  const live = await findLiveInstallation(trx, input.appId, input.workspaceId);
  return live ?? insertInstallation(s, trx, input);
}

/** A new live installation of the app on the workspace (the caller has checked there is none). */
export async function insertInstallation(
  s: Services,
  trx: Trx,
  input: { appId: number; workspaceId: number; adminId: number; kind?: InstallationRow["kind"] },
): Promise<InstallationRow> {
  return trx
    .insertInto("installations")
    .values({
      app_id: input.appId,
      workspace_id: input.workspaceId,
      installed_by_admin_id: input.adminId,
      installed_at: s.now(),
      ...(input.kind && { kind: input.kind }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findLiveInstallation(
  db: Services["db"] | Trx,
  appId: number,
  workspaceId: number,
): Promise<InstallationRow | undefined> {
  return db
    .selectFrom("installations")
    .selectAll()
    .where("app_id", "=", appId)
    .where("workspace_id", "=", workspaceId)
    .where("uninstalled_at", "is", null)
    .executeTakeFirst();
}

/**
 * Installations (`i`) with the app each is of (`a`): where a query about what an installation carries
 * (its tokens, its deliveries, its notices) starts, joining that on.
 */
export function installationsWithApps(db: Services["db"] | Trx) {
  return db.selectFrom("installations as i").innerJoin("apps as a", "a.id", "i.app_id");
}

/** Workspaces the app is installed on, with the installation. */
export async function listInstallations(s: Services, appId: number) {
  return s.db
    .selectFrom("installations")
    .innerJoin("workspaces", "workspaces.id", "installations.workspace_id")
    .select([
      "installations.id as installation_id",
      "installations.installed_at",
      "workspaces.id as workspace_id",
      "workspaces.id_code",
      "workspaces.name as workspace_name",
    ])
    .where("installations.app_id", "=", appId)
    .where("installations.uninstalled_at", "is", null)
    .orderBy("installations.id")
    .execute();
}

/** Uninstalls: the installation is stamped and every token it issued stops working at once. */
export async function uninstallApp(
  s: Services,
  installationId: number,
  byAdminId: number | null,
  ip?: string | null,
): Promise<InstallationRow> {
  return write(s, async (trx, touched) => {
    const row = await trx
      .updateTable("installations")
      .set({ uninstalled_at: s.now() })
      .where("id", "=", installationId)
      .where("uninstalled_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.notFound("The app is not installed on that workspace");
    await revokeTokens(s, trx, touched, { installationId }, { reason: "uninstalled", byAdminId });
    await s.outbox.withdraw(trx, installationId);
    touched.add(`installation:${installationId}`);
    if (byAdminId !== null) {
      await recordActivity(s, trx, {
        workspaceId: row.workspace_id,
        adminId: byAdminId,
        action: "app.uninstalled",
        details: { app_id: row.app_id },
        ip: ip ?? null,
      });
    }
    return row;
  });
}
