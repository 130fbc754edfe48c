import { type Static, Type } from "typebox";

/** What every help center and news input shares. */

/** An id in a body, as a number or its digits (Intercom's clients send either). */
export const IdInput = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: "^[0-9]{1,15}$" })]);

/** The locales of Intercom's `article_translated_content` and `group_translated_content`. */
export const LOCALES = [
  "ar",
  "bg",
  "bs",
  "ca",
  "cs",
  "da",
  "de",
  "el",
  "en",
  "es",
  "et",
  "fi",
  "fr",
  "he",
  "hr",
  "hu",
  "id",
  "it",
  "ja",
  "ko",
  "lt",
  "lv",
  "mn",
  "nb",
  "nl",
  "pl",
  "pt",
  "ro",
  "ru",
  "sl",
  "sr",
  "sv",
  "tr",
  "vi",
  "pt-BR",
  "zh-CN",
  "zh-TW",
] as const;

/** A locale, by its code. */
export const Locale = Type.Enum(LOCALES);
export type Locale = Static<typeof Locale>;
