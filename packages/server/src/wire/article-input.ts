import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { IdInput } from "./content-input.ts";

/**
 * What `/articles` takes (2.14 `create_article_request`, `update_article_request`, the search query).
 * Texts are typed here; the rule trims titles (a blank one is missing), keeps NUL out of bodies, checks
 * locales, authors and parents against the workspace, and requires what a new article lacks in
 * Intercom's words.
 */

export const ArticleParams = Type.Object({ article_id: Type.String({ maxLength: 50 }) });

const State = Type.Union([Type.Literal("published"), Type.Literal("draft")]);

export const ArticleSearchQuery = Type.Object({
  phrase: Type.Optional(Type.String({ maxLength: 1000 })), // the search compiler's MAX_SEARCH_VALUE
  state: Type.Optional(Type.Union([State, Type.Literal("all")])),
  help_center_id: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  highlight: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});
export type ArticleSearchQuery = Static<typeof ArticleSearchQuery>;

/** One locale's `article_content`; `null` removes the locale. */
const ArticleContentInput = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 50 })),
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  description: Type.Optional(Nullable(Type.String())),
  body: Type.Optional(Nullable(Type.String())),
  author_id: Type.Optional(IdInput),
  state: Type.Optional(State),
});

/** `article_translated_content`: content by locale, beside an optional `type` (clients echo it back). */
export const ArticleTranslatedContentInput = Type.Record(
  Type.String({ pattern: "^(?!type$)" }),
  Nullable(ArticleContentInput),
  { maxProperties: 60 },
);
export type ArticleTranslatedContentInput = Static<typeof ArticleTranslatedContentInput>;

/** Create and change alike. */
export const ArticleBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  description: Type.Optional(Nullable(Type.String())),
  body: Type.Optional(Nullable(Type.String())),
  author_id: Type.Optional(IdInput),
  state: Type.Optional(State),
  parent_id: Type.Optional(Nullable(IdInput)),
  // collection or section: checked by the rule after the parent it names (Intercom's order).
  parent_type: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  translated_content: Type.Optional(Nullable(ArticleTranslatedContentInput)),
});
export type ArticleBody = Static<typeof ArticleBody>;
