import { type Static, Type } from "typebox";
import { Nullable } from "./common.ts";
import { IdInput } from "./content-input.ts";

/**
 * What `/news` takes (2.14 `news_item_request`). Texts are trimmed and checked by the rule, which also
 * requires a title and a sender on a new item, holds reactions to emoji and cover images to .jpg or .png,
 * and checks newsfeeds and publish dates against the workspace and the clock.
 */

export const NewsItemParams = Type.Object({ news_item_id: Type.String({ maxLength: 50 }) });
export const NewsfeedParams = Type.Object({ newsfeed_id: Type.String({ maxLength: 50 }) });

const Assignment = Type.Object({
  // Required, but refused by the rule, which names the field as Intercom does.
  newsfeed_id: Type.Optional(Nullable(IdInput)),
  /** Unix seconds, not in the future. */
  published_at: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
});

export const NewsItemBody = Type.Object({
  title: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  body: Type.Optional(Nullable(Type.String())),
  sender_id: Type.Optional(Nullable(IdInput)),
  state: Type.Optional(Type.Union([Type.Literal("live"), Type.Literal("draft")])),
  deliver_silently: Type.Optional(Type.Boolean()),
  labels: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 20 }))),
  reactions: Type.Optional(Nullable(Type.Array(Nullable(Type.String({ maxLength: 32 })), { maxItems: 10 }))),
  newsfeed_assignments: Type.Optional(Nullable(Type.Array(Assignment, { maxItems: 50 }))),
  cover_image_url: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
});
export type NewsItemBody = Static<typeof NewsItemBody>;
