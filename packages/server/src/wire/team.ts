import { type Static, Type } from "typebox";
import type { TeamRow } from "../storage/tables/teams.ts";
import { InOrder, Nullable } from "./common.ts";

/** Intercom's `team` (2.14 `#/components/schemas/team`). */
export const Team = InOrder(
  Type.Object({
    type: Type.Literal("team"),
    id: Type.String(),
    name: Type.String(),
    admin_ids: Type.Array(Type.Integer()),
    assignment_limit: Type.Optional(Nullable(Type.Integer())),
    distribution_method: Nullable(
      Type.Union([Type.Literal("round_robin"), Type.Literal("balanced_assignment")]),
    ),
  }),
);
export type Team = Static<typeof Team>;

export const TeamList = Type.Object({ type: Type.Literal("team.list"), teams: Type.Array(Team) });

/**
 * Intercom's `team`. `assignment_limit` is there only for a team that balances its assignments, as
 * Intercom's reference says; Gatehouse keeps no admin priority levels, so `admin_priority_level` is left out.
 */
export function teamJson(row: TeamRow, adminIds: readonly number[]): Team {
  return {
    type: "team",
    id: String(row.id),
    name: row.name,
    admin_ids: [...adminIds],
    ...(row.distribution_method === "balanced_assignment" && { assignment_limit: row.assignment_limit }),
    distribution_method: row.distribution_method,
  };
}
