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
import { answers } from "../../../wire/common.ts";
import {
  DataConnector,
  DataConnectorDeleted,
  DataConnectorList,
  dataConnectorDeletedJson,
  dataConnectorJson,
} from "../../../wire/data-connector.ts";
import {
  DataConnectorParams as ConnectorId,
  DataConnectorBody,
  DataConnectorChanges,
} from "../../../wire/data-connector-input.ts";
import { forCaller, updatesRecord } from "../../api/for-caller.ts";
import { numberedList, Paging, paging } from "../../api/page-links.ts";

/**
 * `/data_connectors`: Intercom's 2.14 description has no data connector paths, so this is Gatehouse's
 * own small resource in Intercom's style. Reading takes either data connector scope; writing takes
 * "Read and write data connectors".
 */
const READ = ["read_data_connectors", "write_data_connectors"];
const WRITE = ["write_data_connectors"];

const present = dataConnectorJson;

export async function dataConnectorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/data_connectors",
    { schema: { querystring: Paging, response: answers(DataConnectorList) }, config: { scopes: READ } },
    async (request) => {
      const page = paging(request.query);
      const found = await forCaller(request, listDataConnectors, page);
      return numberedList(request, page, found, present);
    },
  );

  app.get(
    "/data_connectors/:data_connector_id",
    {
      schema: { params: ConnectorId, querystring: Type.Object({}), response: answers(DataConnector) },
      config: { scopes: READ },
    },
    async (request) =>
      present(await forCaller(request, findDataConnector, recordId(request.params.data_connector_id))),
  );

  app.post(
    "/data_connectors",
    {
      schema: {
        body: DataConnectorBody,
        response: answers(DataConnector),
      },
      config: { scopes: WRITE },
    },
    async (request) => present(await forCaller(request, createDataConnector, request.body)),
  );

  app.put(
    "/data_connectors/:data_connector_id",
    {
      schema: {
        params: ConnectorId,
        body: DataConnectorChanges,
        response: answers(DataConnector),
      },
      config: { scopes: WRITE },
    },
    updatesRecord("data_connector_id", updateDataConnector, present, recordId),
  );

  app.delete(
    "/data_connectors/:data_connector_id",
    { schema: { params: ConnectorId, response: answers(DataConnectorDeleted) }, config: { scopes: WRITE } },
    async (request) => {
      const row = await forCaller(request, deleteDataConnector, recordId(request.params.data_connector_id));
      return dataConnectorDeletedJson(row);
    },
  );
}
