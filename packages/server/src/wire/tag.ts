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
