import { sql } from "kysely";
import { errors } from "../../core/errors.ts";
import type { Services, Trx } from "../../core/services.ts";
import { isMember } from "../../platform/identity/admins.ts";
import { LOCALES as LOCALE_CODES } from "../../wire/content-input.ts";
import { idOf } from "../kit/input.ts";
import { escapeLike } from "../kit/search-query.ts";

/**
 * What articles, collections and news items check their fields with: ids given as numbers or digit
 * strings, long texts, teammates, and the locales a help center can be translated into.
 */

export { DEFAULT_LOCALE, seconds, slug } from "../../wire/help-center.ts";

/** The locales of Intercom's `article_translated_content` and `group_translated_content`. */
export const LOCALES: readonly string[] = LOCALE_CODES;

/**
 * The locales a `translated_content` (an article's or a collection's) gives, each with its content and
 * the field name errors use: its `type` is passed over, a locale the help center cannot have is refused,
 * and a locale given as null is taken out of `translations` (so it is not yielded).
 */
export function* translatedEntries<C>(
  value: Record<string, C | null>,
  translations: Record<string, unknown>,
): Generator<{ locale: string; content: C; field: string }> {
  for (const [locale, content] of Object.entries(value)) {
    if (locale === "type") continue;
    const field = `translated_content.${locale}`;
    if (!LOCALES.includes(locale))
      throw errors.parameterInvalid(`${locale} is not a supported locale`, field);
    if (content === null) delete translations[locale];
    else yield { locale, content, field };
  }
}

/**
 * A text that may span lines (a description, an HTML body): any string of bounded length, except that
 * it may not hold NUL, which PostgreSQL's text cannot store.
 */
export function longText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== "string") throw errors.parameterInvalid(`${field} must be a string`, field);
  if (value.length > maxLength)
    throw errors.parameterInvalid(`${field} must be at most ${maxLength} characters`, field);
  if (value.includes("\u0000")) throw errors.parameterInvalid(`${field} contains a NUL character`, field);
  return value;
}

/** A teammate of the workspace, named by id: who writes an article or sends a news item. */
export async function teammate(db: Services["db"] | Trx, workspaceId: number, value: unknown, field: string) {
  const id = idOf(value, field);
  if (id === 0 || !(await isMember(db, workspaceId, id)))
    throw errors.parameterInvalid(`${field} must be the id of a teammate of this workspace`, field);
  return id;
}

/**
 * Whether any of the columns holds the phrase, ignoring case: what article searches match on. `%` and
 * `_` in a phrase are the characters themselves, not patterns.
 */
export function mentions(columns: readonly string[], phrase: string) {
  const pattern = `%${escapeLike(phrase.toLowerCase())}%`;
  const tests = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}
