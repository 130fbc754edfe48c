import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import { orderedList } from "../../storage/ordered-lists.ts";
import { toBool } from "../../storage/schema.ts";
import type { AwayStatusReasonRow, WorkspaceRow } from "../../storage/tables/identity.ts";

/**
 * Away status reasons: what an admin going away may say about why, from the workspace's own list.
 * Intercom sets the list up in-app; the API reads it and names one when setting an admin away. A
 * deleted reason stays listed, marked, and can no longer be given.
 */

type Db = Services["db"] | Trx;

/** What every workspace offers from the start. */
export const DEFAULT_AWAY_STATUS_REASONS: ReadonlyArray<{ label: string; emoji: string }> = [
  { label: "On a break", emoji: "☕" },
  { label: "At lunch", emoji: "🍔" },
  { label: "In a meeting", emoji: "📅" },
  { label: "Finished for the day", emoji: "🏠" },
  { label: "On holiday", emoji: "🌴" },
  { label: "Off sick", emoji: "🤒" },
];

export async function provisionAwayStatusReasons(trx: Trx, workspace: WorkspaceRow): Promise<void> {
  const at = workspace.created_at;
  await trx
    .insertInto("away_status_reasons")
    .values(
      DEFAULT_AWAY_STATUS_REASONS.map((r, index) => ({
        workspace_id: workspace.id,
        label: r.label,
        emoji: r.emoji,
        position: index + 1,
        deleted: false,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** Every reason of the workspace, deleted ones too, in the order the workspace offers them. */
export async function listAwayStatusReasons(db: Db, workspaceId: number): Promise<AwayStatusReasonRow[]> {
  return orderedList(db, "away_status_reasons", workspaceId);
}

/** Adds a reason at the end of the workspace's list. */
export async function addAwayStatusReason(
  s: Services,
  workspaceId: number,
  input: { label: string; emoji: string },
): Promise<AwayStatusReasonRow> {
  const label = requireText(input.label, "label", 100);
  const emoji = requireText(input.emoji, "emoji", 16);
  return write(s, async (trx) => {
    const last = await trx
      .selectFrom("away_status_reasons")
      .select((eb) => eb.fn.max("position").as("position"))
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirst();
    const now = s.now();
    return trx
      .insertInto("away_status_reasons")
      .values({
        workspace_id: workspaceId,
        label,
        emoji,
        position: Number(last?.position ?? 0) + 1,
        deleted: false,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Deletes a reason as Intercom does: it stays listed, marked deleted, and admins can no longer give it. */
export async function deleteAwayStatusReason(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<AwayStatusReasonRow> {
  return write(s, async (trx) => {
    const row = await trx
      .updateTable("away_status_reasons")
      .set({ deleted: true, updated_at: s.now() })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.notFound(`No away status reason ${id} in the workspace`);
    return row;
  });
}

/** A reason an admin of the workspace may give now: one of the workspace's, not deleted. */
export async function usableAwayStatusReason(db: Db, workspaceId: number, id: number): Promise<number> {
  const row = await db
    .selectFrom("away_status_reasons")
    .select(["id", "deleted"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.parameterInvalid("Away status reason not found", "away_status_reason_id");
  if (toBool(row.deleted))
    throw errors.parameterInvalid("Away status reason is deleted", "away_status_reason_id");
  return row.id;
}
