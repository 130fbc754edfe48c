import { type Static, Type } from "typebox";
import type { InternalArticleRow } from "../storage/tables/content.ts";
import { Nullable, NumberedList, NumberedPages, Timestamp } from "./common.ts";

/** Intercom's `internal_article` (2.14), its list, its search answer and its deleted answer. */

export const InternalArticle = Type.Object({
  type: Type.Literal("internal_article"),
  id: Type.String(),
  title: Type.String(),
  body: Nullable(Type.String()),
  owner_id: Type.Integer(),
  author_id: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
  locale: Type.String(),
});
export type InternalArticle = Static<typeof InternalArticle>;

export const InternalArticleList = NumberedList(InternalArticle);

/** `internal_article_search_response`: the articles sit under `data.internal_articles`. */
export const InternalArticleSearchResults = Type.Object({
  type: Type.Literal("list"),
  total_count: Type.Integer(),
  data: Type.Object({ internal_articles: Type.Array(InternalArticle) }),
  pages: NumberedPages,
});

/** `deleted_internal_article_object`. */
export const InternalArticleDeleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("internal_article"),
  deleted: Type.Literal(true),
});

export function internalArticleJson(row: InternalArticleRow): InternalArticle {
  return {
    type: "internal_article",
    id: String(row.id),
    title: row.title,
    body: row.body,
    owner_id: row.owner_id,
    author_id: row.author_id,
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
    locale: row.locale,
  };
}

export function internalArticleDeletedJson(id: number): Static<typeof InternalArticleDeleted> {
  return { id: String(id), object: "internal_article", deleted: true };
}
