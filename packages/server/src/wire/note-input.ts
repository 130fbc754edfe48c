import { type Static, Type } from "typebox";

/** Any text: an id that is not a contact's is a contact not found (404), as Intercom answers it. */
export const NoteContactParams = Type.Object({ contact_id: Type.String({ maxLength: 100 }) });

/** Any text: an id that is not digits names no note (404). */
export const NoteParams = Type.Object({ note_id: Type.String({ maxLength: 50 }) });

/** An id Intercom's clients send as a number or as its digits. */
const Id = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: "^[0-9]{1,15}$" })]);

/**
 * `POST /contacts/{id}/notes`. A missing, null or blank `body` is a missing one (the domain's check, as
 * is a NUL character in it); `contact_id` may repeat the path's, which is the one that counts.
 */
export const NoteBody = Type.Object({
  body: Type.Optional(Type.Union([Type.String({ maxLength: 65_535 }), Type.Null()])),
  admin_id: Type.Optional(Type.Union([Id, Type.Null()])),
  contact_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 100 }), Type.Null()])),
});
export type NoteBody = Static<typeof NoteBody>;
