import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../../core/validation.ts";
import {
  createDataConnector,
  deleteDataConnector,
  findDataConnector,
  listDataConnectors,
  updateDataConnector,
} from "../../../resources/content/data-connectors.ts";
import type { DataConnectorRow } from "../../../storage/tables/content.ts";
import { Pages, Paging, pageLinks, paging } from "../../api/page-links.ts";

/**
 * `/data_connectors`: Intercom's 2.14 description has no data connector paths, so this is Gatehouse's
 * own small resource in Intercom's style. Reading takes either data connector scope; writing takes
 * "Read and write data connectors".
 */
const READ = ["read_data_connectors", "write_data_connectors"];
const WRITE = ["write_data_connectors"];

const Header = Type.Object({ name: Type.String(), value: Type.String() });
const DataConnector = Type.Object({
  type: Type.Literal("data_connector"),
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  state: Type.String(),
  http_method: Type.String(),
  url: Type.String(),
  headers: Type.Array(Header),
  body: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
});
const DataConnectorList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(DataConnector),
  pages: Pages,
  total_count: Type.Integer(),
});
const Deleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("data_connector"),
  deleted: Type.Boolean(),
});
const ConnectorId = Type.Object({ data_connector_id: Type.String({ maxLength: 50 }) });
const Fields = {
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  http_method: Type.Optional(Type.String({ maxLength: 20 })),
  headers: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
  body: Type.Optional(Type.Union([Type.String(), Type.Null()])),
};

function present(row: DataConnectorRow) {
  return {
    type: "data_connector" as const,
    id: String(row.id),
    name: row.name,
    description: row.description,
    state: row.state,
    http_method: row.http_method,
    url: row.url,
    headers: JSON.parse(row.headers) as Array<{ name: string; value: string }>,
    body: row.body,
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}

export async function dataConnectorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/data_connectors",
    { schema: { querystring: Paging, response: { 200: DataConnectorList } }, config: { scopes: READ } },
    async (request) => {
      const page = paging(request.query);
      const { rows, total } = await listDataConnectors(app.services, request.principal.workspaceId, page);
      return {
        type: "list" as const,
        data: rows.map(present),
        pages: pageLinks(request, page, total),
        total_count: total,
      };
    },
  );

  app.get(
    "/data_connectors/:data_connector_id",
    { schema: { params: ConnectorId, response: { 200: DataConnector } }, config: { scopes: READ } },
    async (request) =>
      present(
        await findDataConnector(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.data_connector_id),
        ),
      ),
  );

  app.post(
    "/data_connectors",
    {
      schema: {
        body: Type.Object({ name: Type.String(), url: Type.String(), ...Fields }),
        response: { 200: DataConnector },
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      present(await createDataConnector(app.services, request.principal.workspaceId, request.body)),
  );

  app.put(
    "/data_connectors/:data_connector_id",
    {
      schema: {
        params: ConnectorId,
        body: Type.Object({
          name: Type.Optional(Type.String()),
          url: Type.Optional(Type.String()),
          ...Fields,
        }),
        response: { 200: DataConnector },
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      present(
        await updateDataConnector(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.data_connector_id),
          request.body,
        ),
      ),
  );

  app.delete(
    "/data_connectors/:data_connector_id",
    { schema: { params: ConnectorId, response: { 200: Deleted } }, config: { scopes: WRITE } },
    async (request) => {
      const row = await deleteDataConnector(
        app.services,
        request.principal.workspaceId,
        recordId(request.params.data_connector_id),
      );
      return { id: String(row.id), object: "data_connector" as const, deleted: true };
    },
  );
}
