import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import type { InstallationRow } from "../../storage/tables/installations.ts";
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

/**
 * The workspaces an app is installed on, oldest installation first, each with whether `viewerId` is one
 * of its admins and, only where so, its live access token (sealed): one query for the hub's list, and no
 * other workspace's token leaves the database.
 */
export async function installationsSeenBy(s: Services, appId: number, viewerId: number) {
  return s.db
    .selectFrom("installations as i")
    .innerJoin("workspaces as w", "w.id", "i.workspace_id")
    .leftJoin("memberships as m", (join) =>
      join.onRef("m.workspace_id", "=", "i.workspace_id").on("m.admin_id", "=", viewerId),
    )
    .select((eb) => [
      "i.installed_at",
      "w.id_code",
      "w.name as workspace_name",
      "m.admin_id as viewer_admin_id",
      eb
        .selectFrom("access_tokens as t")
        .select("t.token_sealed")
        .whereRef("t.installation_id", "=", "i.id")
        .where("t.kind", "=", "access")
        .where("t.revoked_at", "is", null)
        .where("m.admin_id", "is not", null)
        .orderBy("t.id", "desc")
        .limit(1)
        .as("token_sealed"),
    ])
    .where("i.app_id", "=", appId)
    .where("i.uninstalled_at", "is", null)
    .orderBy("i.id")
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
