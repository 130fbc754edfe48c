import type { Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Teams of admins. */
export interface TeamsTables {
  teams: TeamsTable;
  team_admins: TeamAdminsTable;
}

/** How a team hands out what is assigned to it; null for a team that hands out nothing by itself. */
export type DistributionMethod = "round_robin" | "balanced_assignment";

/** A workspace's teams of admins. Ids start at 1,000,000 (see migration 0018). */
export interface TeamsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** The name lower-cased: what uniqueness uses. */
  name_key: string;
  distribution_method: DistributionMethod | null;
  /** How many open conversations balanced assignment gives each member at most; balanced teams only. */
  assignment_limit: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export type TeamRow = Selectable<TeamsTable>;

export interface TeamAdminsTable {
  team_id: number;
  admin_id: number;
  added_at: Millis;
}
