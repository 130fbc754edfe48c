import { Type } from "typebox";

/** Intercom's `linked_object`: a ticket (with its category) or a conversation (category null). */
export interface LinkedObject {
  type: "ticket" | "conversation";
  id: string;
  category: string | null;
}

/** Intercom shows at most this many linked objects. */
const MAX_LINKED = 1000;

/** Intercom's `linked_object_list`. */
export function linkedObjectList(linked: readonly LinkedObject[] = []) {
  return {
    type: "list" as const,
    data: linked.slice(0, MAX_LINKED),
    total_count: linked.length,
    has_more: linked.length > MAX_LINKED,
  };
}

export const LinkedObjectList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(
    Type.Object({
      type: Type.Union([Type.Literal("ticket"), Type.Literal("conversation")]),
      id: Type.String(),
      category: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  total_count: Type.Integer(),
  has_more: Type.Boolean(),
});
