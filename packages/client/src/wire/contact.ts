import type { CursorPages, CustomAttributes } from "./common.ts";

/** A contact's tags, notes or companies as its JSON lists them: the first few, and where to read all. */
export interface AddressableList<Type extends string> {
  type: "list";
  data: Array<{ type: Type; id: string; url: string }>;
  url: string;
  total_count: number;
  has_more: boolean;
}

/**
 * Intercom's `contact`. Gatehouse does not track devices or location: those fields are null, as for a
 * contact never seen in a Messenger.
 */
export interface Contact {
  type: "contact";
  id: string;
  workspace_id: string;
  external_id: string | null;
  role: "user" | "lead";
  email: string | null;
  email_domain: string | null;
  phone: string | null;
  name: string | null;
  owner_id: number | null;
  has_hard_bounced: boolean;
  marked_email_as_spam: boolean;
  unsubscribed_from_emails: boolean;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  last_seen_at: number | null;
  last_replied_at: number | null;
  last_contacted_at: number | null;
  last_email_opened_at: number | null;
  last_email_clicked_at: number | null;
  language_override: string | null;
  browser: string | null;
  browser_version: string | null;
  browser_language: string | null;
  os: string | null;
  android_app_name: string | null;
  android_app_version: string | null;
  android_device: string | null;
  android_os_version: string | null;
  android_sdk_version: string | null;
  android_last_seen_at: number | null;
  ios_app_name: string | null;
  ios_app_version: string | null;
  ios_device: string | null;
  ios_os_version: string | null;
  ios_sdk_version: string | null;
  ios_last_seen_at: number | null;
  custom_attributes: CustomAttributes;
  /** Gatehouse answers the URL it was given; Intercom's schema describes an `avatar` object. */
  avatar: string | { type: "avatar"; image_url: string | null } | null;
  tags: AddressableList<"tag">;
  notes: AddressableList<"note">;
  companies: AddressableList<"company">;
  location: {
    type: "location" | null;
    country: string | null;
    region: string | null;
    city: string | null;
    [field: string]: unknown;
  };
  social_profiles: { type: "list"; data: unknown[] };
}

/** `POST /contacts` and `PUT /contacts/{id}`. */
export interface ContactInput {
  role?: "user" | "lead";
  external_id?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  avatar?: string | null;
  signed_up_at?: number | null;
  last_seen_at?: number | null;
  owner_id?: number | null;
  unsubscribed_from_emails?: boolean;
  custom_attributes?: CustomAttributes;
}

/** What `DELETE /contacts/{id}` answers. */
export interface ContactDeleted {
  type: "contact";
  id: string;
  external_id: string | null;
  deleted: boolean;
}

/** A page of `GET /contacts` and `POST /contacts/search`. */
export interface ContactPage {
  type: "list";
  data: Contact[];
  total_count: number;
  pages: CursorPages;
}
