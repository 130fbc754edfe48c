import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Services } from "../../core/services.ts";
import { findContact } from "../../resources/contacts/contacts.ts";
import { countSegment, findSegment, listSegments, segmentsOfContact } from "../../resources/segments.ts";
import type { SegmentRow } from "../../storage/tables/contacts.ts";
import { errorResponses } from "../../wire/common.ts";
import { ContactParams } from "../../wire/contact-input.ts";
import { Segment, SegmentList, SegmentRefList, segmentObject } from "../../wire/segment.ts";
import { SegmentParams, SegmentQuery } from "../../wire/segment-input.ts";
import { forCaller } from "../api/for-caller.ts";

const READ = ["read_users_companies"] as const;

/** A segment as the API shows it, its members counted first when the caller asked for the count. */
async function segmentJson(s: Services, row: SegmentRow, withCount: boolean) {
  return segmentObject(row, withCount ? await countSegment(s, row) : undefined);
}

/** `/segments` and the segments a contact is in. Segments are made by operators, with the CLI. */
export async function segmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;

  app.get(
    "/segments",
    {
      schema: { querystring: SegmentQuery, response: { 200: SegmentList, ...errorResponses } },
      config: { scopes: READ },
    },
    async (request) => {
      const rows = await forCaller(request, listSegments);
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
        params: SegmentParams,
        querystring: SegmentQuery,
        response: { 200: Segment, ...errorResponses },
      },
      config: { scopes: READ },
    },
    async (request) =>
      segmentJson(
        services(),
        await forCaller(request, findSegment, request.params.segment_id),
        request.query.include_count === true,
      ),
  );

  app.get(
    "/contacts/:contact_id/segments",
    {
      schema: {
        params: ContactParams,
        querystring: Type.Object({}),
        response: { 200: SegmentRefList, ...errorResponses },
      },
      config: { scopes: READ },
    },
    async (request) => {
      const contact = await forCaller(request, findContact, request.params.contact_id);
      const rows = await segmentsOfContact(services(), contact);
      return { type: "list" as const, data: rows.map((row) => segmentObject(row)) };
    },
  );
}
