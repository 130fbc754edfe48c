import type { ContactRow } from "../storage/tables/contacts.ts";
import type { DataEventRow } from "../storage/tables/events.ts";

/** The contact's identifiers as an event shows them; absent ones are left out. */
export function eventIdentifiers(contact: ContactRow) {
  return {
    ...(contact.external_id !== null && { user_id: contact.external_id }),
    intercom_user_id: contact.id,
    ...(contact.email !== null && { email: contact.email }),
  };
}

/** Intercom's `event`: as a contact's event list shows it, and as `event.created` carries it. */
export function eventJson(row: DataEventRow, contact: ContactRow) {
  return {
    type: "event",
    id: row.id,
    created_at: row.occurred_at,
    event_name: row.event_name,
    ...eventIdentifiers(contact),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}
