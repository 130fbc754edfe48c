import type { Kysely } from "kysely";
import type { Trx } from "../../core/services.ts";
import type { Database } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import type { TagRow } from "../../storage/tables/tags.ts";
import { type ContactRelations, contactObject, contactTagObject } from "../../wire/contact.ts";
import { workspaceIdCode } from "../kit/records.ts";
import { contactRelations } from "./relations.ts";

/** Intercom's JSON for each of a page of contacts of one workspace, in their order. */
export async function contactObjects(
  db: Kysely<Database> | Trx,
  rows: readonly ContactRow[],
  workspaceIdCode: string,
) {
  const relations = await contactRelations(db, rows);
  return rows.map((row) => contactObject(row, relations.get(row.seq) as ContactRelations, workspaceIdCode));
}

/**
 * The contact's JSON read inside a write's transaction, for the webhook notification that change raises
 * (on SQLite a write holds the only connection, so nothing may read beside it).
 */
export async function contactObjectIn(trx: Trx, row: ContactRow) {
  const idCode = await workspaceIdCode(trx, row.workspace_id);
  const [contact] = await contactObjects(trx, [row], idCode);
  return contact as ReturnType<typeof contactObject>;
}

/** The `contact_tag` a tagging notifies: the tag, and the contact as it now is, read in the write's transaction. */
export async function contactTagObjectIn(trx: Trx, contact: ContactRow, tag: TagRow) {
  return contactTagObject(tag, await contactObjectIn(trx, contact));
}
