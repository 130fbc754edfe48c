import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../../core/validation.ts";
import {
  contactTags,
  createContact,
  deleteContact,
  findContact,
  listContacts,
  tagContact,
  untagContact,
  updateContact,
} from "../../../resources/contacts/contacts.ts";
import { contactObjects } from "../../../resources/contacts/present.ts";
import type { ContactRow } from "../../../storage/tables/contacts.ts";
import { errorResponses } from "../../../wire/common.ts";
import { Contact, ContactList, DeletedContact, deletedContact } from "../../../wire/contact.ts";
import {
  ContactBody,
  ContactParams,
  ContactSearchBody,
  ContactTagBody,
  ContactTagParams,
  CursorPaging,
} from "../../../wire/contact-input.ts";
import { Tag, TagList, tagObject } from "../../../wire/tag.ts";
import { forCaller } from "../../api/for-caller.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";
import { LIST_CONTACTS, READ_CONTACT, WRITE_CONTACTS } from "./scopes.ts";

const One = { 200: Contact, ...errorResponses };
const NoQuery = Type.Object({});

/**
 * A contact as Intercom's JSON shows it to the caller (under its workspace's id code), with its tags and
 * (up to ten of) its companies and notes.
 */
export async function contactJson(request: FastifyRequest, row: ContactRow) {
  const [contact] = await contactObjects(
    request.server.services.db,
    [row],
    request.principal.workspace.idCode,
  );
  return contact;
}

/** `/contacts`: create, find, update, delete, list with cursor pagination, and their tags. */
export async function contactRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;

  app.post(
    "/contacts",
    { schema: { body: ContactBody, response: One }, config: { scopes: WRITE_CONTACTS } },
    async (request) => contactJson(request, await forCaller(request, createContact, request.body)),
  );

  app.get(
    "/contacts/:contact_id",
    {
      schema: { params: ContactParams, querystring: NoQuery, response: One },
      config: { scopes: READ_CONTACT },
    },
    async (request) => contactJson(request, await forCaller(request, findContact, request.params.contact_id)),
  );

  app.put(
    "/contacts/:contact_id",
    {
      schema: { params: ContactParams, body: ContactBody, response: One },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) =>
      contactJson(request, await forCaller(request, updateContact, request.params.contact_id, request.body)),
  );

  app.delete(
    "/contacts/:contact_id",
    {
      schema: { params: ContactParams, response: { 200: DeletedContact, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) => {
      const row = await forCaller(request, deleteContact, request.params.contact_id);
      return deletedContact(row);
    },
  );

  /** One page of contacts as Intercom lists them, with the cursor to the next page. */
  async function page(
    request: { principal: { workspaceId: number; workspace: { idCode: string } } },
    paging: { per_page?: number; starting_after?: string },
    search?: unknown,
  ) {
    const wanted = cursorRequest(paging, 50);
    const page = await listContacts(services(), request.principal.workspaceId, wanted, search);
    return {
      type: "list" as const,
      data: await contactObjects(services().db, page.rows, request.principal.workspace.idCode),
      total_count: page.total,
      pages: cursorPages(wanted, page, page.rows.at(-1)?.seq),
    };
  }

  const List = { 200: ContactList, ...errorResponses };

  app.get(
    "/contacts",
    { schema: { querystring: CursorPaging, response: List }, config: { scopes: LIST_CONTACTS } },
    (request) => page(request, request.query),
  );

  app.post(
    "/contacts/search",
    {
      schema: { body: ContactSearchBody, response: List },
      config: { scopes: LIST_CONTACTS },
    },
    (request) => page(request, request.body.pagination ?? {}, request.body.query),
  );

  app.get(
    "/contacts/:contact_id/tags",
    {
      schema: { params: ContactParams, querystring: NoQuery, response: { 200: TagList, ...errorResponses } },
      config: { scopes: ["read_tags", ...LIST_CONTACTS] },
    },
    async (request) => {
      const contact = await forCaller(request, findContact, request.params.contact_id);
      return { type: "list" as const, data: (await contactTags(services(), contact)).map(tagObject) };
    },
  );

  app.post(
    "/contacts/:contact_id/tags",
    {
      schema: { params: ContactParams, body: ContactTagBody, response: { 200: Tag, ...errorResponses } },
      config: { scopes: ["write_tags"] },
    },
    async (request) =>
      tagObject(await forCaller(request, tagContact, request.params.contact_id, recordId(request.body.id))),
  );

  app.delete(
    "/contacts/:contact_id/tags/:tag_id",
    {
      schema: { params: ContactTagParams, response: { 200: Tag, ...errorResponses } },
      config: { scopes: ["write_tags"] },
    },
    async (request) =>
      tagObject(
        await forCaller(request, untagContact, request.params.contact_id, recordId(request.params.tag_id)),
      ),
  );
}
