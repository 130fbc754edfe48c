import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import { ReviewDecision, ReviewText, ScopeId } from "../../platform/apps/app-input.ts";
import { decideAsReviewer, listPendingScopeRequests, reviewConflict } from "../../platform/apps/reviews.ts";
import { memberWorkspaceIds } from "../../platform/identity/admins.ts";
import type { AdminRow } from "../../storage/tables/identity.ts";
import { Form, NoticeQuery, PageAnswers, PostAnswers } from "./forms.ts";
import type { Viewer } from "./layout.ts";
import { noticeFrom, withNotice } from "./notices.ts";
import { signedInAdmin, viewerOf } from "./page-context.ts";
import { ReviewsPage } from "./reviews-view.ts";

/**
 * `/reviews`: platform reviewers decide extended-scope requests, oldest first. A request a reviewer made,
 * or one for an app of a workspace they belong to, is shown with the reason they cannot decide it.
 */
export async function reviewRoutes(plain: FastifyInstance, { services }: { services: Services }) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  function reviewer(admin: AdminRow): AdminRow {
    if (admin.platform_role !== "reviewer") {
      throw new ApiError(403, "forbidden", "Only platform reviewers can see extended-scope requests.");
    }
    return admin;
  }

  async function render(admin: AdminRow, csrf: string, notice: Parameters<typeof ReviewsPage>[0]["notice"]) {
    const now = services.now();
    const pending = await listPendingScopeRequests(services);
    const memberOf = new Set(await memberWorkspaceIds(services.db, admin.id));
    return ReviewsPage({
      viewer: viewerOf(admin) as Viewer,
      csrf,
      notice,
      requests: pending.map((r) => ({
        appId: r.app_id,
        appName: r.app_name,
        workspaceName: r.workspace_name,
        requester: r.requester_name ? { name: r.requester_name, email: r.requester_email ?? "" } : null,
        scopeId: r.scope_id,
        scopeLabel: services.scopes.get(r.scope_id)?.label ?? r.scope_id,
        reason: r.request_reason,
        ageHours: (now - r.requested_at) / 3_600_000,
        conflict: reviewConflict(admin.id, memberOf, {
          workspaceId: r.workspace_id,
          workspaceName: r.workspace_name,
          requestedBy: r.requested_by_admin_id,
        }),
      })),
    });
  }

  app.get(
    "/reviews",
    { schema: { querystring: NoticeQuery, response: PageAnswers } },
    async (request, reply) => {
      const admin = reviewer(signedInAdmin(request));
      return reply.page(await render(admin, request.csrf, noticeFrom(request.query)));
    },
  );

  app.post(
    "/reviews/decide",
    {
      schema: {
        body: Form({
          app: Type.String({ pattern: "^[0-9]{1,12}$" }),
          scope: ScopeId,
          decision: ReviewDecision,
          note: Type.Optional(ReviewText),
        }),
        response: PostAnswers,
      },
    },
    async (request, reply) => {
      const admin = reviewer(signedInAdmin(request));
      const body = request.body;
      try {
        await decideAsReviewer(
          services,
          admin,
          {
            appId: recordId(body.app),
            scopeId: body.scope,
            decision: body.decision,
            ...(body.note?.trim() && { note: body.note }),
          },
          request.ip,
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        return reply.page(
          await render(admin, request.csrf, { kind: "error", text: error.message }),
          error.status,
        );
      }
      return reply.redirect(withNotice("/reviews", "decided"), 303);
    },
  );
}
