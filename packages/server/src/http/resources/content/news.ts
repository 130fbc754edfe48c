import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { seconds } from "../../../resources/content/fields.ts";
import {
  createNewsItem,
  deleteNewsItem,
  findNewsfeed,
  findNewsItem,
  listLiveNewsfeedItems,
  listNewsfeeds,
  listNewsItems,
  type NewsItemView,
  updateNewsItem,
} from "../../../resources/content/news.ts";
import { toBool } from "../../../storage/schema.ts";
import type { NewsfeedRow } from "../../../storage/tables/content.ts";
import { Paging, pageLinks, paging } from "../../api/page-links.ts";

/** "Read and Write news items and newsfeeds" reads as well as writes, as its name says. */
const READ = ["read_news", "write_news"];
const WRITE = ["write_news"];

const NewsItemId = Type.Object({ news_item_id: Type.String({ maxLength: 50 }) });
const NewsfeedId = Type.Object({ newsfeed_id: Type.String({ maxLength: 50 }) });
const Id = Type.Union([Type.Integer(), Type.String({ maxLength: 50 })]);
const NewsItemBody = Type.Object({
  title: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  body: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  sender_id: Type.Optional(Type.Union([Id, Type.Null()])),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  deliver_silently: Type.Optional(Type.Boolean()),
  labels: Type.Optional(Type.Union([Type.Array(Type.Unknown(), { maxItems: 1000 }), Type.Null()])),
  reactions: Type.Optional(Type.Union([Type.Array(Type.Unknown(), { maxItems: 1000 }), Type.Null()])),
  newsfeed_assignments: Type.Optional(
    Type.Union([Type.Array(Type.Unknown(), { maxItems: 1000 }), Type.Null()]),
  ),
  cover_image_url: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
});

/** Intercom's `news_item`. */
export function newsItemJson(item: NewsItemView, workspaceIdCode: string) {
  return {
    id: String(item.id),
    type: "news-item" as const,
    workspace_id: workspaceIdCode,
    title: item.title,
    body: item.body,
    sender_id: item.sender_id,
    state: item.state,
    labels: JSON.parse(item.labels) as string[],
    cover_image_url: item.cover_image_url,
    reactions: JSON.parse(item.reactions) as Array<string | null>,
    deliver_silently: toBool(item.deliver_silently),
    created_at: seconds(item.created_at),
    updated_at: seconds(item.updated_at),
    // A draft's newsfeeds carry no publish date until it goes live.
    newsfeed_assignments: item.assignments.map((a) => ({
      newsfeed_id: a.newsfeed_id,
      ...(a.published_at !== null && { published_at: seconds(a.published_at) }),
    })),
  };
}

/** Intercom's `newsfeed`. */
export function newsfeedJson(row: NewsfeedRow) {
  return {
    id: String(row.id),
    type: "newsfeed" as const,
    name: row.name,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
  };
}

/** `/news`: news items, and the newsfeeds they are published on. */
export async function newsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/news/news_items",
    { schema: { querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 10, ...request.query });
      const { rows, total } = await listNewsItems(s, workspaceId, page);
      return {
        type: "list" as const,
        pages: pageLinks(request, page, total),
        data: rows.map((row) => newsItemJson(row, workspace.idCode)),
        total_count: total,
      };
    },
  );

  app.post(
    "/news/news_items",
    { schema: { body: NewsItemBody }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return newsItemJson(await createNewsItem(s, workspaceId, request.body), workspace.idCode);
    },
  );

  app.get(
    "/news/news_items/:news_item_id",
    { schema: { params: NewsItemId }, config: { scopes: READ } },
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
    { schema: { params: NewsItemId, body: NewsItemBody }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const item = await updateNewsItem(s, workspaceId, pathId(request.params.news_item_id), request.body);
      return newsItemJson(item, workspace.idCode);
    },
  );

  app.delete(
    "/news/news_items/:news_item_id",
    { schema: { params: NewsItemId }, config: { scopes: WRITE } },
    async (request) => {
      const id = pathId(request.params.news_item_id);
      await deleteNewsItem(s, request.principal.workspaceId, id);
      return { id: String(id), object: "news-item" as const, deleted: true };
    },
  );

  app.get(
    "/news/newsfeeds",
    { schema: { querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const page = paging({ per_page: 10, ...request.query });
      const { rows, total } = await listNewsfeeds(s, request.principal.workspaceId, page);
      return {
        type: "list" as const,
        pages: pageLinks(request, page, total),
        data: rows.map(newsfeedJson),
        total_count: total,
      };
    },
  );

  app.get(
    "/news/newsfeeds/:newsfeed_id",
    { schema: { params: NewsfeedId }, config: { scopes: READ } },
    async (request) =>
      newsfeedJson(await findNewsfeed(s, request.principal.workspaceId, pathId(request.params.newsfeed_id))),
  );

  app.get(
    "/news/newsfeeds/:newsfeed_id/items",
    { schema: { params: NewsfeedId, querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 20, ...request.query });
      const { rows, total } = await listLiveNewsfeedItems(
        s,
        workspaceId,
        pathId(request.params.newsfeed_id),
        page,
      );
      return {
        type: "list" as const,
        pages: pageLinks(request, page, total),
        data: rows.map((row) => newsItemJson(row, workspace.idCode)),
        total_count: total,
      };
    },
  );
}
