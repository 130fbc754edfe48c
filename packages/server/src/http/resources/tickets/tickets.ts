import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { enqueueTicketCreation } from "../../../resources/jobs.ts";
import type { NewTicketInput } from "../../../resources/tickets/plan.ts";
import { replyJson, ticketsJson } from "../../../resources/tickets/present.ts";
import { type ReplyInput, replyToTicket } from "../../../resources/tickets/replies.ts";
import { searchTickets } from "../../../resources/tickets/search.ts";
import { createTicket, deleteTicket, findTicket } from "../../../resources/tickets/tickets.ts";
import { type TicketChanges, updateTicket } from "../../../resources/tickets/update.ts";
import type { TicketRow } from "../../../storage/tables/tickets.ts";
import { jobJson } from "../../../wire/job.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";
import { publicOrigin } from "../../plugins/public-origin.ts";

const READ = ["read_tickets"];
const WRITE = ["write_tickets"];

const TicketId = Type.Object({ ticket_id: Type.String({ maxLength: 50 }) });
const Anything = Type.Optional(Type.Unknown());

const NewTicketBody = Type.Object({
  ticket_type_id: Anything,
  contacts: Anything,
  company_id: Anything,
  conversation_to_link_id: Anything,
  created_at: Anything,
  ticket_attributes: Anything,
  assignment: Anything,
  skip_notifications: Type.Optional(Type.Boolean()),
});

/** `/tickets`: create (at once, or as a job), find, update, delete, reply and search. */
export async function ticketRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const one = async (request: FastifyRequest, ticket: TicketRow) => {
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

  app.post("/tickets", { schema: { body: NewTicketBody }, config: { scopes: WRITE } }, async (request) =>
    one(
      request,
      await createTicket(
        app.services,
        request.principal.workspaceId,
        author(request),
        request.body as NewTicketInput,
      ),
    ),
  );

  app.post(
    "/tickets/enqueue",
    { schema: { body: NewTicketBody }, config: { scopes: WRITE } },
    async (request) => {
      const { skip_notifications: _, ...input } = request.body;
      const job = await enqueueTicketCreation(
        app.services,
        request.principal.workspaceId,
        request.principal.admin.id,
        input as NewTicketInput,
      );
      return jobJson(job, publicOrigin(request));
    },
  );

  app.get(
    "/tickets/:ticket_id",
    { schema: { params: TicketId }, config: { scopes: READ } },
    async (request) =>
      one(
        request,
        await findTicket(app.services.db, request.principal.workspaceId, pathId(request.params.ticket_id)),
      ),
  );

  app.put(
    "/tickets/:ticket_id",
    {
      schema: {
        params: TicketId,
        body: Type.Object({
          ticket_attributes: Anything,
          ticket_state_id: Anything,
          company_id: Anything,
          open: Anything,
          is_shared: Anything,
          snoozed_until: Anything,
          admin_id: Anything,
          assignee_id: Anything,
          skip_notifications: Type.Optional(Type.Boolean()),
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      one(
        request,
        await updateTicket(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_id),
          request.principal.admin.id,
          request.body as TicketChanges,
        ),
      ),
  );

  app.delete(
    "/tickets/:ticket_id",
    { schema: { params: TicketId }, config: { scopes: WRITE } },
    async (request) => {
      const row = await deleteTicket(
        app.services,
        request.principal.workspaceId,
        pathId(request.params.ticket_id),
      );
      return { id: String(row.id), object: "ticket", deleted: true };
    },
  );

  app.post(
    "/tickets/:ticket_id/reply",
    {
      schema: {
        params: TicketId,
        body: Type.Object({
          message_type: Anything,
          type: Anything,
          body: Anything,
          admin_id: Anything,
          intercom_user_id: Anything,
          user_id: Anything,
          email: Anything,
          created_at: Anything,
          reply_options: Anything,
          attachment_urls: Anything,
          skip_notifications: Type.Optional(Type.Boolean()),
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      replyJson(
        app.services.db,
        await replyToTicket(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_id),
          request.body as ReplyInput,
        ),
      ),
  );

  const Paging = {
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
    starting_after: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  };

  app.post(
    "/tickets/search",
    {
      schema: {
        body: Type.Object({
          query: Type.Record(Type.String(), Type.Unknown()),
          pagination: Type.Optional(Type.Union([Type.Object(Paging), Type.Null()])),
        }),
      },
      config: { scopes: READ },
    },
    async (request) => {
      const wanted = cursorRequest(request.body.pagination ?? {}, 20);
      const page = await searchTickets(
        app.services,
        request.principal.workspaceId,
        request.body.query,
        wanted,
      );
      return {
        type: "ticket.list",
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
