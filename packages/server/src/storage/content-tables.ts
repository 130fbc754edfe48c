import type { ColumnType, Generated, Selectable } from "kysely";

/** The tables of migration 0009 (help centers, articles, news), merged into `schema.ts`'s `Database`. */
export interface ContentTables {
  help_centers: HelpCentersTable;
  help_center_collections: HelpCenterCollectionsTable;
  articles: ArticlesTable;
  newsfeeds: NewsfeedsTable;
  news_items: NewsItemsTable;
  newsfeed_assignments: NewsfeedAssignmentsTable;
}

type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
type Millis = number;
/** A JSON document kept as text. */
type Json = ColumnType<string, string | undefined, string>;

export type ArticleState = "published" | "draft";
export type NewsItemState = "live" | "draft";

/** A workspace's help centers; every workspace has one from the start (Intercom sets them up in-app). */
export interface HelpCentersTable {
  id: Generated<number>;
  workspace_id: number;
  /** What the public URL uses: `https://intercom.help/<identifier>`. Unique across workspaces. */
  identifier: string;
  display_name: string;
  website_turned_on: Flag;
  custom_domain: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export type HelpCenterRow = Selectable<HelpCentersTable>;

/** Collections, and (with a parent) the sections inside them. */
export interface HelpCenterCollectionsTable {
  id: Generated<number>;
  workspace_id: number;
  help_center_id: number;
  parent_id: number | null;
  name: string;
  description: string | null;
  icon: string;
  /** Intercom's `order`: the place among its siblings. */
  position: number;
  /** `{ locale: { name, description } }` for the locales other than the default one. */
  translations: Json;
  created_at: Millis;
  updated_at: Millis;
}

export type CollectionRow = Selectable<HelpCenterCollectionsTable>;

/** A translation of an article: the fields of `article_content`, times in milliseconds. */
export interface ArticleTranslation {
  title: string;
  description: string;
  body: string;
  author_id: number;
  state: ArticleState;
  created_at: Millis;
  updated_at: Millis;
}

/** Articles; the columns hold the default locale's content, other locales live in `translations`. */
export interface ArticlesTable {
  id: Generated<number>;
  workspace_id: number;
  title: string;
  description: string;
  body: string;
  author_id: number;
  state: ArticleState;
  /** A collection or section; null for an article that stands alone (or whose collection went). */
  parent_id: number | null;
  /** `{ locale: ArticleTranslation }`. */
  translations: Json;
  created_at: Millis;
  updated_at: Millis;
}

export type ArticleRow = Selectable<ArticlesTable>;

/** Newsfeeds: Intercom sets them up in-app; the API only reads them. */
export interface NewsfeedsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  created_at: Millis;
  updated_at: Millis;
}

export type NewsfeedRow = Selectable<NewsfeedsTable>;

export interface NewsItemsTable {
  id: Generated<number>;
  workspace_id: number;
  title: string;
  body: string;
  sender_id: number;
  state: NewsItemState;
  /** JSON array of label names. */
  labels: Json;
  /** JSON array of emoji (or nulls), in order. */
  reactions: Json;
  cover_image_url: string | null;
  deliver_silently: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type NewsItemRow = Selectable<NewsItemsTable>;

/** Which newsfeeds a news item is on; `published_at` is set while the item is live. */
export interface NewsfeedAssignmentsTable {
  news_item_id: number;
  newsfeed_id: number;
  published_at: Millis | null;
}

export type NewsfeedAssignmentRow = Selectable<NewsfeedAssignmentsTable>;
