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
import { answers } from "../../../wire/common.ts";
import {
  Collection,
  CollectionDeleted,
  CollectionList,
  collectionDeletedJson,
  collectionJson,
  HelpCenter,
  HelpCenterList,
  helpCenterJson,
} from "../../../wire/help-center.ts";
import {
  CollectionBody,
  CollectionChanges,
  CollectionParams as CollectionId,
  HelpCenterParams as HelpCenterId,
} from "../../../wire/help-center-input.ts";
import { forCaller } from "../../api/for-caller.ts";
import { numberedList, Paging, paging } from "../../api/page-links.ts";
import { READ_ARTICLES, WRITE_ARTICLES } from "./article-scopes.ts";

const none = Type.Object({});

/** `/help_center`: the workspace's help centers, and the collections and sections articles live in. */
export async function helpCenterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/help_center/collections",
    { schema: { querystring: Paging, response: answers(CollectionList) }, config: { scopes: READ_ARTICLES } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 20, ...request.query });
      const found = await listCollections(s, workspaceId, page);
      const centers = await helpCenterDirectory(s.db, workspaceId);
      return numberedList(request, page, found, (row) => collectionJson(row, workspace.idCode, centers));
    },
  );

  app.post(
    "/help_center/collections",
    {
      schema: {
        body: CollectionBody,
        response: answers(Collection),
      },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await createCollection(s, workspaceId, request.body);
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.get(
    "/help_center/collections/:collection_id",
    {
      schema: { params: CollectionId, querystring: none, response: answers(Collection) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await findCollection(s, workspaceId, pathId(request.params.collection_id));
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.put(
    "/help_center/collections/:collection_id",
    {
      schema: { params: CollectionId, body: CollectionChanges, response: answers(Collection) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await updateCollection(s, workspaceId, pathId(request.params.collection_id), request.body);
      return collectionJson(row, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.delete(
    "/help_center/collections/:collection_id",
    {
      schema: { params: CollectionId, response: answers(CollectionDeleted) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const id = pathId(request.params.collection_id);
      await forCaller(request, deleteCollection, id);
      return collectionDeletedJson(id);
    },
  );

  app.get(
    "/help_center/help_centers",
    { schema: { querystring: Paging, response: answers(HelpCenterList) }, config: { scopes: READ_ARTICLES } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const rows = await listHelpCenters(s, workspaceId, paging(request.query));
      return { type: "list" as const, data: rows.map((row) => helpCenterJson(row, workspace.idCode)) };
    },
  );

  app.get(
    "/help_center/help_centers/:help_center_id",
    {
      schema: { params: HelpCenterId, querystring: none, response: answers(HelpCenter) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const row = await findHelpCenter(s.db, workspaceId, pathId(request.params.help_center_id));
      return helpCenterJson(row, workspace.idCode);
    },
  );
}
