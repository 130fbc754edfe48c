import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import {
  type ConvertInput,
  convertVisitor,
  findVisitorByUserId,
  updateVisitor,
  type VisitorChanges,
} from "../../resources/visitors.ts";
import { visitorJson } from "../../wire/visitor.ts";
import { contactJson } from "./contacts/contacts.ts";

/**
 * Visitors are people data, as users and leads are: Intercom's permissions have no scope of their own
 * for them. Reading one takes what reading one contact takes; changing one, or converting it into a
 * contact, what writing contacts takes.
 */
const READ = ["read_users_companies", "read_write_users", "read_single_user_company"] as const;
const WRITE = ["write_users_companies", "read_write_users"] as const;

const Anything = Type.Optional(Type.Unknown());

/** `/visitors`: find by `user_id`, update, and convert into a lead or a user. */
export async function visitorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const s = app.services;

  app.get(
    "/visitors",
    {
      schema: { querystring: Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 255 }) }) },
      config: { scopes: READ },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return visitorJson(await findVisitorByUserId(s, workspaceId, request.query.user_id), workspace.idCode);
    },
  );

  app.put(
    "/visitors",
    {
      schema: {
        body: Type.Object({ id: Anything, user_id: Anything, name: Anything, custom_attributes: Anything }),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      return visitorJson(
        await updateVisitor(s, workspaceId, request.body as VisitorChanges),
        workspace.idCode,
      );
    },
  );

  app.post(
    "/visitors/convert",
    {
      schema: { body: Type.Object({ type: Anything, user: Anything, visitor: Anything }) },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const contact = await convertVisitor(s, workspaceId, request.body as ConvertInput);
      return contactJson(s, contact, workspace.idCode);
    },
  );
}
