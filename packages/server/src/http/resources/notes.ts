import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../core/validation.ts";
import { createNote, findNote, listNotes, type NoteView } from "../../resources/notes.ts";
import { errorResponses } from "../../wire/common.ts";
import { Note, NoteList, noteObject } from "../../wire/note.ts";
import { NoteBody, NoteContactParams, NoteParams } from "../../wire/note-input.ts";
import { forCaller } from "../api/for-caller.ts";
import { Paging, pageLinks, paging } from "../api/page-links.ts";
import { READ_CONTACT, WRITE_CONTACTS } from "./contacts/scopes.ts";

/**
 * Intercom's scope tables name no scope of their own for notes: a note is part of a contact's record
 * (its people data), so the scopes that open the contact open its notes. Any scope that reads one user
 * reads them (a note is read through its contact, one contact at a time); the scopes that write users
 * write them.
 */

const json = (note: NoteView) => noteObject(note.row, note.contactId, note.author);

/** `/contacts/{id}/notes` and `/notes/{id}`. */
export async function noteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/contacts/:contact_id/notes",
    {
      schema: {
        params: NoteContactParams,
        querystring: Paging,
        response: { 200: NoteList, ...errorResponses },
      },
      config: { scopes: READ_CONTACT },
    },
    async (request) => {
      const page = paging(request.query);
      const { notes, total } = await forCaller(request, listNotes, request.params.contact_id, page);
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
    {
      schema: { params: NoteContactParams, body: NoteBody, response: { 200: Note, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) =>
      json(
        await forCaller(
          request,
          createNote,
          request.params.contact_id,
          request.body,
          request.principal.admin.id,
        ),
      ),
  );

  app.get(
    "/notes/:note_id",
    {
      schema: {
        params: NoteParams,
        querystring: Type.Object({}),
        response: { 200: Note, ...errorResponses },
      },
      config: { scopes: READ_CONTACT },
    },
    async (request) => json(await forCaller(request, findNote, pathId(request.params.note_id))),
  );
}
