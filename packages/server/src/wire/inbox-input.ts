import { type Static, Type } from "typebox";

/**
 * What conversations and tickets take alike: ids, times, attachments, and a reply by an admin or a
 * contact. One set, so the two cannot drift; the kit (`resources/kit/input.ts`) keeps the rules a
 * schema cannot say (an attachment URL that must decode, an id out of range naming nothing).
 */

/** A record id, as a number or as its digits (the domain reads it; anything else names nothing). */
export const RecordIdInput = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 50 })]);

/** Unix seconds up to year 5138. */
export const SecondsInput = Type.Integer({ minimum: 0, maximum: 1e11 });

/** Up to ten http(s) links (each checked by the kit, which names `attachment_urls`). */
export const AttachmentUrls = Type.Union([Type.Array(Type.String(), { maxItems: 10 }), Type.Null()]);

/** A message body; null is none. Bodies past 65,535 characters are refused by the kit, naming `body`. */
export const MessageBody = Type.Union([Type.String(), Type.Null()]);

/** A quick reply option (each checked by the kit: a text and a uuid). */
const ReplyOption = Type.Object({ text: Type.Optional(Type.String()), uuid: Type.Optional(Type.String()) });

/** `POST /conversations/{id}/reply` and `POST /tickets/{id}/reply` (2.14 `reply_conversation_request`). */
export const ReplyBody = Type.Object({
  message_type: Type.Optional(
    Type.Union([Type.Literal("comment"), Type.Literal("note"), Type.Literal("quick_reply")]),
  ),
  type: Type.Optional(Type.Union([Type.Literal("admin"), Type.Literal("user")])),
  body: Type.Optional(MessageBody),
  admin_id: Type.Optional(Type.Union([RecordIdInput, Type.Null()])),
  intercom_user_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  user_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
  created_at: Type.Optional(SecondsInput),
  reply_options: Type.Optional(Type.Array(ReplyOption)),
  attachment_urls: Type.Optional(AttachmentUrls),
});
export type ReplyBody = Static<typeof ReplyBody>;

/** A cursor list's `pagination` (search) or query (`GET /conversations`). */
export const CursorPaging = Type.Object({
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
  starting_after: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});

/**
 * A search's query: one condition (`field`, `operator`, `value`) or a group (`operator` AND/OR over
 * `value`, a list of queries). The shared compiler checks fields, operators and nesting, naming `query`.
 */
export const SearchBody = Type.Object({
  query: Type.Object({
    field: Type.Optional(Type.String({ maxLength: 200 })),
    operator: Type.Optional(Type.String({ maxLength: 20 })),
    value: Type.Optional(
      Type.Union([
        Type.String(),
        Type.Number(),
        Type.Boolean(),
        Type.Null(),
        Type.Array(Type.Unknown({ description: "a nested query, or a value of an IN list" })),
      ]),
    ),
  }),
  pagination: Type.Optional(Type.Union([CursorPaging, Type.Null()])),
});
export type SearchBody = Static<typeof SearchBody>;
