import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  createArticle,
  deleteArticle,
  findArticle,
  listArticles,
  searchArticles,
  updateArticle,
} from "../../../resources/content/articles.ts";
import { helpCenterDirectory } from "../../../resources/content/help-centers.ts";
import {
  Article,
  ArticleDeleted,
  ArticleList,
  ArticleSearchResults,
  articleDeletedJson,
  articleJson,
  articleListItemJson,
} from "../../../wire/article.ts";
import { highlight } from "../../../wire/article-highlights.ts";
import { ArticleBody, ArticleParams as ArticleId, ArticleSearchQuery } from "../../../wire/article-input.ts";
import { answers } from "../../../wire/common.ts";
import { forCaller } from "../../api/for-caller.ts";
import { numberedList, Paging, pageLinks, paging } from "../../api/page-links.ts";
import { READ_ARTICLES, WRITE_ARTICLES } from "./article-scopes.ts";

/** `/articles`: Intercom's help center articles, per workspace. */
export async function articleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/articles",
    { schema: { querystring: Paging, response: answers(ArticleList) }, config: { scopes: READ_ARTICLES } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const page = paging({ per_page: 25, ...request.query });
      const found = await listArticles(s, workspaceId, page);
      const centers = await helpCenterDirectory(s.db, workspaceId);
      return numberedList(request, page, found, (row) => articleListItemJson(row, workspace.idCode, centers));
    },
  );

  app.get(
    "/articles/search",
    {
      schema: { querystring: ArticleSearchQuery, response: answers(ArticleSearchResults) },
      config: { scopes: READ_ARTICLES },
    },
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
    {
      schema: { params: ArticleId, querystring: Type.Object({}), response: answers(Article) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await findArticle(s, workspaceId, pathId(request.params.article_id));
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.post(
    "/articles",
    { schema: { body: ArticleBody, response: answers(Article) }, config: { scopes: WRITE_ARTICLES } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await createArticle(s, workspaceId, request.body);
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.put(
    "/articles/:article_id",
    {
      schema: { params: ArticleId, body: ArticleBody, response: answers(Article) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const article = await updateArticle(s, workspaceId, pathId(request.params.article_id), request.body);
      return articleJson(article, workspace.idCode, await helpCenterDirectory(s.db, workspaceId));
    },
  );

  app.delete(
    "/articles/:article_id",
    { schema: { params: ArticleId, response: answers(ArticleDeleted) }, config: { scopes: WRITE_ARTICLES } },
    async (request) => {
      const id = pathId(request.params.article_id);
      await forCaller(request, deleteArticle, id);
      return articleDeletedJson(id);
    },
  );
}
