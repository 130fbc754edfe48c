import { type Static, Type } from "typebox";
import type {
  ArticleRow,
  ArticleState,
  ArticleTranslation,
  HelpCenterRow,
} from "../storage/tables/content.ts";
import { ArticleHighlights } from "./article-highlights.ts";
import { Nullable, NumberedList, NumberedPages, Timestamp } from "./common.ts";
import { DEFAULT_LOCALE, type HelpCenterDirectory, helpCenterUrl, seconds, slug } from "./help-center.ts";

/** Intercom's `article` and `article_list_item` (2.14), their list, search answer and deleted answer. */

const State = Type.Union([Type.Literal("published"), Type.Literal("draft")]);

/**
 * What an article holds in each locale: the article's own fields (its default locale's), and each
 * `article_content`'s. One schema that both spread, so the client's types name it once too.
 */
export const ArticleLocaleFields = Type.Object({
  title: Type.String(),
  description: Type.String(),
  body: Type.String(),
  author_id: Type.Integer(),
  state: State,
  created_at: Timestamp,
  updated_at: Timestamp,
  url: Nullable(Type.String()),
});

/** `article_content`: one locale's content. */
export const ArticleContent = Type.Object({
  type: Type.Literal("article_content"),
  ...ArticleLocaleFields.properties,
});

/** `article_translated_content`: its `type`, then one `article_content` per locale the article has. */
const ArticleTranslatedContent = Type.Object(
  { type: Type.Literal("article_translated_content") },
  { additionalProperties: ArticleContent },
);

/**
 * Gatehouse counts no views or reactions: an article's statistics are Intercom's for a new article.
 * Intercom's recorded answers name the conversations started from an article `conversations`; 2.14's
 * schema, and the SDKs typed from it, `conversions`. Both are sent, so a client reads it either way.
 */
const ArticleStatistics = Type.Object({
  type: Type.Literal("article_statistics"),
  views: Type.Integer(),
  conversations: Type.Integer(),
  conversions: Type.Integer(),
  reactions: Type.Integer(),
  happy_reaction_percentage: Type.Number(),
  neutral_reaction_percentage: Type.Number(),
  sad_reaction_percentage: Type.Number(),
});
const STATISTICS: Static<typeof ArticleStatistics> = {
  type: "article_statistics",
  views: 0,
  conversations: 0,
  conversions: 0,
  reactions: 0,
  happy_reaction_percentage: 0,
  neutral_reaction_percentage: 0,
  sad_reaction_percentage: 0,
};

const Head = {
  id: Type.String(),
  type: Type.Literal("article"),
  workspace_id: Type.String(),
  parent_id: Nullable(Type.Integer()),
  parent_type: Nullable(Type.Union([Type.Literal("collection"), Type.Literal("section")])),
  parent_ids: Type.Array(Type.Integer()),
};
const Rest = {
  // Gatehouse tags no articles.
  tags: Type.Object({ type: Type.Literal("tag.list"), tags: Type.Array(Type.Unknown(), { maxItems: 0 }) }),
  // The default locale's content.
  ...ArticleLocaleFields.properties,
  // Intercom names the default locale, and gives every locale's content, for multilingual articles.
  default_locale: Type.Optional(Type.String()),
  translated_content: Type.Optional(ArticleTranslatedContent),
};

/** What lists and searches give: the article without its statistics. */
export const ArticleListItem = Type.Object({ ...Head, ...Rest });
export type ArticleListItem = Static<typeof ArticleListItem>;

/** One article on its own: with its statistics. */
export const Article = Type.Object({ ...Head, statistics: ArticleStatistics, ...Rest });
export type Article = Static<typeof Article>;

export const ArticleList = NumberedList(ArticleListItem);

/** `article_search_response`: the articles, and their highlights when asked for. */
export const ArticleSearchResults = Type.Object({
  type: Type.Literal("list"),
  total_count: Type.Integer(),
  data: Type.Object({
    articles: Type.Array(ArticleListItem),
    highlights: Type.Array(ArticleHighlights),
  }),
  pages: NumberedPages,
});

/** `deleted_article_object`. */
export const ArticleDeleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("article"),
  deleted: Type.Literal(true),
});

export type ArticleTranslations = Record<string, ArticleTranslation>;

/** An article with what its presentation needs of its parent: whether it is a section, and its help center. */
export interface ArticleRecord extends ArticleRow {
  parent_parent_id: number | null;
  parent_help_center_id: number | null;
}

export function articleTranslations(row: ArticleRow): ArticleTranslations {
  return JSON.parse(row.translations) as ArticleTranslations;
}

/** Where an article lives on its help center; only a published article has an address. */
function articleUrl(
  center: HelpCenterRow | undefined,
  locale: string,
  id: number,
  content: { title: string; state: ArticleState },
): string | null {
  if (!center || content.state !== "published") return null;
  const words = slug(content.title);
  return `${helpCenterUrl(center)}/${locale.toLowerCase()}/articles/${id}${words ? `-${words}` : ""}`;
}

export function articleListItemJson(
  article: ArticleRecord,
  workspaceIdCode: string,
  centers: HelpCenterDirectory,
): ArticleListItem {
  const center =
    article.parent_help_center_id === null ? centers.first : centers.byId.get(article.parent_help_center_id);
  const translations = articleTranslations(article);
  const locales = Object.keys(translations);
  const main = {
    title: article.title,
    description: article.description,
    body: article.body,
    author_id: article.author_id,
    state: article.state,
    created_at: seconds(article.created_at),
    updated_at: seconds(article.updated_at),
    url: articleUrl(center, DEFAULT_LOCALE, article.id, article),
  };
  return {
    id: String(article.id),
    type: "article",
    workspace_id: workspaceIdCode,
    parent_id: article.parent_id,
    parent_type:
      article.parent_id === null ? null : article.parent_parent_id === null ? "collection" : "section",
    parent_ids: article.parent_id === null ? [] : [article.parent_id],
    tags: { type: "tag.list", tags: [] },
    ...main,
    ...(locales.length > 0 && {
      default_locale: DEFAULT_LOCALE,
      // Each locale beside `type`: the schema names them as its additional properties.
      translated_content: Object.assign(
        { type: "article_translated_content" as const },
        { [DEFAULT_LOCALE]: { type: "article_content" as const, ...main } },
        Object.fromEntries(
          locales.map((locale) => {
            const t = translations[locale] as ArticleTranslation;
            return [
              locale,
              {
                type: "article_content" as const,
                title: t.title,
                description: t.description,
                body: t.body,
                author_id: t.author_id,
                state: t.state,
                created_at: seconds(t.created_at),
                updated_at: seconds(t.updated_at),
                url: articleUrl(center, locale, article.id, t),
              },
            ];
          }),
        ),
      ),
    }),
  };
}

export function articleJson(
  article: ArticleRecord,
  workspaceIdCode: string,
  centers: HelpCenterDirectory,
): Article {
  return { ...articleListItemJson(article, workspaceIdCode, centers), statistics: STATISTICS };
}

export function articleDeletedJson(id: number): Static<typeof ArticleDeleted> {
  return { id: String(id), object: "article", deleted: true };
}
