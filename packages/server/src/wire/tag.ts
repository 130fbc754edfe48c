import { type Static, Type } from "typebox";
import type { TagRow } from "../storage/tables/tags.ts";
import type { AppliedTagObject } from "./applied-tag.ts";

/** A tag as put on a conversation or ticket: when, and by which admin (null once they are gone). */
export interface AppliedTag {
  tag: Pick<TagRow, "id" | "name">;
  appliedAt: number | null;
  appliedBy: number | null;
}

/** Intercom's `tag` with `applied_at` and `applied_by`, as tagging answers and a conversation's `tags` list it. */
export function appliedTagObject({ tag, appliedAt, appliedBy }: AppliedTag): AppliedTagObject {
  return {
    type: "tag" as const,
    id: String(tag.id),
    name: tag.name,
    applied_at: appliedAt === null ? null : Math.floor(appliedAt / 1000),
    applied_by: appliedBy === null ? null : { type: "admin" as const, id: String(appliedBy) },
  };
}

/** Intercom's `tag` (2.14 `tag_basic`): what `/tags` and a contact's or company's tagging answer. */
export const Tag = Type.Object({ type: Type.Literal("tag"), id: Type.String(), name: Type.String() });
export type Tag = Static<typeof Tag>;

/** A `list` of tags, as `GET /tags` and `GET /contacts/{id}/tags` answer. */
export const TagList = Type.Object({ type: Type.Literal("list"), data: Type.Array(Tag) });

export function tagObject(tag: Pick<TagRow, "id" | "name">): Tag {
  return { type: "tag", id: String(tag.id), name: tag.name };
}
