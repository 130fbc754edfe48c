import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { listAwayStatusReasons } from "../../platform/identity/away-status-reasons.ts";
import { AwayStatusReasonList, awayStatusReasonJson } from "../../wire/admin.ts";
import { errorResponses } from "../../wire/common.ts";

/**
 * Away status reasons are part of what admins are: which one an admin gave shows on the admin, and
 * `PUT /admins/{id}/away` names one. Reading the list takes "Read admins", as reading admins does.
 */
const READ = ["read_admins"] as const;

/**
 * `/away_status_reasons`: every reason of the workspace, deleted ones too, as OpenAPI 2.14 answers them
 * (a `list` object; the official SDK types the answer as a bare array but hands back the body as sent).
 */
export async function awayStatusReasonRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/away_status_reasons",
    {
      schema: {
        querystring: Type.Object({}),
        response: { 200: AwayStatusReasonList, ...errorResponses },
      },
      config: { scopes: READ },
    },
    async (request) => {
      const rows = await listAwayStatusReasons(app.services.db, request.principal.workspaceId);
      return { type: "list" as const, data: rows.map(awayStatusReasonJson) };
    },
  );
}
