import crypto from "node:crypto";
import { ApiError, errors } from "../../core/errors.ts";
import { queueOnWorkspace, type Services, type Trx, write } from "../../core/services.ts";
import { requireEmail, requireText } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type { AdminRow, MembershipsTable } from "../../storage/tables/identity.ts";
import { recordActivity } from "../services/audit.ts";
import { usableAwayStatusReason } from "./away-status-reasons.ts";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords.ts";
import { adminsJson } from "./placed-admins.ts";
import { endAdminSessions } from "./session-revocation.ts";

export interface NewAdmin {
  email: string;
  name: string;
  /** Omit for an admin who cannot sign in (yet). */
  password?: string;
  emailVerified?: boolean;
  avatarUrl?: string | null;
  hasInboxSeat?: boolean;
  jobTitle?: string | null;
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw errors.parameterInvalid(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, "password");
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw errors.parameterInvalid(`password must be at most ${MAX_PASSWORD_LENGTH} characters`, "password");
  }
  return password;
}

function checkAvatarUrl(url: string | null | undefined): string | null {
  if (url === undefined || url === null || url === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw errors.parameterInvalid("avatar_url must be an absolute URL", "avatar_url");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw errors.parameterInvalid("avatar_url must be an http or https URL", "avatar_url");
  }
  return parsed.toString();
}

