import type { TeamRow } from "../storage/tables/teams.ts";

/**
 * Intercom's `team`. `assignment_limit` is there only for a team that balances its assignments, as
 * Intercom's reference says; Gatehouse keeps no admin priority levels, so `admin_priority_level` is left out.
 */
export function teamJson(row: TeamRow, adminIds: readonly number[]) {
  return {
    type: "team" as const,
    id: String(row.id),
    name: row.name,
    admin_ids: [...adminIds],
    ...(row.distribution_method === "balanced_assignment" && { assignment_limit: row.assignment_limit }),
    distribution_method: row.distribution_method,
  };
}
