import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  createCollection,
  deleteCollection,
  findCollection,
  findHelpCenter,
  helpCenterDirectory,
  listCollections,
  listHelpCenters,
  updateCollection,
} from "../../../resources/content/help-centers.ts";
import { Paging, pageLinks, paging } from "../../api/page-links.ts";
import { collectionJson, helpCenterJson } from "./article-json.ts";

/** The help center belongs to the articles scopes: reading takes either, writing "Read and Write Articles". */
const READ = ["read_articles", "write_articles"];
const WRITE = ["write_articles"];

const CollectionId = Type.Object({ collection_id: Type.String({ maxLength: 50 }) });
const HelpCenterId = Type.Object({ help_center_id: Type.String({ maxLength: 50 }) });
const Id = Type.Union([Type.Integer(), Type.String({ maxLength: 50 })]);
const Fields = {
  name: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  translated_content: Type.Optional(Type.Unknown()),
  parent_id: Type.Optional(Type.Union([Id, Type.Null()])),
};

/** `/help_center`: the workspace's help centers, and the collections and sections articles live in. */
export async function helpCenterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/help_center/collections",
    { schema: { querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 20, ...request.query });
      const { rows, total } = await listCollections(s, workspaceId, page);
      const centers = await helpCenterDirectory(s.db, workspaceId);
      return {
        type: "list" as const,
        data: rows.map((row) => collectionJson(row, workspace.idCode, centers)),
        total_count: total,
        pages: pageLinks(request, page, total),
      };
    },
  );

  app.post(
    "/help_center/collections",
    {
      schema: {
        body: Type.Object({ ...Fields, help_center_id: Type.Optional(Type.Union([Id, Type.Null()])) }),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await createCollection(s, workspaceId, request.body);
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.get(
    "/help_center/collections/:collection_id",
    { schema: { params: CollectionId }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await findCollection(s, workspaceId, pathId(request.params.collection_id));
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.put(
    "/help_center/collections/:collection_id",
    { schema: { params: CollectionId, body: Type.Object(Fields) }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await updateCollection(s, workspaceId, pathId(request.params.collection_id), request.body);
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.delete(
    "/help_center/collections/:collection_id",
    { schema: { params: CollectionId }, config: { scopes: WRITE } },
    async (request) => {
      const id = pathId(request.params.collection_id);
      await deleteCollection(s, request.principal.workspaceId, id);
      return { id: String(id), object: "collection" as const, deleted: true };
    },
  );

  app.get(
    "/help_center/help_centers",
    { schema: { querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const rows = await listHelpCenters(s, workspaceId, paging(request.query));
      return { type: "list" as const, data: rows.map((row) => helpCenterJson(row, workspace.idCode)) };
    },
  );

  app.get(
    "/help_center/help_centers/:help_center_id",
    { schema: { params: HelpCenterId }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await findHelpCenter(s.db, workspaceId, pathId(request.params.help_center_id));
      return helpCenterJson(row, workspace.idCode);
    },
  );
}
