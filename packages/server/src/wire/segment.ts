import { type Static, Type } from "typebox";
import type { SegmentRow } from "../storage/tables/contacts.ts";
import { Timestamp } from "./common.ts";

/** Intercom's `segment` (2.14 `segment`): `count` only when asked for (`include_count=true`). */
export const Segment = Type.Object({
  type: Type.Literal("segment"),
  id: Type.String(),
  name: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
  person_type: Type.Union([Type.Literal("user"), Type.Literal("contact")]),
  count: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type Segment = Static<typeof Segment>;

/** `GET /segments`: every segment; Intercom sends an empty `pages` object, as the list is not paged. */
export const SegmentList = Type.Object({
  type: Type.Literal("segment.list"),
  segments: Type.Array(Segment),
  pages: Type.Object({}),
});

/** `GET /contacts/{id}/segments` and `/companies/{id}/segments`: a plain `list`. */
export const SegmentRefList = Type.Object({ type: Type.Literal("list"), data: Type.Array(Segment) });

/** A segment, with the count of its members when the domain counted them. */
export function segmentObject(row: SegmentRow, count?: number): Segment {
  return {
    type: "segment",
    id: row.id,
    name: row.name,
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    person_type: row.person_type,
    ...(count !== undefined && { count }),
  };
}
