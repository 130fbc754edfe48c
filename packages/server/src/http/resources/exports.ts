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
import { publicOrigin } from "../plugins/public-origin.ts";

/** Intercom's 2.14 data export serves both export scopes: "content" is the newer name of "message". */
const SCOPES = ["export_content_data", "export_message_data"];

const DataExport = Type.Object({
  job_identifier: Type.String(),
  status: Type.String(),
  download_url: Type.String(),
  download_expires_at: Type.String(),
});
const JobIdentifier = Type.Object({ job_identifier: Type.String({ minLength: 1, maxLength: 100 }) });

/** Intercom's `data_export`: the download fields are empty strings until the file is ready. */
function present(row: ContentExportRow, request: FastifyRequest) {
  const ready = row.status === "completed" && row.download_expires_at !== null;
  return {
    job_identifier: row.job_identifier,
    status: row.status,
    download_url: ready ? `${publicOrigin(request)}/download/content/data/${row.job_identifier}` : "",
    download_expires_at: ready ? String(Math.floor(Number(row.download_expires_at) / 1000)) : "",
  };
}

/** `/export/content/data`, `/export/cancel`, `/download/content/data`: the content data export jobs. */
export async function contentExportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/export/content/data",
    {
      schema: {
        body: Type.Object({ created_at_after: Type.Integer(), created_at_before: Type.Integer() }),
        response: { 200: DataExport },
      },
      config: { scopes: SCOPES },
    },
    async (request) =>
      present(await createContentExport(app.services, request.principal.workspaceId, request.body), request),
  );

  app.get(
    "/export/content/data/:job_identifier",
    { schema: { params: JobIdentifier, response: { 200: DataExport } }, config: { scopes: SCOPES } },
    async (request) =>
      present(
        await findContentExport(app.services, request.principal.workspaceId, request.params.job_identifier),
        request,
      ),
  );

  app.post(
    "/export/cancel/:job_identifier",
    { schema: { params: JobIdentifier, response: { 200: DataExport } }, config: { scopes: SCOPES } },
    async (request) =>
      present(
        await cancelContentExport(app.services, request.principal.workspaceId, request.params.job_identifier),
        request,
      ),
  );

  app.get(
    "/download/content/data/:job_identifier",
    { schema: { params: JobIdentifier }, config: { scopes: SCOPES } },
    async (request, reply) => {
      const identifier = request.params.job_identifier;
      // The file was gzipped when the export was made, as Intercom's is (not a transfer encoding a
      // client would undo): the bytes are sent as stored, with no compression on the request.
      const file = await contentExportFile(app.services, request.principal.workspaceId, identifier);
      return reply
        .type("application/octet-stream")
        .header("content-disposition", `attachment; filename="${identifier}.csv.gz"`)
        .send(file);
    },
  );
}
