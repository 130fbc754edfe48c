import { type Static, Type } from "typebox";
import { CustomAttributesInput } from "./custom-attribute-input.ts";

/** A contact's id in a path: Intercom's 24 hexadecimal characters. */
export const ContactParams = Type.Object({ contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }) });

export const ContactTagParams = Type.Object({
  contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }),
  tag_id: Type.String({ pattern: "^[0-9]{1,15}$" }),
});

export const ExternalIdParams = Type.Object({ external_id: Type.String({ minLength: 1, maxLength: 255 }) });

const Seconds = Type.Integer({ minimum: 0, maximum: 1e11 });
const Text = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

/**
 * `POST /contacts` and `PUT /contacts/{id}`: the writable fields, as Intercom names them. The email's
 * form, the owner's membership of the workspace, and that a new contact names someone are the domain's
 * checks.
 */
export const ContactBody = Type.Object({
  role: Type.Optional(Type.Enum(["user", "lead"], { errorMessage: "role must be user or lead" })),
  external_id: Type.Optional(Text(255)),
  email: Type.Optional(Text(320)),
  phone: Type.Optional(Text(50)),
  name: Type.Optional(Text(255)),
  avatar: Type.Optional(Text(2000)),
  signed_up_at: Type.Optional(Type.Union([Seconds, Type.Null()])),
  last_seen_at: Type.Optional(Type.Union([Seconds, Type.Null()])),
  owner_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  unsubscribed_from_emails: Type.Optional(Type.Boolean()),
  custom_attributes: Type.Optional(CustomAttributesInput()),
});
export type ContactBody = Static<typeof ContactBody>;

/** `?per_page=&starting_after=`, or a search's `pagination`: Intercom's cursor pages. */
export const CursorPaging = Type.Object({
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
  starting_after: Type.Optional(Type.String({ maxLength: 200 })),
});

/**
 * `POST /contacts/search`. The query is Intercom's search language (a field, an operator and a value,
 * or `AND`/`OR` of nested queries): its compiler checks each part with Intercom's messages, and a
 * segment's saved query goes through the same one.
 */
export const ContactSearchBody = Type.Object({
  query: Type.Record(Type.String(), Type.Unknown()),
  pagination: Type.Optional(CursorPaging),
});

/** `POST /contacts/{id}/tags`: the tag, by its id. */
export const ContactTagBody = Type.Object({
  id: Type.Union([Type.String({ pattern: "^[0-9]{1,15}$" }), Type.Integer({ minimum: 1 })]),
});

/** `POST /contacts/merge`: a lead (`from`) into a user (`into`), both by Intercom's id. */
export const MergeBody = Type.Object({
  from: Type.String({ maxLength: 100 }),
  into: Type.String({ maxLength: 100 }),
});
export type MergeBody = Static<typeof MergeBody>;
