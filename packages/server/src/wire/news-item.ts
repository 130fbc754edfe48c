import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { NewsfeedRow, NewsItemRow } from "../storage/tables/content.ts";
import { Nullable, NumberedList, Timestamp } from "./common.ts";
import { seconds } from "./help-center.ts";

/** Intercom's `news-item` and `newsfeed` (2.14), and their lists. */

export const NewsItem = Type.Object({
  id: Type.String(),
  type: Type.Literal("news-item"),
  workspace_id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  sender_id: Type.Integer(),
  state: Type.Union([Type.Literal("draft"), Type.Literal("live")]),
  labels: Type.Array(Type.String()),
  cover_image_url: Nullable(Type.String()),
  reactions: Type.Array(Nullable(Type.String())),
  deliver_silently: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  // A draft's newsfeeds carry no publish date until it goes live.
  newsfeed_assignments: Type.Array(
    Type.Object({ newsfeed_id: Type.Integer(), published_at: Type.Optional(Timestamp) }),
  ),
});
export type NewsItem = Static<typeof NewsItem>;

export const Newsfeed = Type.Object({
  id: Type.String(),
  type: Type.Literal("newsfeed"),
  name: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Newsfeed = Static<typeof Newsfeed>;

export const NewsItemList = NumberedList(NewsItem);
export const NewsfeedList = NumberedList(Newsfeed);

export const NewsItemDeleted = Type.Object({
  id: Type.String(),
  object: Type.Literal("news-item"),
  deleted: Type.Literal(true),
});

/** A news item and the newsfeeds it is on, as the rule loads it (publish dates in milliseconds). */
export interface NewsItemRecord extends NewsItemRow {
  assignments: Array<{ newsfeed_id: number; published_at: number | null }>;
}

export function newsItemJson(item: NewsItemRecord, workspaceIdCode: string): NewsItem {
  return {
    id: String(item.id),
    type: "news-item",
    workspace_id: workspaceIdCode,
    title: item.title,
    body: item.body,
    sender_id: item.sender_id,
    state: item.state,
    labels: JSON.parse(item.labels) as string[],
    cover_image_url: item.cover_image_url,
    reactions: JSON.parse(item.reactions) as Array<string | null>,
    deliver_silently: toBool(item.deliver_silently),
    created_at: seconds(item.created_at),
    updated_at: seconds(item.updated_at),
    newsfeed_assignments: item.assignments.map((a) => ({
      newsfeed_id: a.newsfeed_id,
      ...(a.published_at !== null && { published_at: seconds(a.published_at) }),
    })),
  };
}

export function newsfeedJson(row: NewsfeedRow): Newsfeed {
  return {
    id: String(row.id),
    type: "newsfeed",
    name: row.name,
    created_at: seconds(row.created_at),
    updated_at: seconds(row.updated_at),
  };
}

export function newsItemDeletedJson(id: number): Static<typeof NewsItemDeleted> {
  return { id: String(id), object: "news-item", deleted: true };
}
