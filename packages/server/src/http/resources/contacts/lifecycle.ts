import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  archiveContact,
  blockContact,
  findUserByExternalId,
  mergeContacts,
  unarchiveContact,
} from "../../../resources/contacts/lifecycle.ts";
import { errorResponses } from "../../../wire/common.ts";
import { Contact } from "../../../wire/contact.ts";
import { ContactParams, ExternalIdParams, MergeBody } from "../../../wire/contact-input.ts";
import {
  ContactArchived,
  ContactBlocked,
  contactArchived,
  contactBlocked,
} from "../../../wire/contact-lifecycle.ts";
import { forCaller } from "../../api/for-caller.ts";
import { contactJson } from "./contacts.ts";
import { READ_CONTACT, WRITE_CONTACTS } from "./scopes.ts";

const Archived = { 200: ContactArchived, ...errorResponses };
// These take no body: what a client sends with them is ignored.
const noBody = { takesNoBody: true, scopes: WRITE_CONTACTS };

/** `/contacts`: find a user by external_id, archive, unarchive, block, and merge a lead into a user. */
export async function contactLifecycleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/contacts/find_by_external_id/:external_id",
    {
      schema: {
        params: ExternalIdParams,
        querystring: Type.Object({}),
        response: { 200: Contact, ...errorResponses },
      },
      config: { scopes: READ_CONTACT },
    },
    async (request) =>
      contactJson(request, await forCaller(request, findUserByExternalId, request.params.external_id)),
  );

  app.post(
    "/contacts/:contact_id/archive",
    { schema: { params: ContactParams, response: Archived }, config: noBody },
    async (request) => contactArchived(await forCaller(request, archiveContact, request.params.contact_id)),
  );

  app.post(
    "/contacts/:contact_id/unarchive",
    { schema: { params: ContactParams, response: Archived }, config: noBody },
    async (request) => contactArchived(await forCaller(request, unarchiveContact, request.params.contact_id)),
  );

  app.post(
    "/contacts/:contact_id/block",
    {
      schema: { params: ContactParams, response: { 200: ContactBlocked, ...errorResponses } },
      config: noBody,
    },
    async (request) => contactBlocked(await forCaller(request, blockContact, request.params.contact_id)),
  );

  app.post(
    "/contacts/merge",
    {
      schema: { body: MergeBody, response: { 200: Contact, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) => contactJson(request, await forCaller(request, mergeContacts, request.body)),
  );
}
