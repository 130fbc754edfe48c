import { type Static, Type } from "typebox";

/** A tag's id in a path: digits only (anything else names no tag, and is refused as a parameter). */
export const TagParams = Type.Object({ tag_id: Type.String({ pattern: "^[0-9]{1,15}$" }) });

/** `untag`: Intercom's clients send `true`, some as the text "true". */
const Untag = Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 5 })]));

/** A company to tag: by Intercom's `id` or the caller's `company_id`. */
export const CompanyTarget = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 100 })),
  company_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Integer()])),
  untag: Untag,
});
export type CompanyTarget = Static<typeof CompanyTarget>;

/** A contact to tag, by Intercom's id. */
export const UserTarget = Type.Object({ id: Type.Optional(Type.String({ maxLength: 100 })), untag: Untag });
export type UserTarget = Static<typeof UserTarget>;

/**
 * `POST /tags`: create (or find by name) a tag, rename it with `id`, and tag or untag companies or users.
 * The name's emptiness after trimming and its 190-character bound are the domain's checks (an empty name
 * is a missing one, as Intercom answers it).
 */
export const TagBody = Type.Object({
  name: Type.String({ maxLength: 1000 }),
  id: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
  companies: Type.Optional(Type.Array(CompanyTarget, { maxItems: 1000 })),
  users: Type.Optional(Type.Array(UserTarget, { maxItems: 1000 })),
});
export type TagBody = Static<typeof TagBody>;
