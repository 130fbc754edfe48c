import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../core/validation.ts";
import type { Principal } from "../../platform/apps/principals/principal.ts";
import {
  findSubmission,
  listSubmissions,
  recordSubmission,
  type SubmissionView,
} from "../../resources/canvas-kit.ts";
import {
  CanvasKitSubmission,
  CanvasKitSubmissionList,
  canvasKitSubmissionJson,
} from "../../wire/canvas-kit-submission.ts";
import {
  SubmissionBody,
  SubmissionListQuery,
  SubmissionParams,
} from "../../wire/canvas-kit-submission-input.ts";
import { answers } from "../../wire/common.ts";
import { numberedList, paging } from "../api/page-links.ts";

/**
 * "Read data when entered into the app" (`gather_app_data`) has no REST path in Intercom: the data
 * reaches a Canvas Kit app inside the submit requests Intercom posts to it. The nearest thing that can
 * stand behind a token is that submit request itself, kept: `/canvas_kit/submissions` records what a
 * contact entered into the app's components and gives it back in Canvas Kit's submit request shape,
 * to the app it was entered into only. Canvas Kit apps have this scope locked on.
 */
const SCOPES = ["gather_app_data"];

const present = (row: SubmissionView, principal: Principal) =>
  canvasKitSubmissionJson(row, principal.workspace);

export async function canvasKitRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = { scopes: SCOPES };

  app.post(
    "/canvas_kit/submissions",
    {
      schema: {
        body: SubmissionBody,
        response: answers(CanvasKitSubmission),
      },
      config,
    },
    async (request) => {
      const { workspaceId, appId } = request.principal;
      const { row } = await recordSubmission(app.services, workspaceId, appId, request.body);
      return present(await findSubmission(app.services, workspaceId, appId, row.id), request.principal);
    },
  );

  app.get(
    "/canvas_kit/submissions",
    {
      schema: {
        querystring: SubmissionListQuery,
        response: answers(CanvasKitSubmissionList),
      },
      config,
    },
    async (request) => {
      const { workspaceId, appId } = request.principal;
      const page = paging(request.query);
      const found = await listSubmissions(app.services, workspaceId, appId, {
        page,
        ...(request.query.contact_id !== undefined && { contactId: request.query.contact_id }),
      });
      return numberedList(request, page, found, (row) => present(row, request.principal));
    },
  );

  app.get(
    "/canvas_kit/submissions/:submission_id",
    {
      schema: {
        params: SubmissionParams,
        querystring: Type.Object({}),
        response: answers(CanvasKitSubmission),
      },
      config,
    },
    async (request) => {
      const { workspaceId, appId } = request.principal;
      const row = await findSubmission(
        app.services,
        workspaceId,
        appId,
        recordId(request.params.submission_id),
      );
      return present(row, request.principal);
    },
  );
}
