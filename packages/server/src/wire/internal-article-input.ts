import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { IdInput, Locale } from "./content-input.ts";

/**
 * What `/internal_articles` takes. The title is trimmed by the rule (a blank one is missing), which
 * also holds authors and owners to the workspace's teammates and requires an author in Intercom's words.
 */

export const InternalArticleParams = Type.Object({ internal_article_id: Type.String({ maxLength: 50 }) });

export const InternalArticleSearchQuery = Type.Object({
  folder_id: Type.Optional(Type.String({ maxLength: 50 })),
  // Not in Intercom's reference, which searches by folder alone: the phrase of `/articles/search`.
  phrase: Type.Optional(Type.String({ maxLength: 1000 })), // the search compiler's MAX_SEARCH_VALUE
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

/**
 * Create and change alike: what a new article lacks (title, author, owner) the rule requires, in
 * Intercom's order and words.
 */
export const InternalArticleBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  body: Type.Optional(Nullable(Type.String())),
  author_id: Type.Optional(IdInput),
  owner_id: Type.Optional(IdInput),
  locale: Type.Optional(Locale),
});
export type InternalArticleBody = Static<typeof InternalArticleBody>;
