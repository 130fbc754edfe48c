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
import { toBool } from "../../../storage/schema.ts";
import type { ContentImportSourceRow, ExternalPageRow } from "../../../storage/tables/content.ts";
import { Pages, Paging, pageLinks, paging } from "../../api/page-links.ts";

/** "Read and write AI content" covers reading the library as well as writing it. */
const SCOPES = ["write_ai_content"];

const seconds = (ms: number) => Math.floor(Number(ms) / 1000);

const Source = Type.Object({
  id: Type.Integer(),
  type: Type.Literal("content_import_source"),
  last_synced_at: Type.Integer(),
  status: Type.String(),
  url: Type.String(),
  sync_behavior: Type.String(),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
});
const ExternalPage = Type.Object({
  id: Type.String(),
  type: Type.Literal("external_page"),
  title: Type.String(),
  html: Type.String(),
  url: Type.Optional(Type.String()),
  ai_agent_availability: Type.Boolean(),
  ai_copilot_availability: Type.Boolean(),
  fin_availability: Type.Boolean(),
  locale: Type.String(),
  source_id: Type.Integer(),
  external_id: Type.String(),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  last_ingested_at: Type.Integer(),
});
const listOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    type: Type.Literal("list"),
    data: Type.Array(item),
    pages: Pages,
    total_count: Type.Integer(),
  });
const SourceId = Type.Object({ source_id: Type.String({ maxLength: 50 }) });
const PageId = Type.Object({ page_id: Type.String({ maxLength: 50 }) });
const SourceBody = Type.Object({
  sync_behavior: Type.String({ maxLength: 50 }),
  status: Type.Optional(Type.String({ maxLength: 50 })),
  url: Type.String(),
});
const PageFields = {
  title: Type.String(),
  html: Type.String(),
  locale: Type.String({ maxLength: 20 }),
  source_id: Type.Integer(),
  ai_agent_availability: Type.Optional(Type.Boolean()),
  ai_copilot_availability: Type.Optional(Type.Boolean()),
};

function presentSource(row: ContentImportSourceRow) {
  return {
    id: row.id,
    type: "content_import_source" as const,
    last_synced_at: seconds(row.last_synced_at),
    status: row.status,
    url: row.url,
    sync_behavior: row.sync_behavior,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
  };
}

function presentPage(row: ExternalPageRow) {
  const agent = toBool(row.ai_agent_availability);
  return {
    id: String(row.id),
    type: "external_page" as const,
    title: row.title,
    html: row.html,
    // 2.14's url is an optional string: a page without one has none, not null.
    ...(row.url !== null && { url: row.url }),
    ai_agent_availability: agent,
    ai_copilot_availability: toBool(row.ai_copilot_availability),
    // The deprecated name of the AI agent's availability.
    fin_availability: agent,
    locale: row.locale,
    source_id: row.source_id,
    external_id: row.external_id,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
    last_ingested_at: seconds(row.last_ingested_at),
  };
}

/** `/ai/content_import_sources` and `/ai/external_pages`: Fin's content library, per workspace. */
export async function aiContentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = { scopes: SCOPES };

  app.get(
    "/ai/content_import_sources",
    { schema: { querystring: Paging, response: { 200: listOf(Source) } }, config },
    async (request) => {
      const page = paging(request.query);
      const { rows, total } = await listContentImportSources(
        app.services,
        request.principal.workspaceId,
        page,
      );
      return {
        type: "list" as const,
        data: rows.map(presentSource),
        pages: pageLinks(request, page, total),
        total_count: total,
      };
    },
  );

  app.post(
    "/ai/content_import_sources",
    { schema: { body: SourceBody, response: { 200: Source } }, config },
    async (request) =>
      presentSource(
        await createContentImportSource(app.services, request.principal.workspaceId, request.body),
      ),
  );

  app.get(
    "/ai/content_import_sources/:source_id",
    { schema: { params: SourceId, response: { 200: Source } }, config },
    async (request) =>
      presentSource(
        await findContentImportSource(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.source_id),
        ),
      ),
  );

  app.put(
    "/ai/content_import_sources/:source_id",
    { schema: { params: SourceId, body: SourceBody, response: { 200: Source } }, config },
    async (request) =>
      presentSource(
        await updateContentImportSource(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.source_id),
          request.body,
        ),
      ),
  );

  app.delete(
    "/ai/content_import_sources/:source_id",
    { schema: { params: SourceId }, config },
    async (request, reply) => {
      await deleteContentImportSource(
        app.services,
        request.principal.workspaceId,
        recordId(request.params.source_id),
      );
      return reply.code(204).send();
    },
  );

  app.get(
    "/ai/external_pages",
    { schema: { querystring: Paging, response: { 200: listOf(ExternalPage) } }, config },
    async (request) => {
      const page = paging(request.query);
      const { rows, total } = await listExternalPages(app.services, request.principal.workspaceId, page);
      return {
        type: "list" as const,
        data: rows.map(presentPage),
        pages: pageLinks(request, page, total),
        total_count: total,
      };
    },
  );

  app.post(
    "/ai/external_pages",
    {
      schema: {
        body: Type.Object({
          ...PageFields,
          url: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          external_id: Type.String(),
        }),
        response: { 200: ExternalPage },
      },
      config,
    },
    async (request) =>
      presentPage(await upsertExternalPage(app.services, request.principal.workspaceId, request.body)),
  );

  app.get(
    "/ai/external_pages/:page_id",
    { schema: { params: PageId, response: { 200: ExternalPage } }, config },
    async (request) =>
      presentPage(
        await findExternalPage(app.services, request.principal.workspaceId, recordId(request.params.page_id)),
      ),
  );

  app.put(
    "/ai/external_pages/:page_id",
    {
      schema: {
        params: PageId,
        body: Type.Object({
          ...PageFields,
          url: Type.String(),
          external_id: Type.Optional(Type.String()),
          fin_availability: Type.Optional(Type.Boolean()),
        }),
        response: { 200: ExternalPage },
      },
      config,
    },
    async (request) =>
      presentPage(
        await updateExternalPage(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.page_id),
          request.body,
        ),
      ),
  );

  app.delete(
    "/ai/external_pages/:page_id",
    { schema: { params: PageId, response: { 200: ExternalPage } }, config },
    async (request) =>
      presentPage(
        await deleteExternalPage(
          app.services,
          request.principal.workspaceId,
          recordId(request.params.page_id),
        ),
      ),
  );
}
