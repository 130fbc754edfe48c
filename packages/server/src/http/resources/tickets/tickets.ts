import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { enqueueTicketCreation } from "../../../resources/jobs.ts";
import { replyJson, ticketsJson } from "../../../resources/tickets/present.ts";
import { replyToTicket } from "../../../resources/tickets/replies.ts";
import { searchTickets } from "../../../resources/tickets/search.ts";
import { createTicket, deleteTicket, findTicket } from "../../../resources/tickets/tickets.ts";
import { updateTicket } from "../../../resources/tickets/update.ts";
import type { TicketRow } from "../../../storage/tables/tickets.ts";
import { answers } from "../../../wire/common.ts";
import { SearchBody } from "../../../wire/inbox-input.ts";
import { Job, jobJson } from "../../../wire/job.ts";
import { DeletedTicket, Ticket, TicketList, TicketPart } from "../../../wire/ticket.ts";
import {
  NewTicketBody,
  TicketChangesBody,
  TicketParams,
  TicketReplyBody,
} from "../../../wire/ticket-input.ts";
import { forCaller, updatesRecordByAdmin } from "../../api/for-caller.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";
import { publicOrigin } from "../../plugins/public-origin.ts";

const READ = ["read_tickets"];
const WRITE = ["write_tickets"];

/** `/tickets`: create (at once, or as a job), find, update, delete, reply and search. */
export async function ticketRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const one = async (ticket: TicketRow, request: FastifyRequest) => {
    const [json] = await ticketsJson(
      app.services.db,
      request.principal.workspaceId,
      request.principal.workspace.idCode,
      [ticket],
    );
    return json;
  };
  const author = (request: FastifyRequest) => ({
    type: "admin" as const,
    id: String(request.principal.admin.id),
  });

  app.post(
    "/tickets",
    { schema: { body: NewTicketBody, response: answers(Ticket) }, config: { scopes: WRITE } },
    async (request) => {
      const { skip_notifications: _, ...input } = request.body;
      return one(await forCaller(request, createTicket, author(request), input), request);
    },
  );

  app.post(
    "/tickets/enqueue",
    { schema: { body: NewTicketBody, response: answers(Job) }, config: { scopes: WRITE } },
    async (request) => {
      const { skip_notifications: _, ...input } = request.body;
      const job = await forCaller(request, enqueueTicketCreation, request.principal.admin.id, input);
      return jobJson(job, publicOrigin(request));
    },
  );

  app.get(
    "/tickets/:ticket_id",
    {
      schema: { params: TicketParams, querystring: Type.Object({}), response: answers(Ticket) },
      config: { scopes: READ },
    },
    async (request) =>
      one(
        await findTicket(app.services.db, request.principal.workspaceId, pathId(request.params.ticket_id)),
        request,
      ),
  );

  app.put(
    "/tickets/:ticket_id",
    {
      schema: {
        params: TicketParams,
        body: TicketChangesBody,
        response: answers(Ticket),
      },
      config: { scopes: WRITE },
    },
    updatesRecordByAdmin("ticket_id", updateTicket, one),
  );

  app.delete(
    "/tickets/:ticket_id",
    {
      schema: { params: TicketParams, response: answers(DeletedTicket) },
      config: { scopes: WRITE },
    },
    async (request) => {
      const row = await forCaller(request, deleteTicket, pathId(request.params.ticket_id));
      return { id: String(row.id), object: "ticket" as const, deleted: true as const };
    },
  );

  app.post(
    "/tickets/:ticket_id/reply",
    {
      schema: {
        params: TicketParams,
        body: TicketReplyBody,
        response: answers(TicketPart),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      replyJson(
        app.services.db,
        await forCaller(request, replyToTicket, pathId(request.params.ticket_id), request.body),
      ),
  );

  app.post(
    "/tickets/search",
    {
      schema: {
        body: SearchBody,
        response: answers(TicketList),
      },
      config: { scopes: READ },
    },
    async (request) => {
      const wanted = cursorRequest(request.body.pagination ?? {}, 20);
      const page = await forCaller(request, searchTickets, request.body.query, wanted);
      return {
        type: "ticket.list" as const,
        pages: cursorPages(wanted, page, page.rows.at(-1)?.id),
        total_count: page.total,
        tickets: await ticketsJson(
          app.services.db,
          request.principal.workspaceId,
          request.principal.workspace.idCode,
          page.rows,
        ),
      };
    },
  );
}
