import { errors } from "../core/errors.ts";
import { onPage } from "../core/paging.ts";
import { type Services, type Trx, write } from "../core/services.ts";
import { recordId } from "../core/validation.ts";
import { isMember } from "../platform/identity/admins.ts";
import { placeAdmins } from "../platform/identity/placed-admins.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { NoteRow } from "../storage/tables/notes.ts";
import type { PlacedAdmin } from "../wire/admin.ts";
import type { NoteBody } from "../wire/note-input.ts";
import { findContact } from "./contacts/contacts.ts";
import { longText } from "./content/fields.ts";
import { notFound } from "./kit/missing.ts";
import { findOr404 } from "./kit/records.ts";

/**
 * Notes: what admins write down about a contact. Intercom has no way to edit or delete one over the
 * API, so a note stays as written until its contact goes.
 */

type Db = Services["db"] | Trx;

const MAX_BODY = 65_535;

/** A note with what its JSON shows beside it: its contact's public id and its author. */
export interface NoteView {
  row: NoteRow;
  contactId: string;
  author: PlacedAdmin | undefined;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/**
 * Intercom keeps a note as HTML and answers plain text sent to it as paragraphs ("Hello" comes back
 * as "<p>Hello</p>"): each line of plain text becomes one. Text that opens with a tag is HTML already.
 */
export function noteHtml(value: string | null | undefined): string {
  if (value === undefined || value === null) throw errors.parameterNotFound("body is required", "body");
  const text = longText(value, "body", MAX_BODY);
  if (text.trim() === "") throw errors.parameterNotFound("body is required", "body");
  if (/^\s*<[a-zA-Z]/.test(text)) return text;
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => `<p>${escapeHtml(line.trim())}</p>`)
    .join("");
}

/** The notes' authors as the workspace sees them (their teams there). */
async function authors(
  db: Db,
  workspaceId: number,
  ids: Array<number | null>,
): Promise<Map<number, PlacedAdmin>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("admins")
    .select(["id", "name", "email", "job_title", "has_inbox_seat", "avatar_url"])
    .where("id", "in", wanted)
    .execute();
  return new Map((await placeAdmins(db, workspaceId, rows)).map((row) => [row.id, row]));
}

/**
 * A note on a contact of the workspace, by `admin_id` (an admin of the workspace) or, when none is
 * named, by the admin whose token wrote it, as Intercom attributes it.
 */
export async function createNote(
  s: Services,
  workspaceId: number,
  contactId: string,
  input: NoteBody,
  tokenAdminId: number,
): Promise<NoteView> {
  const body = noteHtml(input.body);
  const named = input.admin_id ?? undefined;
  const authorId = named === undefined ? tokenAdminId : recordId(named);
  // Found as the API finds contacts (archived ones are not), then written where it stands.
  const contact = await findContact(s, workspaceId, contactId);
  return write(s, async (trx) => {
    if (authorId === 0 || !(await isMember(trx, workspaceId, authorId))) {
      // The token's own admin may have left the workspace since: then someone must be named.
      throw named !== undefined
        ? notFound("Resource")
        : errors.parameterNotFound("admin_id is required", "admin_id");
    }
    // The contact may have gone since it was found: then its note has nowhere to go.
    await findOr404(trx.selectFrom("contacts").select("seq").where("seq", "=", contact.seq), "User");
    const row = await trx
      .insertInto("notes")
      .values({
        workspace_id: workspaceId,
        contact_seq: contact.seq,
        author_id: authorId,
        body,
        created_at: s.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      row,
      contactId: contact.id,
      author: (await authors(trx, workspaceId, [authorId])).get(authorId),
    };
  });
}

/** A page of a contact's notes, newest first, and how many it has in all. */
export async function listNotes(
  s: Services,
  workspaceId: number,
  contactId: string,
  page: { number: number; size: number },
): Promise<{ contact: ContactRow; notes: NoteView[]; total: number }> {
  const contact = await findContact(s, workspaceId, contactId);
  const rows = await s.db
    .selectFrom("notes")
    .selectAll()
    .where("contact_seq", "=", contact.seq)
    .orderBy("id", "desc")
    .$call(onPage(page))
    .execute();
  const total = await s.db
    .selectFrom("notes")
    .where("contact_seq", "=", contact.seq)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const by = await authors(
    s.db,
    workspaceId,
    rows.map((r) => r.author_id),
  );
  return {
    contact,
    notes: rows.map((row) => ({
      row,
      contactId: contact.id,
      author: row.author_id === null ? undefined : by.get(row.author_id),
    })),
    total: Number(total.n),
  };
}

/** One note of the workspace's contacts, by its id; 0 names none. */
export async function findNote(s: Services, workspaceId: number, noteId: number): Promise<NoteView> {
  const found = await findOr404(
    s.db
      .selectFrom("notes")
      .innerJoin("contacts", "contacts.seq", "notes.contact_seq")
      .selectAll("notes")
      .select("contacts.id as contact_public_id")
      .where("notes.workspace_id", "=", workspaceId)
      .where("notes.id", "=", noteId),
    "Resource",
  );
  const { contact_public_id, ...row } = found;
  const author =
    row.author_id === null
      ? undefined
      : (await authors(s.db, workspaceId, [row.author_id])).get(row.author_id);
  return { row, contactId: contact_public_id, author };
}
