import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { AwayStatusReasonRow } from "../storage/tables/identity.ts";
import { InOrder, Nullable, Timestamp } from "./common.ts";

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

const Avatar = Type.Object({ type: Type.Literal("avatar"), image_url: Nullable(Type.String()) });

/** Intercom's `admin` object (OpenAPI 2.14 `#/components/schemas/admin`). */
export const Admin = InOrder(
  Type.Object({
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
    avatar: Type.Optional(Avatar),
  }),
);
export type Admin = Static<typeof Admin>;

export const AdminList = Type.Object({ type: Type.Literal("admin.list"), admins: Type.Array(Admin) });

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

/** `GET /me`: the admin behind the token and the workspace it reaches (2.14 `admin_with_app`). */
export const Me = Type.Object({
  type: Type.Literal("admin"),
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  email_verified: Type.Boolean(),
  app: Type.Object({
    type: Type.Literal("app"),
    id_code: Type.String(),
    name: Type.String(),
    created_at: Timestamp,
    secure: Type.Boolean(),
    identity_verification: Type.Boolean(),
    timezone: Type.String(),
    region: Type.String(),
  }),
  // Always a URL on /me: the admin's own picture, else Gatehouse's default (Intercom never answers null here).
  avatar: Type.Object({ type: Type.Literal("avatar"), image_url: Type.String() }),
  has_inbox_seat: Type.Boolean(),
});
export type Me = Static<typeof Me>;

/** An away status reason (2.14 `away_status_reason`), deleted ones too. */
export const AwayStatusReason = Type.Object({
  type: Type.Literal("away_status_reason"),
  id: Type.String(),
  label: Type.String(),
  emoji: Type.String(),
  order: Type.Integer(),
  deleted: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type AwayStatusReason = Static<typeof AwayStatusReason>;

export const AwayStatusReasonList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(AwayStatusReason),
});

export function awayStatusReasonJson(row: AwayStatusReasonRow): AwayStatusReason {
  return {
    type: "away_status_reason",
    id: String(row.id),
    label: row.label,
    emoji: row.emoji,
    order: row.position,
    deleted: toBool(row.deleted),
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}
