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
import { presentAttribute, presentStateDetailed } from "../../../wire/ticket.ts";

const READ = ["read_tickets"];
const WRITE = ["write_tickets"];

const TypeId = Type.Object({ ticket_type_id: Type.String({ maxLength: 50 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Flag = Type.Optional(Type.Boolean());

const TypeBody = Type.Object({
  name: Text(1000),
  description: Text(5000),
  category: Text(50),
  icon: Text(200),
  is_internal: Flag,
  archived: Flag,
});

const AttributeBody = Type.Object({
  name: Text(1000),
  description: Text(5000),
  data_type: Text(50),
  required_to_create: Flag,
  required_to_create_for_contacts: Flag,
  visible_on_create: Flag,
  visible_to_contacts: Flag,
  multiline: Flag,
  list_items: Text(60_000),
  allow_multiple_values: Flag,
  archived: Flag,
});

/** `/ticket_types` and their attributes, and `/ticket_states`: read with "Read tickets", written with "Write tickets". */
export async function ticketTypeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const one = async (
    request: { principal: { workspaceId: number; workspace: { idCode: string } } },
    type: TicketTypeRow,
  ) => {
    const [json] = await ticketTypesJson(
      app.services.db,
      request.principal.workspaceId,
      request.principal.workspace.idCode,
      [type],
    );
    return json;
  };

  app.get("/ticket_types", { config: { scopes: READ } }, async (request) => ({
    type: "list",
    data: await ticketTypesJson(
      app.services.db,
      request.principal.workspaceId,
      request.principal.workspace.idCode,
      await listTicketTypes(app.services, request.principal.workspaceId),
    ),
  }));

  app.post("/ticket_types", { schema: { body: TypeBody }, config: { scopes: WRITE } }, async (request) =>
    one(request, await createTicketType(app.services, request.principal.workspaceId, request.body)),
  );

  app.get(
    "/ticket_types/:ticket_type_id",
    { schema: { params: TypeId }, config: { scopes: READ } },
    async (request) =>
      one(
        request,
        await findTicketType(
          app.services.db,
          request.principal.workspaceId,
          pathId(request.params.ticket_type_id),
        ),
      ),
  );

  app.put(
    "/ticket_types/:ticket_type_id",
    { schema: { params: TypeId, body: TypeBody }, config: { scopes: WRITE } },
    async (request) =>
      one(
        request,
        await updateTicketType(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_type_id),
          request.body,
        ),
      ),
  );

  app.post(
    "/ticket_types/:ticket_type_id/attributes",
    { schema: { params: TypeId, body: AttributeBody }, config: { scopes: WRITE } },
    async (request) =>
      presentAttribute(
        await createTicketTypeAttribute(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_type_id),
          request.body,
        ),
        request.principal.workspace.idCode,
      ),
  );

  app.put(
    "/ticket_types/:ticket_type_id/attributes/:attribute_id",
    {
      schema: {
        params: Type.Object({
          ticket_type_id: Type.String({ maxLength: 50 }),
          attribute_id: Type.String({ maxLength: 50 }),
        }),
        body: AttributeBody,
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      presentAttribute(
        await updateTicketTypeAttribute(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_type_id),
          pathId(request.params.attribute_id),
          request.body,
        ),
        request.principal.workspace.idCode,
      ),
  );

  app.get("/ticket_states", { config: { scopes: READ } }, async (request) => {
    const states = await listTicketStates(app.services, request.principal.workspaceId);
    // Every ticket type's tickets can be in every state of the workspace.
    const types = await listTicketTypes(app.services, request.principal.workspaceId);
    return { type: "list", data: states.map((state) => presentStateDetailed(state, types)) };
  });
}
