import { type Static, Type } from "typebox";
import type { VisitorRow } from "../storage/tables/messenger.ts";
import { Nullable, Timestamp, UNTRACKED, Untracked } from "./common.ts";
import { CustomAttributes } from "./contact.ts";

/** A visitor's lists are always empty. */
const None = Type.Array(Type.Never());

/**
 * Intercom's `visitor` (2.14 `visitor`). What only a Messenger would fill in (location, sessions,
 * referrer, UTM parameters) is empty, as for a visitor seen once; a visitor has no tags, segments or
 * companies. Intercom answers an unknown email as "" here, not null.
 */
export const Visitor = Type.Object({
  type: Type.Literal("visitor"),
  id: Type.String(),
  user_id: Type.String(),
  anonymous: Type.Boolean(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  name: Nullable(Type.String()),
  pseudonym: Nullable(Type.String()),
  avatar: Type.Object({ type: Type.Literal("avatar"), image_url: Type.Null() }),
  app_id: Type.String(),
  companies: Type.Object({ type: Type.Literal("company.list"), companies: None }),
  location_data: Type.Object({}),
  last_request_at: Type.Null(),
  created_at: Timestamp,
  remote_created_at: Timestamp,
  signed_up_at: Timestamp,
  updated_at: Timestamp,
  session_count: Type.Integer(),
  social_profiles: Type.Object({ type: Type.Literal("social_profile.list"), social_profiles: None }),
  owner_id: Type.Null(),
  unsubscribed_from_emails: Type.Boolean(),
  marked_email_as_spam: Type.Boolean(),
  has_hard_bounced: Type.Boolean(),
  tags: Type.Object({ type: Type.Literal("tag.list"), tags: None }),
  segments: Type.Object({ type: Type.Literal("segment.list"), segments: None }),
  custom_attributes: CustomAttributes,
  ...Untracked,
  do_not_track: Type.Null(),
});
export type Visitor = Static<typeof Visitor>;

export function visitorJson(row: VisitorRow, workspaceIdCode: string): Visitor {
  const created = Math.floor(Number(row.created_at) / 1000);
  return {
    type: "visitor",
    id: row.id,
    user_id: row.user_id,
    anonymous: row.email === null,
    email: row.email ?? "",
    phone: row.phone,
    name: row.name,
    pseudonym: row.pseudonym,
    avatar: { type: "avatar", image_url: null },
    app_id: workspaceIdCode,
    companies: { type: "company.list", companies: [] },
    location_data: {},
    last_request_at: null,
    created_at: created,
    remote_created_at: created,
    signed_up_at: created,
    updated_at: Math.floor(Number(row.updated_at) / 1000),
    session_count: 0,
    social_profiles: { type: "social_profile.list", social_profiles: [] },
    owner_id: null,
    unsubscribed_from_emails: false,
    marked_email_as_spam: false,
    has_hard_bounced: false,
    tags: { type: "tag.list", tags: [] },
    segments: { type: "segment.list", segments: [] },
    custom_attributes: JSON.parse(row.custom_attributes) as Visitor["custom_attributes"],
    ...UNTRACKED,
    do_not_track: null,
  };
}
