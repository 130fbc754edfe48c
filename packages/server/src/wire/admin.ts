import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import { Nullable } from "./common.ts";

/**
 * Intercom's JSON objects, built from rows: what the API answers and what webhook notifications carry
 * as their `data.item`, so both say the same thing.
 */
export type AdminRecord = {
  id: number;
  name: string;
  email: string;
  job_title: string | null;
  has_inbox_seat: boolean | number;
  avatar_url: string | null;
};

/** An admin as one workspace sees it: its teams there, and its away mode there, with the reason. */
export type PlacedAdmin = AdminRecord & {
  team_ids: number[];
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  away_status_reason_id: number | null;
};

/** Intercom's `admin` (2.14 `admin`), as a note's author, a conversation's teammate and `/admins` show it. */
export const Admin = Type.Object({
  type: Type.Literal("admin"),
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  job_title: Type.Optional(Type.String()),
  away_mode_enabled: Type.Boolean(),
  away_mode_reassign: Type.Boolean(),
  away_status_reason_id: Nullable(Type.Integer()),
  has_inbox_seat: Type.Boolean(),
  team_ids: Type.Array(Type.Integer()),
  avatar: Type.Optional(Type.Object({ type: Type.Literal("avatar"), image_url: Nullable(Type.String()) })),
});
export type Admin = Static<typeof Admin>;

export function adminJson(row: PlacedAdmin, withAvatar: boolean): Admin {
  return {
    type: "admin" as const,
    id: String(row.id),
    name: row.name,
    email: row.email,
    // 2.14 types job_title as a string and its examples leave it out for an admin without one.
    ...(row.job_title !== null && { job_title: row.job_title }),
    away_mode_enabled: row.away_mode_enabled,
    away_mode_reassign: row.away_mode_reassign,
    away_status_reason_id: row.away_status_reason_id,
    has_inbox_seat: toBool(row.has_inbox_seat),
    team_ids: row.team_ids,
    ...(withAvatar && { avatar: { type: "avatar" as const, image_url: row.avatar_url } }),
  };
}
