import { type ArticleView, articleTranslations } from "../../../resources/content/articles.ts";
import type { ArticleState, HelpCenterRow } from "../../../storage/tables/content.ts";
import {
  DEFAULT_LOCALE,
  type HelpCenterDirectory,
  helpCenterUrl,
  seconds,
  slug,
} from "../../../wire/help-center.ts";

/** Intercom's `article`, `collection` and `help_center` objects. */

/**
 * Gatehouse counts no views or reactions: an article's statistics are Intercom's for a new article.
 * Intercom's recorded answers name the conversations started from an article `conversations`; 2.14's
 * schema, and the SDKs typed from it, `conversions`. Both are sent, so a client reads it either way.
 */
const STATISTICS = {
  type: "article_statistics" as const,
  views: 0,
  conversations: 0,
  conversions: 0,
  reactions: 0,
  happy_reaction_percentage: 0,
  neutral_reaction_percentage: 0,
  sad_reaction_percentage: 0,
};

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

/** What lists and searches give: the article without its statistics. */
export function articleListItemJson(
  article: ArticleView,
  workspaceIdCode: string,
  centers: HelpCenterDirectory,
) {
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
    type: "article" as const,
    workspace_id: workspaceIdCode,
    parent_id: article.parent_id,
    parent_type:
      article.parent_id === null ? null : article.parent_parent_id === null ? "collection" : "section",
    parent_ids: article.parent_id === null ? [] : [article.parent_id],
    tags: { type: "tag.list" as const, tags: [] },
    ...main,
    // Intercom names the default locale, and gives every locale's content, for multilingual articles.
    ...(locales.length > 0 && {
      default_locale: DEFAULT_LOCALE,
      translated_content: {
        type: "article_translated_content" as const,
        [DEFAULT_LOCALE]: { type: "article_content" as const, ...main },
        ...Object.fromEntries(
          locales.map((locale) => {
            const t = translations[locale] as (typeof translations)[string];
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
      },
    }),
  };
}

/** One article on its own: with its statistics. */
export function articleJson(article: ArticleView, workspaceIdCode: string, centers: HelpCenterDirectory) {
  const { id, type, workspace_id, parent_id, parent_type, parent_ids, ...rest } = articleListItemJson(
    article,
    workspaceIdCode,
    centers,
  );
  return { id, type, workspace_id, parent_id, parent_type, parent_ids, statistics: STATISTICS, ...rest };
}
