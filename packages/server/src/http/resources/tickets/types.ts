import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  createTicketTypeAttribute,
  updateTicketTypeAttribute,
} from "../../../resources/tickets/attributes.ts";
import { ticketTypesJson } from "../../../resources/tickets/present.ts";
import { listTicketStates } from "../../../resources/tickets/states.ts";
import {
  createTicketType,
  findTicketType,
  listTicketTypes,
  updateTicketType,
} from "../../../resources/tickets/types.ts";
import type { TicketTypeRow } from "../../../storage/tables/tickets.ts";
import { answers } from "../../../wire/common.ts";
import {
  presentAttribute,
  presentStateDetailed,
  TicketStateList,
  TicketType,
  TicketTypeAttribute,
  TicketTypeList,
} from "../../../wire/ticket-type.ts";
import {
  TicketTypeAttributeBody,
  TicketTypeAttributeParams,
  TicketTypeBody,
  TicketTypeParams,
} from "../../../wire/ticket-type-input.ts";
import { forCaller, updatesRecord } from "../../api/for-caller.ts";

const READ = ["read_tickets"];
const WRITE = ["write_tickets"];

/** `/ticket_types` and their attributes, and `/ticket_states`: read with "Read tickets", written with "Write tickets". */
export async function ticketTypeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const one = async (
    type: TicketTypeRow,
    request: { principal: { workspaceId: number; workspace: { idCode: string } } },
  ) => {
    const [json] = await ticketTypesJson(
      app.services.db,
      request.principal.workspaceId,
      request.principal.workspace.idCode,
      [type],
    );
    return json;
  };

  const noQuery = Type.Object({});

  app.get(
    "/ticket_types",
    { schema: { querystring: noQuery, response: answers(TicketTypeList) }, config: { scopes: READ } },
    async (request) => ({
      type: "list" as const,
      data: await ticketTypesJson(
        app.services.db,
        request.principal.workspaceId,
        request.principal.workspace.idCode,
        await forCaller(request, listTicketTypes),
      ),
    }),
  );

  app.post(
    "/ticket_types",
    { schema: { body: TicketTypeBody, response: answers(TicketType) }, config: { scopes: WRITE } },
    async (request) => one(await forCaller(request, createTicketType, request.body), request),
  );

  app.get(
    "/ticket_types/:ticket_type_id",
    {
      schema: { params: TicketTypeParams, querystring: noQuery, response: answers(TicketType) },
      config: { scopes: READ },
    },
    async (request) =>
      one(
        await findTicketType(
          app.services.db,
          request.principal.workspaceId,
          pathId(request.params.ticket_type_id),
        ),
        request,
      ),
  );

  app.put(
    "/ticket_types/:ticket_type_id",
    {
      schema: { params: TicketTypeParams, body: TicketTypeBody, response: answers(TicketType) },
      config: { scopes: WRITE },
    },
    updatesRecord("ticket_type_id", updateTicketType, one),
  );

  app.post(
    "/ticket_types/:ticket_type_id/attributes",
    {
      schema: {
        params: TicketTypeParams,
        body: TicketTypeAttributeBody,
        response: answers(TicketTypeAttribute),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const type = pathId(request.params.ticket_type_id);
      const row = await forCaller(request, createTicketTypeAttribute, type, request.body);
      return presentAttribute(row, request.principal.workspace.idCode);
    },
  );

  app.put(
    "/ticket_types/:ticket_type_id/attributes/:attribute_id",
    {
      schema: {
        params: TicketTypeAttributeParams,
        body: TicketTypeAttributeBody,
        response: answers(TicketTypeAttribute),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const [type, attribute] = [pathId(request.params.ticket_type_id), pathId(request.params.attribute_id)];
      const row = await forCaller(request, updateTicketTypeAttribute, type, attribute, request.body);
      return presentAttribute(row, request.principal.workspace.idCode);
    },
  );

  const states = { querystring: noQuery, response: answers(TicketStateList) };
  app.get("/ticket_states", { schema: states, config: { scopes: READ } }, async (request) => {
    const rows = await forCaller(request, listTicketStates);
    // Every ticket type's tickets can be in every state of the workspace.
    const types = await forCaller(request, listTicketTypes);
    return { type: "list" as const, data: rows.map((state) => presentStateDetailed(state, types)) };
  });
}
