import type { ColumnType, Generated, Selectable } from "kysely";
import type { Id, Millis, RequiredFlag } from "./columns.ts";

/** Contacts (users and leads), their tags, and the segments that group them. */
export interface ContactsTables {
  contacts: ContactsTable;
  contact_tags: ContactTagsTable;
  segments: SegmentsTable;
}

export type ContactRole = "user" | "lead";

export interface ContactsTable {
  /** Internal order, for cursor pagination. */
  seq: Id;
  /** Intercom-style public id: 24 hex characters. */
  id: string;
  workspace_id: number;
  role: ContactRole;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  avatar: string | null;
  owner_id: number | null;
  unsubscribed_from_emails: RequiredFlag;
  /** Archived (a soft delete): hidden from the API's finds, lists and searches until unarchived. */
  archived: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** Blocked as spam: archived too, and not to be unarchived through the API. */
  blocked: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** JSON object of the workspace's custom attributes. */
  custom_attributes: ColumnType<string, string | undefined, string>;
  /** Unix seconds, as the API speaks them. */
  signed_up_at: number | null;
  last_seen_at: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export type ContactRow = Selectable<ContactsTable>;

export interface ContactTagsTable {
  contact_seq: number;
  tag_id: number;
  applied_at: Millis;
}

/** Intercom's `person_type`: `user` for users, `contact` for leads. */
export type SegmentPersonType = "user" | "contact";

export interface SegmentsTable {
  seq: Generated<number>;
  /** Intercom-style public id: 24 hex characters. */
  id: string;
  workspace_id: number;
  name: string;
  /** The name lower-cased: names are unique without regard to case. */
  name_key: string;
  person_type: SegmentPersonType;
  /** The filter, as JSON in Intercom's contact search language. */
  query: string;
  created_at: Millis;
  updated_at: Millis;
}

export type SegmentRow = Selectable<SegmentsTable>;
