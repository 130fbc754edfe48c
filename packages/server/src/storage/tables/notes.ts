import type { Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Notes admins write about contacts. */
export interface NotesTables {
  notes: NotesTable;
}

export interface NotesTable {
  id: Generated<number>;
  workspace_id: number;
  contact_seq: number;
  /** The admin who wrote it; null once that admin is gone. */
  author_id: number | null;
  /** HTML, as Intercom keeps and answers it. */
  body: string;
  created_at: Millis;
}

export type NoteRow = Selectable<NotesTable>;
