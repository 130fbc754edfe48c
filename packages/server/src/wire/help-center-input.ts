import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { IdInput } from "./content-input.ts";

/**
 * What the help center routes take. Names and descriptions are typed here; the rule trims them, takes a
 * blank name as missing, and checks locales, parents and help centers against the workspace.
 */

export const CollectionParams = Type.Object({ collection_id: Type.String({ maxLength: 50 }) });
export const HelpCenterParams = Type.Object({ help_center_id: Type.String({ maxLength: 50 }) });

/** One locale's content of a collection; `null` removes the locale. */
const GroupContentInput = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 50 })),
  name: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  description: Type.Optional(Nullable(Type.String())),
});

/**
 * `group_translated_content`: content by locale, beside an optional `type` (clients echo it back). Which
 * locales a help center has is the rule's to say.
 */
export const GroupTranslatedContentInput = Type.Record(
  Type.String({ pattern: "^(?!type$)" }),
  Nullable(GroupContentInput),
  { maxProperties: 60 },
);
export type GroupTranslatedContentInput = Static<typeof GroupTranslatedContentInput>;

const Fields = {
  name: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  description: Type.Optional(Nullable(Type.String())),
  translated_content: Type.Optional(Nullable(GroupTranslatedContentInput)),
  parent_id: Type.Optional(Nullable(IdInput)),
};

export const CollectionChanges = Type.Object(Fields);
export type CollectionChanges = Static<typeof CollectionChanges>;

/** A new collection: its name, here or in the default locale's content, is the rule's to require. */
export const CollectionBody = Type.Object({ ...Fields, help_center_id: Type.Optional(Nullable(IdInput)) });
export type CollectionBody = Static<typeof CollectionBody>;
