import type { ColumnType, Generated, Selectable } from "kysely";

/** The tables of migration 0018 (teams, away status reasons, internal articles, visitors), merged into `schema.ts`. */
export interface TeamsVisitorsTables {
  teams: TeamsTable;
  team_admins: TeamAdminsTable;
  away_status_reasons: AwayStatusReasonsTable;
  internal_articles: InternalArticlesTable;
  visitors: VisitorsTable;
}

type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
type Millis = number;

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

/** Why an admin is away, as a workspace offers the choice. Deleting one keeps it, marked: Intercom lists deleted ones. */
export interface AwayStatusReasonsTable {
  id: Generated<number>;
  workspace_id: number;
  label: string;
  emoji: string;
  /** Intercom's `order`: where it stands in the choice. */
  position: number;
  deleted: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type AwayStatusReasonRow = Selectable<AwayStatusReasonsTable>;

/** Articles for the workspace's teammates only: one locale, an owner beside the author, no help center. */
export interface InternalArticlesTable {
  id: Generated<number>;
  workspace_id: number;
  title: string;
  body: string;
  author_id: number;
  owner_id: number;
  locale: string;
  created_at: Millis;
  updated_at: Millis;
}

export type InternalArticleRow = Selectable<InternalArticlesTable>;

/**
 * Anonymous people a Messenger has seen, not yet contacts. Kept apart from `contacts` so that nothing
 * that lists, searches, counts or segments contacts can come upon one, as Intercom keeps them out.
 */
export interface VisitorsTable {
  seq: Generated<number>;
  /** Intercom-style public id: 24 hex characters, kept by the contact the visitor becomes. */
  id: string;
  workspace_id: number;
  /** Generated for the visitor (a UUID), as the Messenger's cookie would carry it; unique in the workspace. */
  user_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  /** The name Intercom makes up for an anonymous visitor ("Violet Suitcase"). */
  pseudonym: string;
  /** JSON object of custom attributes. */
  custom_attributes: ColumnType<string, string | undefined, string>;
  created_at: Millis;
  updated_at: Millis;
}

export type VisitorRow = Selectable<VisitorsTable>;
