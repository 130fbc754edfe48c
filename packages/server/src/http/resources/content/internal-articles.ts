import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  createInternalArticle,
  deleteInternalArticle,
  findInternalArticle,
  pageInternalArticles,
  updateInternalArticle,
} from "../../../resources/content/internal-articles.ts";
import { answers } from "../../../wire/common.ts";
import {
  InternalArticle,
  InternalArticleDeleted,
  InternalArticleList,
  InternalArticleSearchResults,
  internalArticleDeletedJson,
  internalArticleJson,
} from "../../../wire/internal-article.ts";
import {
  InternalArticleParams as ArticleId,
  InternalArticleBody,
  InternalArticleSearchQuery,
} from "../../../wire/internal-article-input.ts";
import { forCaller } from "../../api/for-caller.ts";
import { numberedList, Paging, pageLinks, paging } from "../../api/page-links.ts";
import { READ_ARTICLES, WRITE_ARTICLES } from "./article-scopes.ts";

/** `/internal_articles`: the workspace's articles for its teammates. */
export async function internalArticleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/internal_articles",
    {
      schema: { querystring: Paging, response: answers(InternalArticleList) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const page = paging({ per_page: 25, ...request.query });
      const found = await forCaller(request, pageInternalArticles, {}, page);
      return numberedList(request, page, found, internalArticleJson);
    },
  );

  app.get(
    "/internal_articles/search",
    {
      schema: { querystring: InternalArticleSearchQuery, response: answers(InternalArticleSearchResults) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const { folder_id, phrase, page: number, per_page } = request.query;
      const page = paging({
        per_page: 10,
        ...(number !== undefined && { page: number }),
        ...(per_page !== undefined && { per_page }),
      });
      const { rows, total } = await forCaller(
        request,
        pageInternalArticles,
        { ...(folder_id !== undefined && { folder_id }), ...(phrase !== undefined && { phrase }) },
        page,
      );
      return {
        type: "list" as const,
        total_count: total,
        data: { internal_articles: rows.map(internalArticleJson) },
        pages: pageLinks(request, page, total),
      };
    },
  );

  app.get(
    "/internal_articles/:internal_article_id",
    {
      schema: { params: ArticleId, querystring: Type.Object({}), response: answers(InternalArticle) },
      config: { scopes: READ_ARTICLES },
    },
    async (request) => {
      const id = pathId(request.params.internal_article_id);
      return internalArticleJson(await forCaller(request, findInternalArticle, id));
    },
  );

  app.post(
    "/internal_articles",
    {
      schema: { body: InternalArticleBody, response: answers(InternalArticle) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => internalArticleJson(await forCaller(request, createInternalArticle, request.body)),
  );

  app.put(
    "/internal_articles/:internal_article_id",
    {
      schema: { params: ArticleId, body: InternalArticleBody, response: answers(InternalArticle) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const id = pathId(request.params.internal_article_id);
      return internalArticleJson(await forCaller(request, updateInternalArticle, id, request.body));
    },
  );

  app.delete(
    "/internal_articles/:internal_article_id",
    {
      schema: { params: ArticleId, response: answers(InternalArticleDeleted) },
      config: { scopes: WRITE_ARTICLES },
    },
    async (request) => {
      const id = pathId(request.params.internal_article_id);
      await forCaller(request, deleteInternalArticle, id);
      return internalArticleDeletedJson(id);
    },
  );
}
