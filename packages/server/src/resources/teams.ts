import { errors } from "../core/errors.ts";
import { type Services, type Trx, write } from "../core/services.ts";
import { recordId, requireText } from "../core/validation.ts";
import { isMember, requireAdminByEmail } from "../platform/identity/admins.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { DistributionMethod, TeamRow } from "../storage/tables/teams.ts";
import { findInWorkspace } from "./kit/records.ts";

/**
 * Teams: groups of a workspace's admins, made by operators (the API only reads them, as Intercom's
 * does). An admin leaves a workspace's teams when they leave the workspace.
 */

type Db = Services["db"] | Trx;

const DISTRIBUTIONS: readonly DistributionMethod[] = ["round_robin", "balanced_assignment"];
const MAX_ASSIGNMENT_LIMIT = 1000;

export interface NewTeam {
  name: string;
  /** The admins in it, by email: each must be a member of the workspace. */
  adminEmails?: readonly string[];
  distributionMethod?: string | null;
  /** Balanced assignment only: how many open conversations it gives each member at most. */
  assignmentLimit?: number | null;
}

function distribution(input: NewTeam): Pick<TeamRow, "distribution_method" | "assignment_limit"> {
  const method = input.distributionMethod ?? null;
  if (method !== null && !(DISTRIBUTIONS as readonly string[]).includes(method))
    throw errors.parameterInvalid(
      `distribution method must be one of ${DISTRIBUTIONS.join(", ")}`,
      "distribution_method",
    );
  const limit = input.assignmentLimit ?? null;
  if (limit !== null) {
    if (method !== "balanced_assignment")
      throw errors.parameterInvalid(
        "only a team with balanced_assignment has an assignment limit",
        "assignment_limit",
      );
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ASSIGNMENT_LIMIT)
      throw errors.parameterInvalid(
        `assignment limit must be a whole number from 1 to ${MAX_ASSIGNMENT_LIMIT}`,
        "assignment_limit",
      );
  }
  return { distribution_method: method as DistributionMethod | null, assignment_limit: limit };
}

/** Admins named by email, each a member of the workspace. */
async function members(s: Services, workspaceId: number, emails: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const email of emails) {
    const admin = await requireAdminByEmail(s, email);
    if (!(await isMember(s.db, workspaceId, admin.id)))
      throw errors.parameterInvalid(`${admin.email} is not a member of the workspace`, "admins");
    if (!ids.includes(admin.id)) ids.push(admin.id);
  }
  return ids;
}

export async function createTeam(s: Services, workspaceId: number, input: NewTeam): Promise<TeamRow> {
  const name = requireText(input.name, "name", 255);
  const settings = distribution(input);
  const adminIds = await members(s, workspaceId, input.adminEmails ?? []);
  return write(s, async (trx) => {
    const now = s.now();
    let team: TeamRow;
    try {
      team = await trx
        .insertInto("teams")
        .values({
          workspace_id: workspaceId,
          name,
          name_key: name.toLowerCase(),
          ...settings,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.conflict(`The workspace already has a team named ${name}`);
      throw error;
    }
    for (const adminId of adminIds) await joinTeam(trx, team.id, adminId, now);
    return team;
  });
}

async function joinTeam(trx: Trx, teamId: number, adminId: number, at: number): Promise<void> {
  await trx
    .insertInto("team_admins")
    .values({ team_id: teamId, admin_id: adminId, added_at: at })
    .onConflict((oc) => oc.columns(["team_id", "admin_id"]).doNothing())
    .execute();
}

export async function listTeams(db: Db, workspaceId: number): Promise<TeamRow[]> {
  return db.selectFrom("teams").selectAll().where("workspace_id", "=", workspaceId).orderBy("id").execute();
}

export async function findTeam(db: Db, workspaceId: number, id: number): Promise<TeamRow> {
  return findInWorkspace(db, "teams", workspaceId, id, "Team");
}

/** A team named by its id or its name (ignoring case), for the command line. */
export async function requireTeam(s: Services, workspaceId: number, idOrName: string): Promise<TeamRow> {
  const row = await s.db
    .selectFrom("teams")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where((eb) =>
      /^[0-9]{1,15}$/.test(idOrName)
        ? eb.or([eb("id", "=", recordId(idOrName)), eb("name_key", "=", idOrName.toLowerCase())])
        : eb("name_key", "=", idOrName.trim().toLowerCase()),
    )
    .orderBy("id")
    .executeTakeFirst();
  if (!row) throw errors.notFound(`No team ${idOrName} in the workspace`);
  return row;
}

/** Each team's admins by id, in the order they joined; one query for all the teams. */
export async function teamAdminIds(db: Db, teamIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await db
    .selectFrom("team_admins")
    .select(["team_id", "admin_id"])
    .where("team_id", "in", [...teamIds])
    .orderBy("added_at")
    .orderBy("admin_id")
    .execute();
  for (const row of rows) out.get(row.team_id)?.push(row.admin_id);
  return out;
}

/** Adds an admin of the workspace to the team; adding one already in it changes nothing. */
export async function addTeamAdmin(
  s: Services,
  workspaceId: number,
  teamId: number,
  adminEmail: string,
): Promise<void> {
  const [adminId] = await members(s, workspaceId, [adminEmail]);
  await write(s, async (trx) => {
    const team = await findTeam(trx, workspaceId, teamId);
    await joinTeam(trx, team.id, adminId as number, s.now());
    await trx.updateTable("teams").set({ updated_at: s.now() }).where("id", "=", team.id).execute();
  });
}

export async function removeTeamAdmin(
  s: Services,
  workspaceId: number,
  teamId: number,
  adminEmail: string,
): Promise<void> {
  const admin = await requireAdminByEmail(s, adminEmail);
  await write(s, async (trx) => {
    const team = await findTeam(trx, workspaceId, teamId);
    const removed = await trx
      .deleteFrom("team_admins")
      .where("team_id", "=", team.id)
      .where("admin_id", "=", admin.id)
      .executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw errors.notFound(`${admin.email} is not in team ${team.name}`);
    await trx.updateTable("teams").set({ updated_at: s.now() }).where("id", "=", team.id).execute();
  });
}

/** Whether the id names a team of the workspace. */
export async function isTeam(db: Db, workspaceId: number, id: number): Promise<boolean> {
  if (id === 0) return false;
  const row = await db
    .selectFrom("teams")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}
