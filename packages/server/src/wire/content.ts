import { type Static, Type } from "typebox";
import { NumberedList, Timestamp } from "./common.ts";

/**
 * `GET /content`'s list (Gatehouse's own, for "Read content data": 2.14 has no such endpoint): each
 * article or news item described by kind, title, state and times, without its body.
 */

export const ContentType = Type.Union([Type.Literal("article"), Type.Literal("news_item")]);
export type ContentType = Static<typeof ContentType>;

export const ContentEntry = Type.Object({
  type: Type.Literal("content"),
  content_type: ContentType,
  id: Type.String(),
  title: Type.String(),
  state: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ContentEntry = Static<typeof ContentEntry>;

export const ContentList = NumberedList(ContentEntry);

export const ContentQuery = Type.Object({
  content_type: Type.Optional(ContentType),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

/** A row as the library loads it: stored milliseconds. */
export interface ContentRecord {
  content_type: ContentType;
  id: number;
  title: string;
  state: string;
  created_at: number;
  updated_at: number;
}

export function contentEntryJson(row: ContentRecord): ContentEntry {
  return {
    type: "content",
    content_type: row.content_type,
    id: String(row.id),
    title: row.title,
    state: row.state,
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}
