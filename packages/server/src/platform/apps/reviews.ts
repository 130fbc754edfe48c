import { ApiError, errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import type { AppScopeRow } from "../../storage/tables/apps.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import { memberWorkspaceIds } from "../identity/admins.ts";
import { recordActivity } from "../services/audit.ts";
import { recordNarrowed } from "./resource-servers/revocation-feed.ts";

/**
 * Deciding extended-scope requests (seed 003), with separation of duties: in the hub, a platform
 * reviewer never decides a request they made, nor one for an app of a workspace they belong to (they
 * would be approving their own access). The operator, at the command line, may decide any request;
 * the activity log then records the decision as the operator's.
 */
export interface ScopeDecision {
  appId: number;
  scopeId: string;
  decision: "approved" | "rejected";
  /** Why; required to reject. */
  note?: string;
}

type Decider =
  | { kind: "reviewer"; adminId: number; ip: string | null }
  | { kind: "operator"; reviewerId: number | null };

/** What a reviewer needs to know about a request to tell whether it is theirs to decide. */
export interface RequestParties {
  workspaceId: number;
  workspaceName: string;
  requestedBy: number | null;
}

/** Why this reviewer may not decide this request, in words for the page; undefined when they may. */
export function reviewConflict(
  reviewerId: number,
  memberOf: ReadonlySet<number>,
  request: RequestParties,
): string | undefined {
  const why =
    request.requestedBy === reviewerId
      ? "you asked for it"
      : memberOf.has(request.workspaceId)
        ? `you are a member of ${request.workspaceName}, which owns the app`
        : undefined;
  return why && `You cannot decide this request: ${why}. Another platform reviewer will.`;
}

/** The operator's decision (`gatehouse app review`): any request; `reviewerId` names a reviewer it is made for. */
export async function reviewScopeRequest(
  s: Services,
  input: ScopeDecision & { reviewerId?: number },
): Promise<AppScopeRow> {
  return decide(s, input, { kind: "operator", reviewerId: input.reviewerId ?? null });
}

/** A platform reviewer's decision in the hub, refused (403) when the request is theirs or their workspace's. */
export async function decideAsReviewer(
  s: Services,
  reviewer: Pick<AdminRow, "id" | "platform_role">,
  input: ScopeDecision,
  ip: string | null,
): Promise<AppScopeRow> {
  if (reviewer.platform_role !== "reviewer") {
    throw new ApiError(403, "forbidden", "Only platform reviewers can decide extended-scope requests.");
  }
  return decide(s, input, { kind: "reviewer", adminId: reviewer.id, ip });
}

async function decide(s: Services, input: ScopeDecision, by: Decider): Promise<AppScopeRow> {
  if (input.decision === "rejected" && !input.note?.trim()) {
    throw errors.parameterNotFound("a rejection needs a reason", "note");
  }
  return write(s, async (trx, touched) => {
    const request = await parties(trx, input.appId, input.scopeId);
    if (!request) throw errors.notFound(`The app has not asked for the extended scope '${input.scopeId}'`);
    if (by.kind === "reviewer") {
      const memberOf = new Set(await memberWorkspaceIds(trx, by.adminId));
      const conflict = reviewConflict(by.adminId, memberOf, request);
      if (conflict) throw new ApiError(403, "forbidden", conflict);
    }
    const row = await trx
      .updateTable("app_scopes")
      .set({
        review_state: input.decision,
        reviewed_at: s.now(),
        reviewed_by_admin_id: by.kind === "reviewer" ? by.adminId : by.reviewerId,
        review_note: input.note?.trim() || null,
      })
      .where("app_id", "=", input.appId)
      .where("scope_id", "=", input.scopeId)
      .where("review_state", "in", ["pending", "approved", "rejected"])
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.notFound(`The app has not asked for the extended scope '${input.scopeId}'`);
    touched.add(`app:${input.appId}`);
    // An approval withdrawn takes the scope from every token the app holds.
    if (request.reviewState === "approved" && input.decision !== "approved") {
      await recordNarrowed(s, trx, { appId: input.appId });
    }
    await recordActivity(s, trx, {
      workspaceId: request.workspaceId,
      adminId: by.kind === "reviewer" ? by.adminId : null,
      action: `scope.${input.decision}`,
      details: {
        app_id: input.appId,
        app_name: request.appName,
        scope: input.scopeId,
        note: input.note ?? null,
        ...(by.kind === "operator" && {
          decided_by: "operator",
          ...(by.reviewerId !== null && { reviewer_id: by.reviewerId }),
        }),
      },
      ip: by.kind === "reviewer" ? by.ip : null,
    });
    return row;
  });
}

/** Scope requests joined to the app that asks and the workspace that made it. */
function scopeRequests(db: Services["db"] | Trx) {
  return db
    .selectFrom("app_scopes")
    .innerJoin("apps", "apps.id", "app_scopes.app_id")
    .innerJoin("workspaces", "workspaces.id", "apps.workspace_id");
}

async function parties(
  trx: Trx,
  appId: number,
  scopeId: string,
): Promise<(RequestParties & { appName: string; reviewState: AppScopeRow["review_state"] }) | undefined> {
  const row = await scopeRequests(trx)
    .select([
      "apps.workspace_id",
      "apps.name as app_name",
      "workspaces.name as workspace_name",
      "app_scopes.requested_by_admin_id",
      "app_scopes.review_state",
    ])
    .where("app_scopes.app_id", "=", appId)
    .where("app_scopes.scope_id", "=", scopeId)
    .executeTakeFirst();
  return (
    row && {
      workspaceId: row.workspace_id,
      workspaceName: row.workspace_name,
      requestedBy: row.requested_by_admin_id,
      appName: row.app_name,
      reviewState: row.review_state,
    }
  );
}

/** Extended-scope requests awaiting review, across every app, oldest first. */
export async function listPendingScopeRequests(s: Services) {
  return (
    scopeRequests(s.db)
      // Who asked, for the reviewer to see (null before migration 0024 or once the admin is gone).
      .leftJoin("admins as requester", "requester.id", "app_scopes.requested_by_admin_id")
      .select([
        "requester.name as requester_name",
        "requester.email as requester_email",
        "app_scopes.app_id",
        "app_scopes.scope_id",
        "app_scopes.request_reason",
        "app_scopes.requested_at",
        "app_scopes.requested_by_admin_id",
        "apps.name as app_name",
        "apps.client_id",
        "apps.workspace_id",
        "workspaces.name as workspace_name",
      ])
      .where("app_scopes.review_state", "=", "pending")
      .where("apps.deleted_at", "is", null)
      .orderBy("app_scopes.requested_at")
      .orderBy("app_scopes.app_id")
      .execute()
  );
}
