import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import { Nullable, Timestamp, UNTRACKED, Untracked } from "./common.ts";

/**
 * Intercom's 1.x `user` and `user.list`, the Users API that 2.0 replaced with contacts. Shapes from
 * Intercom's 1.x API reference ("User Model", 1.1 and 1.3 texts; "Create or Update User" and "List
 * Users", 1.4: developers.intercom.com/docs/references/1.4/rest-api/users/…), its 1.1–1.4 changelogs,
 * and the 1.x-era official clients: intercom-client 2.11.0 (intercom/intercom-node@119b4ed, `lib/user.js`,
 * `test/user.js`), intercom-ruby 3.9.5 (intercom/intercom-ruby@d827e13, `spec/spec_helper.rb` `test_user`,
 * `page_of_users`) and intercom-go 1.0.0 (`fixtures/user.json`). /work/wt/USERS-1X.md §3–§4 cites each field.
 *
 * What Gatehouse does not track answers its empty value, as the 2.x contact does: no pseudonym, location,
 * social profiles, referrer or UTM data; `session_count` 0 (no Messenger counts sessions here); no
 * segments (1.3 made the list empty for everyone; Gatehouse does so in every 1.x version).
 */

const Avatar = Type.Object({ type: Type.Literal("avatar"), image_url: Nullable(Type.String()) });

const CompanyRef = Type.Object({
  type: Type.Literal("company"),
  company_id: Type.String(),
  id: Type.String(),
  name: Nullable(Type.String()),
});

const TagRef = Type.Object({ type: Type.Literal("tag"), id: Type.String(), name: Type.String() });

const LocationData = Type.Object({
  type: Type.Literal("location_data"),
  city_name: Type.Null(),
  continent_code: Type.Null(),
  country_code: Type.Null(),
  country_name: Type.Null(),
  postal_code: Type.Null(),
  region_name: Type.Null(),
  timezone: Type.Null(),
  // 1.0 and 1.1 only: 1.2 removed them.
  latitude: Type.Optional(Type.Null()),
  longitude: Type.Optional(Type.Null()),
});

const CustomAttributeValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const User1x = Type.Object({
  type: Type.Literal("user"),
  id: Type.String(),
  user_id: Nullable(Type.String()),
  anonymous: Type.Literal(false),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  name: Nullable(Type.String()),
  pseudonym: Type.Null(),
  avatar: Avatar,
  app_id: Type.String(),
  companies: Type.Object({ type: Type.Literal("company.list"), companies: Type.Array(CompanyRef) }),
  location_data: LocationData,
  last_request_at: Nullable(Timestamp),
  created_at: Timestamp,
  remote_created_at: Nullable(Timestamp),
  signed_up_at: Nullable(Timestamp),
  updated_at: Timestamp,
  session_count: Type.Integer(),
  social_profiles: Type.Object({
    type: Type.Literal("social_profile.list"),
    social_profiles: Type.Array(Type.Unknown(), { maxItems: 0 }),
  }),
  // 1.4 only ("owner_id on users", 1.4 changelog): the admin's integer id.
  owner_id: Type.Optional(Nullable(Type.Integer())),
  unsubscribed_from_emails: Type.Boolean(),
  marked_email_as_spam: Type.Boolean(),
  has_hard_bounced: Type.Boolean(),
  do_not_track: Type.Null(),
  ...Untracked,
  tags: Type.Object({ type: Type.Literal("tag.list"), tags: Type.Array(TagRef) }),
  segments: Type.Object({
    type: Type.Literal("segment.list"),
    segments: Type.Array(Type.Unknown(), { maxItems: 0 }),
  }),
  custom_attributes: Type.Record(Type.String(), CustomAttributeValue),
  // 1.0 and 1.1 only: 1.2 removed them.
  last_seen_ip: Type.Optional(Type.Null()),
  user_agent_data: Type.Optional(Type.Null()),
});

/** 1.x `pages`: `next` is an absolute URL, null on the last page (Ruby follows it only with `type`). */
export const Pages1x = Type.Object({
  type: Type.Literal("pages"),
  next: Nullable(Type.String()),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
});

export const UserList1x = Type.Object({
  type: Type.Literal("user.list"),
  total_count: Type.Integer(),
  users: Type.Array(User1x),
  pages: Pages1x,
  limited: Type.Boolean(),
});

/** A page of `GET /users/scroll`: no pages, no count; the param to ask for the next one. */
export const UserScroll1x = Type.Object({
  type: Type.Literal("user.list"),
  users: Type.Array(User1x),
  scroll_param: Type.String(),
});

export type User1xJson = Static<typeof User1x>;

/** What a user's JSON lists beside its own row. */
export interface UserRelations1x {
  tags: ReadonlyArray<{ id: number; name: string }>;
  companies: ReadonlyArray<{ id: string; company_id: string; name: string | null }>;
}

const NO_LOCATION = {
  type: "location_data",
  city_name: null,
  continent_code: null,
  country_code: null,
  country_name: null,
  postal_code: null,
  region_name: null,
  timezone: null,
} as const;

/** Which of the 1.x versions' fields a user shows (the caller knows its version; see users-1x/present.ts). */
export interface User1xFields {
  /** 1.0–1.1: `last_seen_ip`, `user_agent_data`, `location_data.latitude`/`longitude` (1.2 removed them). */
  early: boolean;
  /** 1.4: `owner_id`. */
  ownerId: boolean;
}

/** Intercom's 1.x `user` object for a contact with the `user` role, with the fields its version shows. */
export function userObject1x(
  row: ContactRow,
  relations: UserRelations1x,
  appIdCode: string,
  { early, ownerId }: User1xFields,
): User1xJson {
  return {
    type: "user",
    id: row.id,
    user_id: row.external_id,
    anonymous: false,
    email: row.email,
    phone: row.phone,
    name: row.name,
    pseudonym: null,
    avatar: { type: "avatar", image_url: row.avatar },
    app_id: appIdCode,
    companies: {
      type: "company.list",
      companies: relations.companies.map((c) => ({
        type: "company",
        company_id: c.company_id,
        id: c.id,
        name: c.name,
      })),
    },
    location_data: early ? { ...NO_LOCATION, latitude: null, longitude: null } : NO_LOCATION,
    last_request_at: row.last_seen_at,
    created_at: Math.floor(row.created_at / 1000),
    remote_created_at: row.signed_up_at,
    signed_up_at: row.signed_up_at,
    updated_at: Math.floor(row.updated_at / 1000),
    session_count: 0,
    social_profiles: { type: "social_profile.list", social_profiles: [] },
    ...(ownerId && { owner_id: row.owner_id }),
    unsubscribed_from_emails: toBool(row.unsubscribed_from_emails),
    marked_email_as_spam: false,
    has_hard_bounced: false,
    do_not_track: null,
    ...UNTRACKED,
    tags: {
      type: "tag.list",
      tags: relations.tags.map((t) => ({ type: "tag", id: String(t.id), name: t.name })),
    },
    segments: { type: "segment.list", segments: [] },
    custom_attributes: JSON.parse(row.custom_attributes) as Record<string, string | number | boolean | null>,
    ...(early && { last_seen_ip: null, user_agent_data: null }),
  };
}
