import { type Static, Type } from "typebox";
import { Nullable, Timestamp } from "./common.ts";

/** Intercom's `tag` with `applied_at` and `applied_by`, as tagging answers and a conversation's `tags` list it. */
export const AppliedTagObject = Type.Object({
  type: Type.Literal("tag"),
  id: Type.String(),
  name: Type.String(),
  applied_at: Nullable(Timestamp),
  applied_by: Nullable(Type.Object({ type: Type.Literal("admin"), id: Type.String() })),
});
export type AppliedTagObject = Static<typeof AppliedTagObject>;

/** What tagging a conversation or a ticket takes: the tag (`id`, to put one on) and the acting admin. */
export const TaggingBody = Type.Object({
  id: Type.Optional(Nullable(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 50 })]))),
  admin_id: Type.Optional(
    Nullable(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 50 })])),
  ),
});
export type TaggingBody = Static<typeof TaggingBody>;
