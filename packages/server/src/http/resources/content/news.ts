import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  createNewsItem,
  deleteNewsItem,
  findNewsfeed,
  findNewsItem,
  listLiveNewsfeedItems,
  listNewsfeeds,
  listNewsItems,
  updateNewsItem,
} from "../../../resources/content/news.ts";
import { answers } from "../../../wire/common.ts";
import {
  Newsfeed,
  NewsfeedList,
  NewsItem,
  NewsItemDeleted,
  NewsItemList,
  newsfeedJson,
  newsItemDeletedJson,
  newsItemJson,
} from "../../../wire/news-item.ts";
import {
  NewsfeedParams as NewsfeedId,
  NewsItemBody,
  NewsItemParams as NewsItemId,
} from "../../../wire/news-item-input.ts";
import { forCaller } from "../../api/for-caller.ts";
import { numberedList, Paging, paging } from "../../api/page-links.ts";

/** "Read and Write news items and newsfeeds" reads as well as writes, as its name says. */
const READ = ["read_news", "write_news"];
const WRITE = ["write_news"];

const none = Type.Object({});

/** `/news`: news items, and the newsfeeds they are published on. */
export async function newsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/news/news_items",
    { schema: { querystring: Paging, response: answers(NewsItemList) }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 10, ...request.query });
      const found = await listNewsItems(s, workspaceId, page);
      return numberedList(request, page, found, (row) => newsItemJson(row, workspace.idCode));
    },
  );

  app.post(
    "/news/news_items",
    { schema: { body: NewsItemBody, response: answers(NewsItem) }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return newsItemJson(await createNewsItem(s, workspaceId, request.body), workspace.idCode);
    },
  );

  app.get(
    "/news/news_items/:news_item_id",
    {
      schema: { params: NewsItemId, querystring: none, response: answers(NewsItem) },
      config: { scopes: READ },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return newsItemJson(
        await findNewsItem(s, workspaceId, pathId(request.params.news_item_id)),
        workspace.idCode,
      );
    },
  );

  app.put(
    "/news/news_items/:news_item_id",
    {
      schema: { params: NewsItemId, body: NewsItemBody, response: answers(NewsItem) },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const item = await updateNewsItem(s, workspaceId, pathId(request.params.news_item_id), request.body);
      return newsItemJson(item, workspace.idCode);
    },
  );

  app.delete(
    "/news/news_items/:news_item_id",
    {
      schema: { params: NewsItemId, response: answers(NewsItemDeleted) },
      config: { scopes: WRITE },
    },
    async (request) => {
      const id = pathId(request.params.news_item_id);
      await forCaller(request, deleteNewsItem, id);
      return newsItemDeletedJson(id);
    },
  );

  app.get(
    "/news/newsfeeds",
    { schema: { querystring: Paging, response: answers(NewsfeedList) }, config: { scopes: READ } },
    async (request) => {
      const page = paging({ per_page: 10, ...request.query });
      const found = await forCaller(request, listNewsfeeds, page);
      return numberedList(request, page, found, newsfeedJson);
    },
  );

  app.get(
    "/news/newsfeeds/:newsfeed_id",
    {
      schema: { params: NewsfeedId, querystring: none, response: answers(Newsfeed) },
      config: { scopes: READ },
    },
    async (request) =>
      newsfeedJson(await forCaller(request, findNewsfeed, pathId(request.params.newsfeed_id))),
  );

  app.get(
    "/news/newsfeeds/:newsfeed_id/items",
    {
      schema: { params: NewsfeedId, querystring: Paging, response: answers(NewsItemList) },
      config: { scopes: READ },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 20, ...request.query });
      const found = await listLiveNewsfeedItems(s, workspaceId, pathId(request.params.newsfeed_id), page);
      return numberedList(request, page, found, (row) => newsItemJson(row, workspace.idCode));
    },
  );
}
