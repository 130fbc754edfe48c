import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { TagRow } from "../storage/tables/tags.ts";
import { CursorPages, Nullable, Timestamp } from "./common.ts";
import { ContactNotes, contactNotes, type NoteRefs } from "./note.ts";
import { Tag } from "./tag.ts";

const DEVICE_FIELDS = [
  "browser",
  "browser_version",
  "browser_language",
  "os",
  "android_app_name",
  "android_app_version",
  "android_device",
  "android_os_version",
  "android_sdk_version",
  "android_last_seen_at",
  "ios_app_name",
  "ios_app_version",
  "ios_device",
  "ios_os_version",
  "ios_sdk_version",
  "ios_last_seen_at",
] as const;

/** The first companies a contact belongs to, as its JSON lists them, and how many it has in all. */
export interface ContactCompanies {
  ids: string[];
  total: number;
}

/** What a contact's JSON lists beside its own row. */
export interface ContactRelations {
  tags: TagRow[];
  companies: ContactCompanies;
  notes: NoteRefs;
}

/** A list of references a contact's JSON carries (tags, companies): ids with their URLs. */
const Refs = <T extends string>(type: T) =>
  Type.Object({
    type: Type.Literal("list"),
    data: Type.Array(Type.Object({ type: Type.Literal(type), id: Type.String(), url: Type.String() })),
    url: Type.String(),
    total_count: Type.Integer({ minimum: 0 }),
    has_more: Type.Boolean(),
  });

/** A scalar custom attribute: what contacts, companies and visitors keep. */
export const CustomAttributes = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);

/** Intercom's `contact` (2.14 `contact`). */
export const Contact = Type.Object({
  type: Type.Literal("contact"),
  id: Type.String(),
  workspace_id: Type.String(),
  external_id: Nullable(Type.String()),
  role: Type.Union([Type.Literal("user"), Type.Literal("lead")]),
  email: Type.String(),
  email_domain: Type.String(),
  phone: Nullable(Type.String()),
  name: Nullable(Type.String()),
  owner_id: Nullable(Type.Integer()),
  has_hard_bounced: Type.Boolean(),
  marked_email_as_spam: Type.Boolean(),
  unsubscribed_from_emails: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  signed_up_at: Nullable(Timestamp),
  last_seen_at: Nullable(Timestamp),
  last_replied_at: Type.Null(),
  last_contacted_at: Type.Null(),
  last_email_opened_at: Type.Null(),
  last_email_clicked_at: Type.Null(),
  language_override: Type.Null(),
  ...Object.fromEntries(DEVICE_FIELDS.map((field) => [field, Type.Null()])),
  custom_attributes: CustomAttributes,
  avatar: Nullable(Type.String()),
  tags: Refs("tag"),
  notes: ContactNotes,
  companies: Refs("company"),
  location: Type.Object({
    type: Type.Literal("location"),
    country: Type.Null(),
    region: Type.Null(),
    city: Type.Null(),
    country_code: Type.Null(),
    continent_code: Type.Null(),
  }),
  social_profiles: Type.Object({ type: Type.Literal("list"), data: Type.Array(Type.Never()) }),
});
export type Contact = Static<typeof Contact>;

/** `GET /contacts`, `POST /contacts/search`: a page of contacts and the cursor to the next. */
export const ContactList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Contact),
  total_count: Type.Integer({ minimum: 0 }),
  pages: CursorPages,
});

/** What `DELETE /contacts/{id}` answers, and what `contact.deleted` carries. */
export const DeletedContact = Type.Object({
  id: Type.String(),
  external_id: Nullable(Type.String()),
  type: Type.Literal("contact"),
  deleted: Type.Literal(true),
});

/** Intercom's `contact_tag`, the item of `contact.{user,lead}.tag.{created,deleted}`. */
export const ContactTag = Type.Object({ type: Type.Literal("contact_tag"), tag: Tag, contact: Contact });

/** Intercom's `contact` object. Fields Gatehouse does not track (devices, location) are null, as for a contact never seen in a Messenger. */
export function contactObject(
  row: ContactRow,
  relations: ContactRelations,
  workspaceIdCode: string,
): Contact {
  const { tags, companies, notes } = relations;
  return {
    type: "contact",
    id: row.id,
    workspace_id: workspaceIdCode,
    external_id: row.external_id,
    role: row.role,
    // 2.14 types both as strings; Intercom answers "" for a person without an email (its visitor examples).
    email: row.email ?? "",
    email_domain: row.email?.split("@")[1] ?? "",
    phone: row.phone,
    name: row.name,
    owner_id: row.owner_id,
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: toBool(row.unsubscribed_from_emails),
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    signed_up_at: row.signed_up_at,
    last_seen_at: row.last_seen_at,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    ...Object.fromEntries(DEVICE_FIELDS.map((field) => [field, null])),
    custom_attributes: JSON.parse(row.custom_attributes) as Contact["custom_attributes"],
    avatar: row.avatar,
    tags: {
      type: "list",
      data: tags.map((t) => ({ type: "tag", id: String(t.id), url: `/tags/${t.id}` })),
      url: `/contacts/${row.id}/tags`,
      total_count: tags.length,
      has_more: false,
    },
    notes: contactNotes(row, notes),
    companies: {
      type: "list",
      data: companies.ids.map((id) => ({ type: "company", id, url: `/companies/${id}` })),
      url: `/contacts/${row.id}/companies`,
      total_count: companies.total,
      has_more: companies.total > companies.ids.length,
    },
    location: {
      type: "location",
      country: null,
      region: null,
      city: null,
      country_code: null,
      continent_code: null,
    },
    social_profiles: { type: "list", data: [] },
  };
}

/** What `DELETE /contacts/{id}` answers, and what `contact.deleted` carries. */
export function deletedContact(row: ContactRow): Static<typeof DeletedContact> {
  return { id: row.id, external_id: row.external_id, type: "contact", deleted: true };
}

/**
 * Intercom's `contact_tag`, the item of `contact.{user,lead}.tag.{created,deleted}`: the tag and the
 * contact as it is with (or without) it. Intercom's current notifications carry no `created_at` here.
 */
export function contactTagObject(
  tag: Pick<TagRow, "id" | "name">,
  contact: Contact,
): Static<typeof ContactTag> {
  return { type: "contact_tag", tag: { type: "tag", id: String(tag.id), name: tag.name }, contact };
}

/**
 * The item of `contact.unsubscribed` and `contact.subscribed`: Intercom's subscription notifications
 * wrap the contact, as a `contact_unsubscribe` item seen delivered shows; the subscribing one mirrors it.
 */
export const ContactSubscription = Type.Object({
  type: Type.Union([Type.Literal("contact_unsubscribe"), Type.Literal("contact_subscribe")]),
  contact: Contact,
  created_at: Timestamp,
});

export function contactSubscriptionObject(
  unsubscribed: boolean,
  contact: Contact,
  at: number,
): Static<typeof ContactSubscription> {
  return {
    type: unsubscribed ? "contact_unsubscribe" : "contact_subscribe",
    contact,
    created_at: Math.floor(at / 1000),
  };
}
