import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { convertVisitor, findVisitorByUserId, updateVisitor } from "../../resources/visitors.ts";
import { errorResponses } from "../../wire/common.ts";
import { Contact } from "../../wire/contact.ts";
import { Visitor, visitorJson } from "../../wire/visitor.ts";
import { ConvertVisitorBody, VisitorChangesBody, VisitorQuery } from "../../wire/visitor-input.ts";
import { forCaller } from "../api/for-caller.ts";
import { contactJson } from "./contacts/contacts.ts";
import { READ_CONTACT, WRITE_CONTACTS } from "./contacts/scopes.ts";

/**
 * Visitors are people data, as users and leads are: Intercom's permissions have no scope of their own
 * for them. Reading one takes what reading one contact takes; changing one, or converting it into a
 * contact, what writing contacts takes.
 */

const One = { 200: Visitor, ...errorResponses };

/** `/visitors`: find by `user_id`, update, and convert into a lead or a user. */
export async function visitorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/visitors",
    {
      schema: { querystring: VisitorQuery, response: One },
      config: { scopes: READ_CONTACT },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return visitorJson(await findVisitorByUserId(s, workspaceId, request.query.user_id), workspace.idCode);
    },
  );

  app.put(
    "/visitors",
    {
      schema: { body: VisitorChangesBody, response: One },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return visitorJson(await updateVisitor(s, workspaceId, request.body), workspace.idCode);
    },
  );

  app.post(
    "/visitors/convert",
    {
      schema: { body: ConvertVisitorBody, response: { 200: Contact, ...errorResponses } },
      config: { scopes: WRITE_CONTACTS },
    },
    async (request) => contactJson(request, await forCaller(request, convertVisitor, request.body)),
  );
}
