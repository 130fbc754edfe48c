/** Intercom's article as lists show it. `translated_content` is there for multilingual articles. */
export interface ArticleListItem {
  type: "article";
  id: string;
  workspace_id: string;
  title: string;
  description: string | null;
  body: string | null;
  author_id: number;
  state: "published" | "draft";
  created_at: number;
  updated_at: number;
  /** Only a published article has an address. */
  url: string | null;
  parent_id: number | null;
  parent_type: "collection" | "section" | null;
  parent_ids: number[];
  tags: { type: "tag.list"; tags: unknown[] };
  default_locale?: string;
  translated_content?: { type: "article_translated_content"; [locale: string]: unknown };
}

/** One article on its own: with its statistics. */
export interface Article extends ArticleListItem {
  statistics: { type: "article_statistics"; views: number; reactions: number; [figure: string]: unknown };
}

/** `POST /articles` (title and author_id required) and `PUT /articles/{id}`. */
export interface ArticleInput {
  title?: string;
  description?: string | null;
  body?: string | null;
  author_id?: number;
  state?: "published" | "draft";
  parent_id?: number | string | null;
  parent_type?: "collection" | "section" | null;
  translated_content?: Record<string, unknown>;
}
