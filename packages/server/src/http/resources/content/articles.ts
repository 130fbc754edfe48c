import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { highlight } from "../../../resources/content/article-highlights.ts";
import {
  createArticle,
  deleteArticle,
  findArticle,
  listArticles,
  searchArticles,
  updateArticle,
} from "../../../resources/content/articles.ts";
import { helpCenterDirectory } from "../../../resources/content/help-centers.ts";
import { MAX_SEARCH_VALUE } from "../../../resources/kit/search-query.ts";
import { Paging, pageLinks, paging } from "../../api/page-links.ts";
import { articleJson, articleListItemJson } from "./article-json.ts";

/** "Read and Write Articles" reads as well as writes, as its name says. */
const READ = ["read_articles", "write_articles"];
const WRITE = ["write_articles"];

const ArticleId = Type.Object({ article_id: Type.String({ maxLength: 50 }) });
const Id = Type.Union([Type.Integer(), Type.String({ maxLength: 50 })]);
const Fields = {
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  body: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  author_id: Type.Optional(Id),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  parent_id: Type.Optional(Type.Union([Id, Type.Null()])),
  parent_type: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  translated_content: Type.Optional(Type.Unknown()),
};
const Search = Type.Object({
  phrase: Type.Optional(Type.String({ maxLength: MAX_SEARCH_VALUE })),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  help_center_id: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  highlight: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

/** `/articles`: Intercom's help center articles, per workspace. */
export async function articleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get("/articles", { schema: { querystring: Paging }, config: { scopes: READ } }, async (request) => {
    const { workspaceId, workspace } = request.principal;
    const page = paging({ per_page: 25, ...request.query });
    const { rows, total } = await listArticles(s, workspaceId, page);
    const centers = await helpCenterDirectory(s.db, workspaceId);
    return {
      type: "list" as const,
      pages: pageLinks(request, page, total),
      total_count: total,
      data: rows.map((row) => articleListItemJson(row, workspace.idCode, centers)),
    };
  });

  app.get(
    "/articles/search",
    { schema: { querystring: Search }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const { phrase, state, help_center_id, page: number, per_page } = request.query;
      const page = paging({
        per_page: 10,
        ...(number !== undefined && { page: number }),
        ...(per_page && { per_page }),
      });
      const { rows, total } = await searchArticles(
        s,
        workspaceId,
        {
          ...(phrase !== undefined && { phrase }),
          ...(state !== undefined && { state }),
          ...(help_center_id !== undefined && { help_center_id }),
        },
        page,
      );
      const centers = await helpCenterDirectory(s.db, workspaceId);
      return {
        type: "list" as const,
        total_count: total,
        data: {
          articles: rows.map((row) => articleListItemJson(row, workspace.idCode, centers)),
          highlights:
            request.query.highlight === true && phrase !== undefined
              ? rows.map((row) => highlight(row, phrase))
              : [],
        },
        pages: pageLinks(request, page, total),
      };
    },
  );

  app.get(
    "/articles/:article_id",
    { schema: { params: ArticleId }, config: { scopes: READ } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await findArticle(s, workspaceId, pathId(request.params.article_id));
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.post(
    "/articles",
    { schema: { body: Type.Object(Fields) }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await createArticle(s, workspaceId, request.body);
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.put(
    "/articles/:article_id",
    { schema: { params: ArticleId, body: Type.Object(Fields) }, config: { scopes: WRITE } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await updateArticle(s, workspaceId, pathId(request.params.article_id), request.body);
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.delete(
    "/articles/:article_id",
    { schema: { params: ArticleId }, config: { scopes: WRITE } },
    async (request) => {
      const id = pathId(request.params.article_id);
      await deleteArticle(s, request.principal.workspaceId, id);
      return { id: String(id), object: "article" as const, deleted: true };
    },
  );
}
