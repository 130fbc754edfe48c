import type { ColumnType, Generated, Selectable } from "kysely";
import type { Counter, Flag, Json, Millis } from "./columns.ts";

/** Help centers, collections, articles, news, internal articles, AI content sources and pages, data connectors, and content exports. */
export interface ContentTables {
  help_centers: HelpCentersTable;
  help_center_collections: HelpCenterCollectionsTable;
  articles: ArticlesTable;
  newsfeeds: NewsfeedsTable;
  news_items: NewsItemsTable;
  newsfeed_assignments: NewsfeedAssignmentsTable;
  internal_articles: InternalArticlesTable;
  content_import_sources: ContentImportSourcesTable;
  external_pages: ExternalPagesTable;
  data_connectors: DataConnectorsTable;
  content_exports: ContentExportsTable;
}

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

/** Articles for the workspace's teammates only: one locale, an owner beside the author, no help center. */
export interface InternalArticlesTable {
  id: Generated<number>;
  workspace_id: number;
  title: string;
  body: string;
  author_id: number;
  owner_id: number;
  locale: string;
  created_at: Millis;
  updated_at: Millis;
}

export type InternalArticleRow = Selectable<InternalArticlesTable>;

export type SyncBehavior = "api" | "automatic" | "manual";

export interface ContentImportSourcesTable {
  id: Generated<number>;
  workspace_id: number;
  url: string;
  sync_behavior: SyncBehavior;
  status: "active" | "deactivated";
  last_synced_at: Millis;
  created_at: Millis;
  updated_at: Millis;
}

export type ContentImportSourceRow = Selectable<ContentImportSourcesTable>;

export interface ExternalPagesTable {
  id: Generated<number>;
  workspace_id: number;
  source_id: number;
  external_id: string;
  title: string;
  html: string;
  url: string | null;
  ai_agent_availability: Flag;
  ai_copilot_availability: Flag;
  locale: string;
  created_at: Millis;
  updated_at: Millis;
  last_ingested_at: Millis;
}

export type ExternalPageRow = Selectable<ExternalPagesTable>;

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** An HTTP action a workspace's workflows and AI agent may call (Intercom's "data connector"). */
export interface DataConnectorsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: string | null;
  state: "draft" | "live";
  http_method: HttpMethod;
  url: string;
  /** JSON array of `{name, value}`. */
  headers: Json;
  body: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export type DataConnectorRow = Selectable<DataConnectorsTable>;

/** Intercom's export job states; `pending` and `in_progress` are the active ones, the rest are final. */
export type ExportStatus = "pending" | "in_progress" | "completed" | "no_data" | "failed" | "canceled";

/**
 * A content data export job: a row with a state machine that every serving instance's runner works.
 * `run_after` is when a pending job is due, or, while it is in progress, when its runner's lease ends
 * (a job whose lease ran out was left by a crashed or stopped instance, and is taken up again).
 */
export interface ContentExportsTable {
  id: Generated<number>;
  /** Intercom's public `job_identifier`. */
  job_identifier: string;
  workspace_id: number;
  status: ColumnType<ExportStatus, ExportStatus | undefined, ExportStatus>;
  /** The requested range, Unix seconds, both ends included. */
  created_at_after: number;
  created_at_before: number;
  run_after: Millis;
  attempts: Counter;
  row_count: number | null;
  /** The exported CSV, gzipped by the runner that made it; cleared once the download has expired. */
  file: Uint8Array | null;
  error: string | null;
  created_at: Millis;
  updated_at: Millis;
  finished_at: Millis | null;
  download_expires_at: Millis | null;
}

export type ContentExportRow = Selectable<ContentExportsTable>;
