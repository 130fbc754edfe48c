import { onPage } from "../../core/paging.ts";
import type { Services, Trx } from "../../core/services.ts";
import { arg, CompiledStatement } from "../../storage/compiled-statement.ts";

export interface ActivityEntry {
  workspaceId: number | null;
  adminId: number | null;
  /** Dotted name of what happened: "app.created", "token.regenerated", "app.uninstalled", … */
  action: string;
  /** Particulars worth keeping; never a secret. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the activity log (who, what, when, from where), inside the caller's transaction. */
export async function recordActivity(s: Services, trx: Trx, entry: ActivityEntry): Promise<void> {
  await insertActivity.run(s, trx, [
    entry.workspaceId,
    entry.adminId,
    entry.action,
    JSON.stringify(entry.details ?? {}),
    entry.ip ?? null,
    s.now(),
  ]);
}

/** Compiled once: the log is written by hot paths (every token exchange). */
const insertActivity = new CompiledStatement((db) =>
  db.insertInto("activity_log").values({
    workspace_id: arg(0),
    admin_id: arg(1),
    action: arg(2),
    details: arg(3),
    ip: arg(4),
    created_at: arg(5),
  }),
);

/** Who is making a change, and from where: what the activity log records beside what happened. */
export interface Actor {
  adminId: number;
  ip?: string | null;
}

/** Records a change to an app in the log of the workspace that owns it, when an actor is known. */
export async function recordAppActivity(
  s: Services,
  trx: Trx,
  actor: Actor | undefined,
  appId: number,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (!actor) return;
  const app = await trx
    .selectFrom("apps")
    .select(["workspace_id", "name"])
    .where("id", "=", appId)
    .executeTakeFirst();
  await recordActivity(s, trx, {
    workspaceId: app?.workspace_id ?? null,
    adminId: actor.adminId,
    action,
    details: { app_id: appId, app_name: app?.name, ...details },
    ip: actor.ip ?? null,
  });
}

/** One page of a workspace's log between two times (Unix milliseconds), newest first, and the total. */
export async function pageActivity(
  s: Services,
  workspaceId: number,
  range: { after: number; before: number },
  page: { number: number; size: number },
  /** Only these actions, when given. */
  actions?: readonly string[],
) {
  let base = s.db
    .selectFrom("activity_log")
    .where("activity_log.workspace_id", "=", workspaceId)
    .where("activity_log.created_at", ">", range.after)
    .where("activity_log.created_at", "<", range.before);
  if (actions) base = base.where("activity_log.action", "in", actions);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin("admins", "admins.id", "activity_log.admin_id")
    .select([
      "activity_log.id",
      "activity_log.action",
      "activity_log.details",
      "activity_log.ip",
      "activity_log.created_at",
      "admins.id as admin_id",
      "admins.name as admin_name",
      "admins.email as admin_email",
    ])
    .orderBy("activity_log.id", "desc")
    .$call(onPage(page))
    .execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
  };
}
