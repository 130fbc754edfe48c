import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { errors } from "../../core/errors.ts";
import { lookUpContact } from "../../resources/contacts/lookup.ts";
import {
  type EventCursor,
  importEventSummaries,
  listEvents,
  summarizeEvents,
  trackEvent,
} from "../../resources/events.ts";
import type { DataEventRow } from "../../storage/tables/events.ts";
import { errorResponses, NoBody } from "../../wire/common.ts";
import { EventList, EventSummaryList, eventIdentifiers, eventJson } from "../../wire/event.ts";
import { EventBody, EventQuery, EventSummariesBody } from "../../wire/event-input.ts";
import { forCaller } from "../api/for-caller.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

function encodeCursor(row: DataEventRow): string {
  return Buffer.from(JSON.stringify([row.occurred_at, row.seq])).toString("base64url");
}

function decodeCursor(cursor: string, field: string): EventCursor {
  try {
    const [at, seq] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (Number.isSafeInteger(at) && Number.isSafeInteger(seq))
      return { at: at as number, seq: seq as number };
  } catch {
    // fall through
  }
  throw errors.parameterInvalid(`${field} is not a cursor this API gave out`, field);
}

/** Intercom's time format in event summaries: ISO 8601 with milliseconds and a numeric offset. */
function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace("Z", "+00:00");
}

/** `/events`: track with "Write events", list with "Read events". */
export async function eventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/events",
    {
      schema: {
        body: EventBody,
        // Intercom accepts an event with 202 and no body.
        response: { 202: NoBody, ...errorResponses },
      },
      config: { scopes: ["write_events"] },
    },
    async (request, reply) => {
      await forCaller(request, trackEvent, request.body);
      return reply.code(202).send();
    },
  );

  app.get(
    "/events",
    {
      schema: {
        querystring: EventQuery,
        response: { 200: Type.Union([EventList, EventSummaryList]), ...errorResponses },
      },
      config: { scopes: ["read_events"] },
    },
    async (request) => {
      const query = request.query;
      const contact = await lookUpContact(
        app.services.db,
        request.principal.workspaceId,
        { id: query.intercom_user_id, user_id: query.user_id, email: query.email },
        { id: "intercom_user_id", user_id: "user_id", email: "email" },
      );
      if (query.summary) {
        const summaries = await summarizeEvents(app.services, contact);
        return {
          type: "event.summary" as const,
          ...eventIdentifiers(contact),
          events: summaries.map((e) => ({
            name: e.name,
            first: isoTime(e.first),
            last: isoTime(e.last),
            count: e.count,
          })),
        };
      }
      const perPage = query.per_page ?? 15;
      const { rows, hasMore } = await listEvents(app.services, contact, {
        size: perPage,
        ...(query.before !== undefined && { before: decodeCursor(query.before, "before") }),
        ...(query.since !== undefined && { since: decodeCursor(query.since, "since") }),
      });
      // The links name the contact as the caller did, so following them lists the same events.
      const who: Record<string, string> = query.intercom_user_id
        ? { intercom_user_id: query.intercom_user_id }
        : query.user_id
          ? { user_id: query.user_id }
          : { email: query.email ?? "" };
      const link = (extra: Record<string, string>) =>
        `${publicOrigin(request)}/events?${new URLSearchParams({ type: "user", ...who, ...extra })}`;
      const newest = rows[0];
      const last = rows.at(-1);
      return {
        type: "event.list" as const,
        events: rows.map((row) => eventJson(row, contact)),
        pages: {
          ...(hasMore && last && { next: link({ per_page: String(perPage), before: encodeCursor(last) }) }),
          ...(newest && { since: link({ since: encodeCursor(newest) }) }),
        },
      };
    },
  );

  app.post(
    "/events/summaries",
    {
      schema: {
        body: EventSummariesBody,
        response: { 200: NoBody, ...errorResponses },
      },
      config: { scopes: ["write_events"] },
    },
    async (request, reply) => {
      await forCaller(request, importEventSummaries, request.body);
      return reply.code(200).send();
    },
  );
}
