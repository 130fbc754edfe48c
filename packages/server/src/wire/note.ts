import { type Static, Type } from "typebox";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { NoteRow } from "../storage/tables/notes.ts";
import { Admin, adminJson, type PlacedAdmin } from "./admin.ts";
import { Nullable, NumberedPages, Timestamp } from "./common.ts";

/** Intercom's `note` (2.14 `note`): about a contact, by an admin (null once that admin's account is gone). */
export const Note = Type.Object({
  type: Type.Literal("note"),
  id: Type.String(),
  created_at: Timestamp,
  contact: Type.Object({ type: Type.Literal("contact"), id: Type.String() }),
  author: Nullable(Admin),
  body: Type.String(),
});
export type Note = Static<typeof Note>;

/** A contact's notes, newest first (2.14 `note_list`); Intercom writes a missing next page as null. */
export const NoteList = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Note),
  total_count: Type.Integer({ minimum: 0 }),
  pages: Type.Object({ ...NumberedPages.properties, next: Nullable(Type.String()) }),
});

export function noteObject(row: NoteRow, contactId: string, author: PlacedAdmin | undefined): Note {
  return {
    type: "note",
    id: String(row.id),
    created_at: Math.floor(Number(row.created_at) / 1000),
    contact: { type: "contact", id: contactId },
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
export const ContactNotes = Type.Object({
  type: Type.Literal("list"),
  data: Type.Array(Type.Object({ type: Type.Literal("note"), id: Type.String(), url: Type.String() })),
  url: Type.String(),
  total_count: Type.Integer({ minimum: 0 }),
  has_more: Type.Boolean(),
});

export function contactNotes(row: ContactRow, notes: NoteRefs): Static<typeof ContactNotes> {
  return {
    type: "list",
    data: notes.ids.map((id) => ({ type: "note", id: String(id), url: `/notes/${id}` })),
    url: `/contacts/${row.id}/notes`,
    total_count: notes.total,
    has_more: notes.total > notes.ids.length,
  };
}
