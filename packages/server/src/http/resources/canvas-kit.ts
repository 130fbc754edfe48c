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
import { Pages, Paging, pageLinks, paging } from "../api/page-links.ts";

/**
 * "Read data when entered into the app" (`gather_app_data`) has no REST path in Intercom: the data
 * reaches a Canvas Kit app inside the submit requests Intercom posts to it. The nearest thing that can
 * stand behind a token is that submit request itself, kept: `/canvas_kit/submissions` records what a
 * contact entered into the app's components and gives it back in Canvas Kit's submit request shape,
 * to the app it was entered into only. Canvas Kit apps have this scope locked on.
 */
const SCOPES = ["gather_app_data"];

const Contact = Type.Object({
  type: Type.Literal("contact"),
  id: Type.String(),
  role: Type.String(),
  external_id: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
});
const Submission = Type.Object({
  type: Type.Literal("canvas_kit_submission"),
  id: Type.String(),
  created_at: Type.Integer(),
  workspace_id: Type.String(),
  workspace_region: Type.String(),
  component_id: Type.String(),
  context: Type.Record(Type.String(), Type.String()),
  contact: Contact,
  user: Contact,
  current_canvas: Type.Object({ stored_data: Type.Record(Type.String(), Type.Unknown()) }),
  input_values: Type.Record(Type.String(), Type.Unknown()),
});
const SubmissionList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Submission),
  pages: Pages,
  total_count: Type.Integer(),
});
const SubmissionId = Type.Object({ submission_id: Type.String({ maxLength: 50 }) });

function present(row: SubmissionView, principal: Principal) {
  const contact = {
    type: "contact" as const,
    id: row.contact_id,
    role: row.contact_role,
    external_id: row.contact_external_id,
    email: row.contact_email,
    name: row.contact_name,
  };
  return {
    type: "canvas_kit_submission" as const,
    id: String(row.id),
    created_at: Math.floor(Number(row.created_at) / 1000),
    workspace_id: principal.workspace.idCode,
    workspace_region: principal.workspace.region,
    component_id: row.component_id,
    context: JSON.parse(row.context) as Record<string, string>,
    // Canvas Kit names the person both ways: `contact`, and the older `user`.
    contact,
    user: contact,
    current_canvas: { stored_data: JSON.parse(row.stored_data) as Record<string, unknown> },
    input_values: JSON.parse(row.input_values) as Record<string, unknown>,
  };
}

export async function canvasKitRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = { scopes: SCOPES };

  app.post(
    "/canvas_kit/submissions",
    {
      schema: {
        body: Type.Object({
          contact_id: Type.String({ maxLength: 64 }),
          component_id: Type.String({ maxLength: 1000 }),
          input_values: Type.Unknown(),
          current_canvas: Type.Optional(Type.Unknown()),
          context: Type.Optional(Type.Unknown()),
        }),
        response: { 200: Submission },
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
        querystring: Type.Object({
          ...Paging.properties,
          contact_id: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: SubmissionList },
      },
      config,
    },
    async (request) => {
      const { workspaceId, appId } = request.principal;
      const page = paging(request.query);
      const { rows, total } = await listSubmissions(app.services, workspaceId, appId, {
        page,
        ...(request.query.contact_id !== undefined && { contactId: request.query.contact_id }),
      });
      return {
        type: "list" as const,
        data: rows.map((row) => present(row, request.principal)),
        pages: pageLinks(request, page, total),
        total_count: total,
      };
    },
  );

  app.get(
    "/canvas_kit/submissions/:submission_id",
    { schema: { params: SubmissionId, response: { 200: Submission } }, config },
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
