import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import { Nullable } from "./common.ts";

export const ContactArchived = Type.Object({
  id: Type.String(),
  external_id: Nullable(Type.String()),
  type: Type.Literal("contact"),
  archived: Type.Boolean(),
});

export const ContactBlocked = Type.Object({
  id: Type.String(),
  external_id: Nullable(Type.String()),
  type: Type.Literal("contact"),
  blocked: Type.Literal(true),
});

/**
 * What `POST /contacts/{id}/archive` and `/unarchive` answer (Intercom's `contact_archived` and
 * `contact_unarchived`), and what `contact.archived` and `contact.unarchived` carry: Intercom notifies
 * these, like a deletion, with the reference the API answers rather than the whole contact.
 */
export function contactArchived(row: ContactRow): Static<typeof ContactArchived> {
  return { id: row.id, external_id: row.external_id, type: "contact", archived: toBool(row.archived) };
}

/** What `POST /contacts/{id}/block` answers (Intercom's `contact_blocked`): `blocked` is always true. */
export function contactBlocked(row: ContactRow): Static<typeof ContactBlocked> {
  return { id: row.id, external_id: row.external_id, type: "contact", blocked: true };
}
