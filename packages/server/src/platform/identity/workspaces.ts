import crypto from "node:crypto";
import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type { WorkspaceRow } from "../../storage/tables/identity.ts";
import { provisionAwayStatusReasons } from "./away-status-reasons.ts";

export interface NewWorkspace {
  name: string;
  timezone?: string;
  region?: string;
  secure?: boolean;
  identityVerification?: boolean;
}

const REGIONS = ["US", "EU", "AU"] as const;
const ID_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Intercom's workspace ids are eight lowercase letters and digits ("drzzt019"). */
function newIdCode(): string {
  let code = "";
  for (const byte of crypto.randomBytes(8)) code += ID_CODE_ALPHABET[byte % 36];
  return code;
}

/**
 * Time zones are checked for shape, not against the IANA list: Intercom's own workspaces carry names
 * outside it (the seed's `/me` answers "Europe/Edinburgh"), and a stand-in must hold what they hold.
 */
export function validTimezone(tz: string): boolean {
  return tz.length <= 64 && /^(UTC|[A-Z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2})$/.test(tz);
}

export async function createWorkspace(s: Services, input: NewWorkspace, trx?: Trx): Promise<WorkspaceRow> {
  const name = requireText(input.name, "name", 255);
  const timezone = input.timezone ?? "UTC";
  if (!validTimezone(timezone))
    throw errors.parameterInvalid(`'${timezone}' is not a known time zone`, "timezone");
  const region = (input.region ?? "US").toUpperCase();
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw errors.parameterInvalid(`region must be one of ${REGIONS.join(", ")}`, "region");
  }
  const insert = async (db: Trx) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const workspace = await db
          .insertInto("workspaces")
          .values({
            id_code: newIdCode(),
            name,
            timezone,
            region,
            secure: input.secure ?? false,
            identity_verification: input.identityVerification ?? false,
            created_at: s.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await provisionAwayStatusReasons(db, workspace);
        await s.setUpWorkspace(db, workspace);
        return workspace;
      } catch (error) {
        // 36^8 codes: a collision is rare, and the next draw settles it.
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  };
  return trx ? insert(trx) : write(s, (t) => insert(t));
}

export async function findWorkspace(s: Services, idCode: string): Promise<WorkspaceRow | undefined> {
  return s.db.selectFrom("workspaces").selectAll().where("id_code", "=", idCode).executeTakeFirst();
}

/** The workspace, if the admin is a member of it: what a workspace's settings pages act on. */
export async function findMemberWorkspace(
  s: Services,
  idCode: string,
  adminId: number,
): Promise<WorkspaceRow | undefined> {
  return s.db
    .selectFrom("workspaces")
    .innerJoin("memberships", "memberships.workspace_id", "workspaces.id")
    .selectAll("workspaces")
    .where("workspaces.id_code", "=", idCode)
    .where("memberships.admin_id", "=", adminId)
    .executeTakeFirst();
}

export async function requireWorkspace(s: Services, idCode: string): Promise<WorkspaceRow> {
  const workspace = await findWorkspace(s, idCode);
  if (!workspace) throw errors.notFound(`Workspace '${idCode}' not found`);
  return workspace;
}

export async function listWorkspaces(s: Services): Promise<WorkspaceRow[]> {
  return s.db.selectFrom("workspaces").selectAll().orderBy("id").execute();
}

export interface WorkspaceChanges {
  name?: string;
  timezone?: string;
  secure?: boolean;
  identityVerification?: boolean;
}

export async function updateWorkspace(
  s: Services,
  id: number,
  changes: WorkspaceChanges,
): Promise<WorkspaceRow> {
  if (changes.timezone !== undefined && !validTimezone(changes.timezone)) {
    throw errors.parameterInvalid(`'${changes.timezone}' is not a known time zone`, "timezone");
  }
  return write(s, async (trx, touched) => {
    const row = await trx
      .updateTable("workspaces")
      .set({
        ...(changes.name !== undefined && { name: requireText(changes.name, "name", 255) }),
        ...(changes.timezone !== undefined && { timezone: changes.timezone }),
        ...(changes.secure !== undefined && { secure: changes.secure }),
        ...(changes.identityVerification !== undefined && {
          identity_verification: changes.identityVerification,
        }),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.notFound("Workspace not found");
    touched.add(`workspace:${id}`);
    return row;
  });
}
