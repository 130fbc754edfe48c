import type { Kysely } from "kysely";
import type { Trx } from "../domain/services.ts";
import type { NoteRow } from "../storage/notes-subscriptions-tables.ts";
import type { ContactRow, Database } from "../storage/schema.ts";
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

/** How many of a contact's newest notes its JSON names. */
const NAMED = 10;

export async function contactNoteRefs(db: Kysely<Database> | Trx, contactSeq: number): Promise<NoteRefs> {
  const newest = await db
    .selectFrom("notes")
    .select("id")
    .where("contact_seq", "=", contactSeq)
    .orderBy("id", "desc")
    .limit(NAMED)
    .execute();
  const total =
    newest.length < NAMED
      ? newest.length
      : Number(
          (
            await db
              .selectFrom("notes")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("contact_seq", "=", contactSeq)
              .executeTakeFirstOrThrow()
          ).n,
        );
  return { ids: newest.map((n) => n.id), total };
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
