import type { FastifyInstance } from "fastify";
import { listAwayStatusReasons } from "../../platform/identity/away-status-reasons.ts";
import { seconds } from "../../resources/content/fields.ts";
import { toBool } from "../../storage/schema.ts";
import type { AwayStatusReasonRow } from "../../storage/tables/identity.ts";

/**
 * Away status reasons are part of what admins are: which one an admin gave shows on the admin, and
 * `PUT /admins/{id}/away` names one. Reading the list takes "Read admins", as reading admins does.
 */
const READ = ["read_admins"] as const;

function awayStatusReasonJson(row: AwayStatusReasonRow) {
  return {
    type: "away_status_reason" as const,
    id: String(row.id),
    label: row.label,
    emoji: row.emoji,
    order: row.position,
    deleted: toBool(row.deleted),
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
  };
}

/**
 * `/away_status_reasons`: every reason of the workspace, deleted ones too, as OpenAPI 2.14 answers them
 * (a `list` object; the official SDK types the answer as a bare array but hands back the body as sent).
 */
export async function awayStatusReasonRoutes(fastify: FastifyInstance) {
  fastify.get("/away_status_reasons", { config: { scopes: READ } }, async (request) => {
    const rows = await listAwayStatusReasons(fastify.services.db, request.principal.workspaceId);
    return { type: "list" as const, data: rows.map(awayStatusReasonJson) };
  });
}
