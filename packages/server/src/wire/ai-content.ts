import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { ContentImportSourceRow, ExternalPageRow } from "../storage/tables/content.ts";
import { NumberedList, Timestamp } from "./common.ts";

/** Fin's content library as 2.14 shows it: `content_import_source` and `external_page`, and their lists. */

const seconds = (ms: number) => Math.floor(Number(ms) / 1000);

export const ContentImportSource = Type.Object({
  id: Type.Integer(),
  type: Type.Literal("content_import_source"),
  last_synced_at: Timestamp,
  status: Type.Union([Type.Literal("active"), Type.Literal("deactivated")]),
  url: Type.String(),
  sync_behavior: Type.Union([Type.Literal("api"), Type.Literal("automatic"), Type.Literal("manual")]),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ContentImportSource = Static<typeof ContentImportSource>;

export const ExternalPage = Type.Object({
  id: Type.String(),
  type: Type.Literal("external_page"),
  title: Type.String(),
  html: Type.String(),
  // 2.14's url is an optional string: a page without one has none, not null.
  url: Type.Optional(Type.String()),
  ai_agent_availability: Type.Boolean(),
  ai_copilot_availability: Type.Boolean(),
  /** The deprecated name of the AI agent's availability. */
  fin_availability: Type.Boolean(),
  locale: Type.String(),
  source_id: Type.Integer(),
  external_id: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  last_ingested_at: Timestamp,
});
export type ExternalPage = Static<typeof ExternalPage>;

export const ContentImportSourceList = NumberedList(ContentImportSource);
export const ExternalPageList = NumberedList(ExternalPage);

export function contentImportSourceJson(row: ContentImportSourceRow): ContentImportSource {
  return {
    id: row.id,
    type: "content_import_source",
    last_synced_at: seconds(row.last_synced_at),
    status: row.status,
    url: row.url,
    sync_behavior: row.sync_behavior,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
  };
}

export function externalPageJson(row: ExternalPageRow): ExternalPage {
  const agent = toBool(row.ai_agent_availability);
  return {
    id: String(row.id),
    type: "external_page",
    title: row.title,
    html: row.html,
    ...(row.url !== null && { url: row.url }),
    ai_agent_availability: agent,
    ai_copilot_availability: toBool(row.ai_copilot_availability),
    fin_availability: agent,
    locale: row.locale,
    source_id: row.source_id,
    external_id: row.external_id,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
    last_ingested_at: seconds(row.last_ingested_at),
  };
}
