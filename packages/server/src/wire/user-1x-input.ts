import { type Static, Type } from "typebox";

/**
 * What the 1.x Users API takes: its query strings and the create-or-update body, as Intercom's 1.4 "List
 * Users" and "Create or Update User" pages name them (developers.intercom.com/docs/references/1.4/
 * rest-api/users/…; /work/wt/USERS-1X.md §5). Unknown query parameters are ignored (Ruby 3.x sends
 * `type=users`); unknown body fields too (clients send `location_data`, `social_profiles`, which are
 * the server's to compute, and `last_seen_user_agent`, `last_seen_ip`, which Gatehouse does not keep).
 */

/** Unix seconds up to year 5138, as the contacts' own checks take them. */
const Seconds = Type.Integer({ minimum: 0, maximum: 1e11 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** Your id for a user: text, or a whole number taken as its digits (clients send either). */
const UserId = Type.Union([Type.String({ maxLength: 255 }), Type.Integer({ minimum: 0 })]);

export const UserParams1x = Type.Object({ id: Text(255) });

/** `GET /users`: one user by `user_id` (or, on 1.0, by `email`), else a filtered, sorted page of users. */
export const ListUsersQuery1x = Type.Object({
  user_id: Type.Optional(Text(255)),
  email: Type.Optional(Text(320)),
  phone: Type.Optional(Text(50)),
  tag_id: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
  segment_id: Type.Optional(Text(100)),
  // The page is capped at 10,000 users' depth and per_page at 60 (see users.ts); larger numbers are
  // asked of nothing, so they are taken, not refused.
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
  sort: Type.Optional(
    Type.Union([
      Type.Literal("created_at"),
      Type.Literal("last_request_at"),
      Type.Literal("signed_up_at"),
      Type.Literal("updated_at"),
    ]),
  ),
  /** Users created in the last N days. */
  created_since: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export type ListUsersQuery1x = Static<typeof ListUsersQuery1x>;

export const ScrollQuery1x = Type.Object({ scroll_param: Type.Optional(Text(200)) });

/** `DELETE /users?email=` or `?user_id=`; PHP's client sends them as a JSON body instead. */
export const UserLookup1x = Type.Object({
  user_id: Type.Optional(Text(255)),
  email: Type.Optional(Text(320)),
});
export type UserLookup1x = Static<typeof UserLookup1x>;

/** A company of `companies` (or Ruby's singular `company`): made when missing; `remove` leaves it. */
const CompanyInput1x = Type.Object(
  {
    company_id: Type.Union([Type.String({ minLength: 1, maxLength: 255, pattern: "\\S" }), Type.Integer()]),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
    monthly_spend: Type.Optional(
      Type.Union([Type.Number({ minimum: 0, maximum: 2 ** 31 - 1 }), Type.Null()]),
    ),
    remove: Type.Optional(Type.Boolean()),
  },
  // Other company fields are set through `POST /companies`; here they are dropped, not refused.
  { additionalProperties: false },
);
export type CompanyInput1x = Static<typeof CompanyInput1x>;

/** Names Intercom takes for custom attributes: no `.` or `$`, at most 190 characters. */
const CustomAttributes1x = Type.Record(
  Type.String(),
  Type.Union([Type.String({ maxLength: 255 }), Type.Number(), Type.Boolean(), Type.Null()]),
  { maxProperties: 250, propertyNames: { pattern: "^[^.$]{1,190}$" } },
);

/** `POST /users`: create or update, found by `id`, then `user_id`, then `email`. */
export const UserBody1x = Type.Object({
  id: Type.Optional(Text(255)),
  user_id: Type.Optional(Type.Union([UserId, Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  name: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  signed_up_at: Type.Optional(Type.Union([Seconds, Type.Null()])),
  /** Ruby's name for `signed_up_at` (every 1.x answer carries both, equal). */
  remote_created_at: Type.Optional(Type.Union([Seconds, Type.Null()])),
  last_request_at: Type.Optional(Type.Union([Seconds, Type.Null()])),
  unsubscribed_from_emails: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  update_last_request_at: Type.Optional(Type.Boolean()),
  new_session: Type.Optional(Type.Boolean()),
  custom_attributes: Type.Optional(CustomAttributes1x),
  companies: Type.Optional(Type.Array(CompanyInput1x, { maxItems: 100 })),
  company: Type.Optional(CompanyInput1x),
});
export type UserBody1x = Static<typeof UserBody1x>;
