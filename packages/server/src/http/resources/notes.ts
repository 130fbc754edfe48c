import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../core/validation.ts";
import { createNote, findNote, listNotes, type NoteView } from "../../resources/notes.ts";
import { noteObject } from "../../wire/note.ts";
import { Paging, pageLinks, paging } from "../api/page-links.ts";

/**
 * Intercom's scope tables name no scope of their own for notes: a note is part of a contact's record
 * (its people data), so the scopes that open the contact open its notes. Any scope that reads one user
 * reads them (a note is read through its contact, one contact at a time); the scopes that write users
 * write them.
 */
const READ = ["read_users_companies", "read_write_users", "read_single_user_company"] as const;
const WRITE = ["write_users_companies", "read_write_users"] as const;

// Any text: an id that is not a contact's is a contact not found (404), as Intercom answers it.
const ContactId = Type.Object({ contact_id: Type.String({ maxLength: 100 }) });
const Id = Type.Union([Type.Integer(), Type.String({ maxLength: 100 })]);
const NoteBody = Type.Object({
  body: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  admin_id: Type.Optional(Type.Union([Id, Type.Null()])),
  contact_id: Type.Optional(Type.Union([Id, Type.Null()])),
});

const json = (note: NoteView) => noteObject(note.row, note.contactId, note.author);

/** `/contacts/{id}/notes` and `/notes/{id}`. */
export async function noteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/contacts/:contact_id/notes",
    { schema: { params: ContactId, querystring: Paging }, config: { scopes: READ } },
    async (request) => {
      const page = paging(request.query);
      const { notes, total } = await listNotes(
        s,
        request.principal.workspaceId,
        request.params.contact_id,
        page,
      );
      const links = pageLinks(request, page, total);
      return {
        type: "list" as const,
        data: notes.map(json),
        total_count: total,
        // Intercom writes the missing next page as null.
        pages: { ...links, next: links.next ?? null },
      };
    },
  );

  app.post(
    "/contacts/:contact_id/notes",
    { schema: { params: ContactId, body: NoteBody }, config: { scopes: WRITE } },
    async (request) =>
      json(
        await createNote(
          s,
          request.principal.workspaceId,
          request.params.contact_id,
          request.body,
          request.principal.admin.id,
        ),
      ),
  );

  app.get(
    "/notes/:note_id",
    {
      schema: { params: Type.Object({ note_id: Type.String({ maxLength: 50 }) }) },
      config: { scopes: READ },
    },
    async (request) => json(await findNote(s, request.principal.workspaceId, pathId(request.params.note_id))),
  );
}
