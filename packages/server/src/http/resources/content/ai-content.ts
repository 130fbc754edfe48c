import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../../core/validation.ts";
import {
  createContentImportSource,
  deleteContentImportSource,
  deleteExternalPage,
  findContentImportSource,
  findExternalPage,
  listContentImportSources,
  listExternalPages,
  updateContentImportSource,
  updateExternalPage,
  upsertExternalPage,
} from "../../../resources/content/ai-content.ts";
import {
  ContentImportSource,
  ContentImportSourceList,
  contentImportSourceJson,
  ExternalPage,
  ExternalPageList,
  externalPageJson,
} from "../../../wire/ai-content.ts";
import {
  NewPageBody,
  NewSourceBody,
  PageBody,
  PageParams as PageId,
  SourceBody,
  SourceParams as SourceId,
} from "../../../wire/ai-content-input.ts";
import { answers, errorResponses } from "../../../wire/common.ts";
import { forCaller, updatesRecord } from "../../api/for-caller.ts";
import { numberedList, Paging, paging } from "../../api/page-links.ts";

/** "Read and write AI content" covers reading the library as well as writing it. */
const SCOPES = ["write_ai_content"];

const presentSource = contentImportSourceJson;
const presentPage = externalPageJson;
const none = Type.Object({});

/** `/ai/content_import_sources` and `/ai/external_pages`: Fin's content library, per workspace. */
export async function aiContentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = { scopes: SCOPES };

  app.get(
    "/ai/content_import_sources",
    { schema: { querystring: Paging, response: answers(ContentImportSourceList) }, config },
    async (request) => {
      const page = paging(request.query);
      const found = await forCaller(request, listContentImportSources, page);
      return numberedList(request, page, found, presentSource);
    },
  );

  app.post(
    "/ai/content_import_sources",
    { schema: { body: NewSourceBody, response: answers(ContentImportSource) }, config },
    async (request) => presentSource(await forCaller(request, createContentImportSource, request.body)),
  );

  app.get(
    "/ai/content_import_sources/:source_id",
    {
      schema: { params: SourceId, querystring: none, response: answers(ContentImportSource) },
      config,
    },
    async (request) =>
      presentSource(await forCaller(request, findContentImportSource, recordId(request.params.source_id))),
  );

  app.put(
    "/ai/content_import_sources/:source_id",
    {
      schema: { params: SourceId, body: SourceBody, response: answers(ContentImportSource) },
      config,
    },
    updatesRecord("source_id", updateContentImportSource, presentSource, recordId),
  );

  app.delete(
    "/ai/content_import_sources/:source_id",
    {
      schema: {
        params: SourceId,
        response: { 204: Type.Null({ description: "Deleted: no content" }), ...errorResponses },
      },
      config,
    },
    async (request, reply) => {
      await forCaller(request, deleteContentImportSource, recordId(request.params.source_id));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/ai/external_pages",
    { schema: { querystring: Paging, response: answers(ExternalPageList) }, config },
    async (request) => {
      const page = paging(request.query);
      const found = await forCaller(request, listExternalPages, page);
      return numberedList(request, page, found, presentPage);
    },
  );

  app.post(
    "/ai/external_pages",
    {
      schema: {
        body: NewPageBody,
        response: answers(ExternalPage),
      },
      config,
    },
    async (request) => presentPage(await forCaller(request, upsertExternalPage, request.body)),
  );

  app.get(
    "/ai/external_pages/:page_id",
    {
      schema: { params: PageId, querystring: none, response: answers(ExternalPage) },
      config,
    },
    async (request) =>
      presentPage(await forCaller(request, findExternalPage, recordId(request.params.page_id))),
  );

  app.put(
    "/ai/external_pages/:page_id",
    {
      schema: {
        params: PageId,
        body: PageBody,
        response: answers(ExternalPage),
      },
      config,
    },
    updatesRecord("page_id", updateExternalPage, presentPage, recordId),
  );

  app.delete(
    "/ai/external_pages/:page_id",
    { schema: { params: PageId, response: answers(ExternalPage) }, config },
    async (request) =>
      presentPage(await forCaller(request, deleteExternalPage, recordId(request.params.page_id))),
  );
}
