import type { Services, Trx } from "../../core/services.ts";
import { toBool } from "../../storage/schema.ts";
import { type AdminRecord, adminJson, type PlacedAdmin } from "../../wire/admin.ts";

/** The workspace's admins by id (or, with `only`, that one if it is one of them), as adminJson takes them. */
export async function workspaceAdmins(
  db: Services["db"] | Trx,
  workspaceId: number,
  only?: number,
): Promise<AdminRecord[]> {
  let query = db
    .selectFrom("admins")
    .innerJoin("memberships", "memberships.admin_id", "admins.id")
    .select([
      "admins.id",
      "admins.name",
      "admins.email",
      "admins.job_title",
      "admins.has_inbox_seat",
      "admins.avatar_url",
    ])
    .where("memberships.workspace_id", "=", workspaceId);
  if (only !== undefined) query = query.where("admins.id", "=", only);
  return query.orderBy("admins.id").execute();
}

/**
 * The admins as the workspace sees them, in the order given: two queries for them all. An admin who
 * has left the workspace (a note's author) is in none of its teams, and not away there.
 */
export async function placeAdmins<T extends AdminRecord>(
  db: Services["db"] | Trx,
  workspaceId: number,
  rows: readonly T[],
): Promise<Array<T & PlacedAdmin>> {
  const ids = [...new Set(rows.map((r) => r.id))];
  if (ids.length === 0) return [];
  const places = await db
    .selectFrom("memberships")
    .select(["admin_id", "away_mode_enabled", "away_mode_reassign", "away_status_reason_id"])
    .where("workspace_id", "=", workspaceId)
    .where("admin_id", "in", ids)
    .execute();
  const teams = await db
    .selectFrom("team_admins")
    .innerJoin("teams", "teams.id", "team_admins.team_id")
    .select(["team_admins.admin_id", "team_admins.team_id"])
    .where("teams.workspace_id", "=", workspaceId)
    .where("team_admins.admin_id", "in", ids)
    .orderBy("team_admins.team_id")
    .execute();
  const placeOf = new Map(places.map((p) => [p.admin_id, p]));
  const teamsOf = new Map<number, number[]>();
  for (const t of teams) teamsOf.set(t.admin_id, [...(teamsOf.get(t.admin_id) ?? []), t.team_id]);
  return rows.map((row) => {
    const place = placeOf.get(row.id);
    return {
      ...row,
      team_ids: teamsOf.get(row.id) ?? [],
      away_mode_enabled: toBool(place?.away_mode_enabled ?? false),
      away_mode_reassign: toBool(place?.away_mode_reassign ?? false),
      away_status_reason_id: place?.away_status_reason_id ?? null,
    };
  });
}

/** The admins' JSON as the workspace sees them. */
export async function adminsJson(
  db: Services["db"] | Trx,
  workspaceId: number,
  rows: readonly AdminRecord[],
  withAvatar: boolean,
) {
  return (await placeAdmins(db, workspaceId, rows)).map((row) => adminJson(row, withAvatar));
}
