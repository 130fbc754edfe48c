import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { CollectionRow, HelpCenterRow } from "../storage/tables/content.ts";
import { Nullable, NumberedList, Timestamp } from "./common.ts";

/**
 * Intercom's `help_center` and `collection` (2.14), and the pieces every help center object shares:
 * the default locale, the words of a title in its URL, the help center's public address.
 */

/** The help center's default locale: the one the main fields of an article or collection hold. */
export const DEFAULT_LOCALE = "en";

/** Stored milliseconds as the API's Unix seconds. */
export const seconds = (ms: number) => Math.floor(Number(ms) / 1000);

/** The words of a title as a URL fragment, as Intercom's help center URLs carry them. */
export function slug(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words.slice(0, 80).replace(/-+$/, "");
}

/** The public address of a help center (Intercom's own domain unless a custom one is set). */
export function helpCenterUrl(center: HelpCenterRow): string {
  return center.custom_domain
    ? `https://${center.custom_domain}`
    : `https://intercom.help/${center.identifier}`;
}

/** The workspace's help centers by id, and the first one: where collections go unless told otherwise. */
export interface HelpCenterDirectory {
  byId: Map<number, HelpCenterRow>;
  first: HelpCenterRow | undefined;
}

export const HelpCenter = Type.Object({
  id: Type.String(),
  workspace_id: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  identifier: Type.String(),
  website_turned_on: Type.Boolean(),
  display_name: Type.String(),
  url: Type.String(),
  custom_domain: Nullable(Type.String()),
});
export type HelpCenter = Static<typeof HelpCenter>;

/** 2.14's `help_center_list`: the help centers, unpaged. */
export const HelpCenterList = Type.Object({ type: Type.Literal("list"), data: Type.Array(HelpCenter) });

export function helpCenterJson(row: HelpCenterRow, workspaceIdCode: string): HelpCenter {
  return {
    id: String(row.id),
    workspace_id: workspaceIdCode,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
    identifier: row.identifier,
    website_turned_on: toBool(row.website_turned_on),
    display_name: row.display_name,
    url: helpCenterUrl(row),
    custom_domain: row.custom_domain,
  };
}

const GroupContent = Type.Object({
  type: Type.Literal("group_content"),
  name: Type.String(),
  description: Type.String(),
});

/** `group_translated_content`: its `type`, then one `group_content` per locale the collection has. */
const GroupTranslatedContent = Type.Object(
  { type: Type.Literal("group_translated_content") },
  { additionalProperties: GroupContent },
);

export const Collection = Type.Object({
  id: Type.String(),
  workspace_id: Type.String(),
  name: Type.String(),
  url: Nullable(Type.String()),
  order: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
  description: Nullable(Type.String()),
  icon: Nullable(Type.String()),
  parent_id: Nullable(Type.String()),
  help_center_id: Nullable(Type.Integer()),
  // Only a multilingual collection names its default locale and gives every locale's content.
  default_locale: Type.Optional(Type.String()),
  translated_content: Type.Optional(GroupTranslatedContent),
});
export type Collection = Static<typeof Collection>;

export const CollectionList = NumberedList(Collection);

/** 2.14's `deleted_collection_object`. */
export const CollectionDeleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("collection"),
  deleted: Type.Literal(true),
});

export function collectionDeletedJson(id: number): Static<typeof CollectionDeleted> {
  return { id: String(id), object: "collection", deleted: true };
}

/** `{ locale: { name, description } }` of the locales other than the default one. */
export type GroupTranslations = Record<string, { name: string; description: string }>;

export function collectionTranslations(row: CollectionRow): GroupTranslations {
  return JSON.parse(row.translations) as GroupTranslations;
}

export function collectionJson(
  row: CollectionRow,
  workspaceIdCode: string,
  centers: HelpCenterDirectory,
): Collection {
  const center = centers.byId.get(row.help_center_id);
  const translations = collectionTranslations(row);
  const locales = Object.keys(translations);
  const words = slug(row.name);
  return {
    id: String(row.id),
    workspace_id: workspaceIdCode,
    name: row.name,
    url: center
      ? `${helpCenterUrl(center)}/${DEFAULT_LOCALE}/collections/${row.id}${words ? `-${words}` : ""}`
      : null,
    order: row.position,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
    description: row.description,
    icon: row.icon,
    parent_id: row.parent_id === null ? null : String(row.parent_id),
    help_center_id: row.help_center_id,
    ...(locales.length > 0 && {
      default_locale: DEFAULT_LOCALE,
      // Each locale beside `type`: the schema names them as its additional properties.
      translated_content: Object.assign(
        { type: "group_translated_content" as const },
        {
          [DEFAULT_LOCALE]: {
            type: "group_content" as const,
            name: row.name,
            description: row.description ?? "",
          },
        },
        Object.fromEntries(
          locales.map((locale) => [locale, { type: "group_content" as const, ...translations[locale] }]),
        ),
      ),
    }),
  };
}
