import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import {
  cancelContentExport,
  contentExportFile,
  createContentExport,
  findContentExport,
} from "../../resources/exports.ts";
import type { ContentExportRow } from "../../storage/tables/content.ts";
import { errorResponses } from "../../wire/common.ts";
import { DataExport, DataExportFile, dataExportJson } from "../../wire/data-export.ts";
import { DataExportBody, JobParams as JobIdentifier } from "../../wire/data-export-input.ts";
import { forCaller } from "../api/for-caller.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** Intercom's 2.14 data export serves both export scopes: "content" is the newer name of "message". */
const SCOPES = ["export_content_data", "export_message_data"];

const present = (row: ContentExportRow, request: FastifyRequest) =>
  dataExportJson(row, publicOrigin(request));
const Answer = { 200: DataExport, ...errorResponses };

/** `/export/content/data`, `/export/cancel`, `/download/content/data`: the content data export jobs. */
export async function contentExportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/export/content/data",
    {
      schema: {
        body: DataExportBody,
        response: Answer,
      },
      config: { scopes: SCOPES },
    },
    async (request) => present(await forCaller(request, createContentExport, request.body), request),
  );

  app.get(
    "/export/content/data/:job_identifier",
    {
      schema: { params: JobIdentifier, querystring: Type.Object({}), response: Answer },
      config: { scopes: SCOPES },
    },
    async (request) =>
      present(await forCaller(request, findContentExport, request.params.job_identifier), request),
  );

  app.post(
    "/export/cancel/:job_identifier",
    { schema: { params: JobIdentifier, response: Answer }, config: { scopes: SCOPES, takesNoBody: true } },
    async (request) =>
      present(await forCaller(request, cancelContentExport, request.params.job_identifier), request),
  );

  app.get(
    "/download/content/data/:job_identifier",
    {
      schema: {
        params: JobIdentifier,
        querystring: Type.Object({}),
        response: { 200: DataExportFile, ...errorResponses },
      },
      config: { scopes: SCOPES },
    },
    async (request, reply) => {
      const identifier = request.params.job_identifier;
      // The file was gzipped when the export was made, as Intercom's is (not a transfer encoding a
      // client would undo): the bytes are sent as stored, with no compression on the request.
      const file = await forCaller(request, contentExportFile, identifier);
      return reply
        .type("application/octet-stream")
        .header("content-disposition", `attachment; filename="${identifier}.csv.gz"`)
        .send(file);
    },
  );
}