/** A long random password for generated admins (the demo admin, CLI-made admins without one). */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export async function createAdmin(s: Services, input: NewAdmin, trx?: Trx): Promise<AdminRow> {
  const email = requireEmail(input.email);
  const name = requireText(input.name, "name", 255);
  const avatarUrl = checkAvatarUrl(input.avatarUrl);
  const passwordHash =
    input.password === undefined ? null : await hashPassword(checkPassword(input.password));
  const insert = async (db: Trx) => {
    try {
      return await db
        .insertInto("admins")
        .values({
          email,
          name,
          email_verified: input.emailVerified ?? false,
          avatar_url: avatarUrl,
          has_inbox_seat: input.hasInboxSeat ?? true,
          job_title: input.jobTitle ?? null,
          password_hash: passwordHash,
          created_at: s.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.conflict(`An admin with email ${email} already exists`);
      throw error;
    }
  };
  return trx ? insert(trx) : write(s, (t) => insert(t));
}

/**
 * Sets an admin's password and ends every session they have (whoever knew the old password is signed
 * out everywhere); the change is logged in each of their workspaces.
 */
export async function setAdminPassword(
  s: Services,
  adminId: number,
  password: string,
): Promise<{ sessionsEnded: number }> {
  const passwordHash = await hashPassword(checkPassword(password));
  return write(s, async (trx) => {
    const result = await trx
      .updateTable("admins")
      .set({ password_hash: passwordHash })
      .where("id", "=", adminId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("Admin not found");
    const ended = await endAdminSessions(s, trx, adminId);
    const workspaceIds = await memberWorkspaceIds(trx, adminId);
    if (ended > 0) await raiseAdminEvent(s, trx, adminId, "admin.logged_out", workspaceIds);
    for (const workspaceId of workspaceIds) {
      await recordActivity(s, trx, {
        workspaceId,
        adminId,
        action: "admin.password_changed",
        details: { sessions_ended: ended },
      });
    }
    return { sessionsEnded: ended };
  });
}

/**
 * Queues an admin topic (`admin.logged_in`, `admin.added_to_workspace`, ...) for each of the workspaces,
 * carrying the admin as `GET /admins/{id}` shows it.
 */
export async function raiseAdminEvent(
  s: Services,
  trx: Trx,
  adminId: number,
  topic: string,
  workspaceIds: readonly number[],
): Promise<void> {
  // Each workspace sees the admin with its own teams and away reason.
  const admin = (workspaceId: number) => async () => {
    const row = await trx
      .selectFrom("admins")
      .selectAll()
      .where("id", "=", adminId)
      .executeTakeFirstOrThrow();
    const [item] = await adminsJson(trx, workspaceId, [row], true);
    return item as object;
  };
  for (const workspaceId of workspaceIds)
    await s.outbox.raise(trx, { workspaceId, topic, item: admin(workspaceId) });
}

/** The workspaces an admin belongs to, by id. */
export async function memberWorkspaceIds(db: Services["db"] | Trx, adminId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("memberships")
    .select("workspace_id")
    .where("admin_id", "=", adminId)
    .orderBy("workspace_id")
    .execute();
  return rows.map((r) => r.workspace_id);
}

export async function addMember(
  s: Services,
  workspaceId: number,
  adminId: number,
  role: MembershipsTable["role"],
  trx?: Trx,
): Promise<void> {
  const insert = async (db: Trx) => {
    try {
      await db
        .insertInto("memberships")
        .values({ workspace_id: workspaceId, admin_id: adminId, role, created_at: s.now() })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw errors.conflict("That admin is already a member of the workspace");
      throw error;
    }
    await raiseAdminEvent(s, db, adminId, "admin.added_to_workspace", [workspaceId]);
  };
  return trx ? insert(trx) : write(s, (t) => insert(t));
}

/**
 * Takes an admin out of a workspace. Their tokens there stop working at once (a token acts for a
 * member); what they wrote and what is assigned to them stays. A workspace keeps at least one owner.
 * Out of their last workspace, their sessions end too.
 */
export async function removeMember(s: Services, workspaceId: number, adminId: number): Promise<void> {
  await write(s, async (trx, touched) => {
    // Two removals at once must not both see another owner left.
    await queueOnWorkspace(s, trx, workspaceId);
    const membership = await trx
      .selectFrom("memberships")
      .select("role")
      .where("workspace_id", "=", workspaceId)
      .where("admin_id", "=", adminId)
      .executeTakeFirst();
    if (!membership) throw errors.notFound("That admin is not a member of the workspace");
    if (membership.role === "owner") {
      const owners = await trx
        .selectFrom("memberships")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("workspace_id", "=", workspaceId)
        .where("role", "=", "owner")
        .executeTakeFirstOrThrow();
      if (Number(owners.n) <= 1) throw errors.conflict("A workspace's only owner cannot be removed");
    }
    await trx
      .deleteFrom("memberships")
      .where("workspace_id", "=", workspaceId)
      .where("admin_id", "=", adminId)
      .execute();
    // A workspace's teams hold only its admins.
    await trx
      .deleteFrom("team_admins")
      .where("admin_id", "=", adminId)
      .where("team_id", "in", (eb) =>
        eb.selectFrom("teams").select("id").where("workspace_id", "=", workspaceId),
      )
      .execute();
    touched.add(`admin:${adminId}`);
    await raiseAdminEvent(s, trx, adminId, "admin.removed_from_workspace", [workspaceId]);
    // An admin who belongs nowhere any more has nothing to be signed in to.
    if ((await memberWorkspaceIds(trx, adminId)).length === 0) await endAdminSessions(s, trx, adminId);
  });
}

/**
 * Sets (or, with null or blank, clears) the admin's own avatar: what `/me` and the admin objects show
 * instead of Gatehouse's default. The admin's cached principals are dropped, so it shows at once.
 */
export async function setAdminAvatar(
  s: Services,
  adminId: number,
  url: string | null,
): Promise<string | null> {
  const avatarUrl = checkAvatarUrl(url?.trim());
  await write(s, async (trx, touched) => {
    await trx.updateTable("admins").set({ avatar_url: avatarUrl }).where("id", "=", adminId).execute();
    touched.add(`admin:${adminId}`);
  });
  return avatarUrl;
}

export async function findAdminByEmail(s: Services, email: string): Promise<AdminRow | undefined> {
  return s.db
    .selectFrom("admins")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function requireAdminByEmail(s: Services, email: string): Promise<AdminRow> {
  const admin = await findAdminByEmail(s, email);
  if (!admin) throw errors.notFound(`No admin with email ${email}`);
  return admin;
}

export async function isMember(
  db: Services["db"] | Trx,
  workspaceId: number,
  adminId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .select("role")
    .where("workspace_id", "=", workspaceId)
    .where("admin_id", "=", adminId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Grants or withdraws the platform reviewer role (who may decide extended-scope requests). */
export async function setPlatformReviewer(s: Services, adminId: number, reviewer: boolean): Promise<void> {
  await write(s, async (trx, touched) => {
    const result = await trx
      .updateTable("admins")
      .set({ platform_role: reviewer ? "reviewer" : null })
      .where("id", "=", adminId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw errors.notFound("Admin not found");
    touched.add(`admin:${adminId}`);
  });
}

export async function listMembers(s: Services, workspaceId: number) {
  return s.db
    .selectFrom("memberships")
    .innerJoin("admins", "admins.id", "memberships.admin_id")
    .select(["admins.id", "admins.email", "admins.name", "memberships.role", "admins.platform_role"])
    .where("memberships.workspace_id", "=", workspaceId)
    .orderBy("admins.id")
    .execute();
}

/** The workspaces an admin belongs to, by name. */
export async function listAdminWorkspaces(s: Services, adminId: number) {
  return s.db
    .selectFrom("memberships")
    .innerJoin("workspaces", "workspaces.id", "memberships.workspace_id")
    .select(["workspaces.id", "workspaces.id_code", "workspaces.name"])
    .where("memberships.admin_id", "=", adminId)
    .orderBy("workspaces.name")
    .execute();
}

/**
 * Away mode for the Inbox, in one workspace: an admin of the workspace, changed by a token of that
 * workspace, with the reason for it (one of the workspace's). Intercom keeps all three per workspace:
 * an admin away here may be answering in another workspace.
 */
export async function setAwayMode(
  s: Services,
  workspaceId: number,
  adminId: number,
  away: { enabled: boolean; reassign: boolean; reasonId?: number | null },
  actor?: { appId: number; ip?: string | null },
): Promise<AdminRow> {
  return write(s, async (trx, touched) => {
    if (!(await isMember(trx, workspaceId, adminId)))
      throw new ApiError(404, "admin_not_found", "Admin for admin_id not found");
    const reasonId =
      away.reasonId === undefined || away.reasonId === null
        ? null
        : await usableAwayStatusReason(trx, workspaceId, away.reasonId);
    await trx
      .updateTable("memberships")
      .set({
        away_mode_enabled: away.enabled,
        away_mode_reassign: away.reassign,
        away_status_reason_id: away.enabled ? reasonId : null,
      })
      .where("admin_id", "=", adminId)
      .where("workspace_id", "=", workspaceId)
      .execute();
    const row = await trx
      .selectFrom("admins")
      .selectAll()
      .where("id", "=", adminId)
      .executeTakeFirstOrThrow();
    touched.add(`admin:${adminId}`);
    await s.outbox.raise(trx, {
      workspaceId,
      topic: "admin.away_mode_updated",
      item: async () => (await adminsJson(trx, workspaceId, [row], true))[0] as object,
    });
    await recordActivity(s, trx, {
      workspaceId,
      adminId,
      action: "admin.away_mode_changed",
      details: {
        away_mode_enabled: away.enabled,
        away_mode_reassign: away.reassign,
        ...(away.enabled && reasonId !== null && { away_status_reason_id: reasonId }),
        ...(actor && { app_id: actor.appId }),
      },
      ip: actor?.ip ?? null,
    });
    return row;
  });
}
