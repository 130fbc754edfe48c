import type { InternalArticleRow } from "../storage/tables/content.ts";

/** Intercom's `internal_article`. */
export function internalArticleJson(row: InternalArticleRow) {
  return {
    type: "internal_article" as const,
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
