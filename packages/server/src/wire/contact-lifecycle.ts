import { toBool } from "../storage/schema.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";

/**
 * What `POST /contacts/{id}/archive` and `/unarchive` answer (Intercom's `contact_archived` and
 * `contact_unarchived`), and what `contact.archived` and `contact.unarchived` carry: Intercom notifies
 * these, like a deletion, with the reference the API answers rather than the whole contact.
 */
export function contactArchived(row: ContactRow) {
  return {
    id: row.id,
    external_id: row.external_id,
    type: "contact" as const,
    archived: toBool(row.archived),
  };
}

/** What `POST /contacts/{id}/block` answers (Intercom's `contact_blocked`): `blocked` is always true. */
export function contactBlocked(row: ContactRow) {
  return { id: row.id, external_id: row.external_id, type: "contact" as const, blocked: true as const };
}
