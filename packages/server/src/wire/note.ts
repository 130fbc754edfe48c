import type { NoteRow } from "../storage/notes-subscriptions-tables.ts";
import type { ContactRow } from "../storage/schema.ts";
import { adminJson, type PlacedAdmin } from "./admin.ts";

/** Intercom's `note`: about a contact, by an admin (null once that admin's account is gone). */
export function noteObject(row: NoteRow, contactId: string, author: PlacedAdmin | undefined) {
  return {
    type: "note" as const,
    id: String(row.id),
    created_at: Math.floor(Number(row.created_at) / 1000),
    contact: { type: "contact" as const, id: contactId },
    author: author ? adminJson(author, false) : null,
    body: row.body,
  };
}

/** A contact's `notes` (Intercom's `contact_notes`): how many, and refs to the newest ten. */
export function contactNotes(row: ContactRow) {
  const ids = JSON.parse(row.recent_note_ids) as number[];
  return {
    type: "list",
    data: ids.map((id) => ({ type: "note", id: String(id), url: `/notes/${id}` })),
    url: `/contacts/${row.id}/notes`,
    total_count: row.notes_count,
    has_more: row.notes_count > ids.length,
  };
}
