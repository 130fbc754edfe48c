import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Services } from "../../core/services.ts";
import { findContact } from "../../resources/contacts/contacts.ts";
import { countSegment, findSegment, listSegments, segmentsOfContact } from "../../resources/segments.ts";
import type { SegmentRow } from "../../storage/tables/contacts.ts";

const READ = ["read_users_companies"] as const;

/** Intercom's `segment` object; `count` only when asked for. */
async function segmentJson(s: Services, row: SegmentRow, withCount: boolean) {
  return {
    type: "segment" as const,
    id: row.id,
    name: row.name,
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    person_type: row.person_type,
    ...(withCount && { count: await countSegment(s, row) }),
  };
}

/** `/segments` and the segments a contact is in. Segments are made by operators, with the CLI. */
export async function segmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;
  const IncludeCount = Type.Object({ include_count: Type.Optional(Type.Boolean()) });

  app.get(
    "/segments",
    { schema: { querystring: IncludeCount }, config: { scopes: READ } },
    async (request) => {
      const rows = await listSegments(services(), request.principal.workspaceId);
      const withCount = request.query.include_count === true;
      return {
        type: "segment.list" as const,
        segments: await Promise.all(rows.map((row) => segmentJson(services(), row, withCount))),
        pages: {},
      };
    },
  );

  app.get(
    "/segments/:segment_id",
    {
      schema: {
        params: Type.Object({ segment_id: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: IncludeCount,
      },
      config: { scopes: READ },
    },
    async (request) =>
      segmentJson(
        services(),
        await findSegment(services(), request.principal.workspaceId, request.params.segment_id),
        request.query.include_count === true,
      ),
  );

  app.get(
    "/contacts/:contact_id/segments",
    {
      schema: { params: Type.Object({ contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }) }) },
      config: { scopes: READ },
    },
    async (request) => {
      const contact = await findContact(services(), request.principal.workspaceId, request.params.contact_id);
      const rows = await segmentsOfContact(services(), contact);
      return {
        type: "list" as const,
        data: await Promise.all(rows.map((row) => segmentJson(services(), row, false))),
      };
    },
  );
}
