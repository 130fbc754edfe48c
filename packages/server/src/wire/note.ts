import type { ContactRow } from "../storage/tables/contacts.ts";
import type { NoteRow } from "../storage/tables/notes.ts";
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

/** How many notes a contact has, and the ids of the newest ones its JSON names. */
export interface NoteRefs {
  ids: number[];
  total: number;
}

/** A contact's `notes` (Intercom's `contact_notes`): how many, and refs to the newest ten. */
export function contactNotes(row: ContactRow, notes: NoteRefs) {
  return {
    type: "list",
    data: notes.ids.map((id) => ({ type: "note", id: String(id), url: `/notes/${id}` })),
    url: `/contacts/${row.id}/notes`,
    total_count: notes.total,
    has_more: notes.total > notes.ids.length,
  };
}
