import type { VisitorRow } from "../storage/tables/messenger.ts";

/**
 * Intercom's `visitor`. What only a Messenger would fill in (location, sessions, referrer, UTM
 * parameters) is empty, as for a visitor seen once; a visitor has no tags, segments or companies.
 * Intercom answers an unknown email as "" here, not null.
 */
export function visitorJson(row: VisitorRow, workspaceIdCode: string) {
  const created = Math.floor(Number(row.created_at) / 1000);
  return {
    type: "visitor" as const,
    id: row.id,
    user_id: row.user_id,
    anonymous: row.email === null,
    email: row.email ?? "",
    phone: row.phone,
    name: row.name,
    pseudonym: row.pseudonym,
    avatar: { type: "avatar" as const, image_url: null },
    app_id: workspaceIdCode,
    companies: { type: "company.list" as const, companies: [] },
    location_data: {},
    last_request_at: null,
    created_at: created,
    remote_created_at: created,
    signed_up_at: created,
    updated_at: Math.floor(Number(row.updated_at) / 1000),
    session_count: 0,
    social_profiles: { type: "social_profile.list" as const, social_profiles: [] },
    owner_id: null,
    unsubscribed_from_emails: false,
    marked_email_as_spam: false,
    has_hard_bounced: false,
    tags: { type: "tag.list" as const, tags: [] },
    segments: { type: "segment.list" as const, segments: [] },
    custom_attributes: JSON.parse(row.custom_attributes) as Record<string, unknown>,
    referrer: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    do_not_track: null,
  };
}
