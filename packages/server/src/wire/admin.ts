import { toBool } from "../storage/schema.ts";

/**
 * Intercom's JSON objects, built from rows: what the API answers and what webhook notifications carry
 * as their `data.item`, so both say the same thing.
 */
export type AdminRecord = {
  id: number;
  name: string;
  email: string;
  job_title: string | null;
  away_mode_enabled: boolean | number;
  away_mode_reassign: boolean | number;
  has_inbox_seat: boolean | number;
  avatar_url: string | null;
};

export function adminJson(row: AdminRecord, withAvatar: boolean) {
  return {
    type: "admin" as const,
    id: String(row.id),
    name: row.name,
    email: row.email,
    job_title: row.job_title,
    away_mode_enabled: toBool(row.away_mode_enabled),
    away_mode_reassign: toBool(row.away_mode_reassign),
    away_status_reason_id: null,
    has_inbox_seat: toBool(row.has_inbox_seat),
    // Gatehouse has no teams; the list is truthfully empty.
    team_ids: [] as number[],
    ...(withAvatar && { avatar: { type: "avatar" as const, image_url: row.avatar_url } }),
  };
}
