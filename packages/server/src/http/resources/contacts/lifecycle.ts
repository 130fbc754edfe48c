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
import { contactArchived, contactBlocked } from "../../../wire/contact-lifecycle.ts";
import { contactJson } from "./contacts.ts";

// The scopes of the other contact routes (`contacts.ts`): reading one contact, and writing contacts.
const READ = ["read_users_companies", "read_write_users", "read_single_user_company"] as const;
const WRITE = ["write_users_companies", "read_write_users"] as const;

const ContactId = Type.Object({ contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }) });

/** `/contacts`: find a user by external_id, archive, unarchive, block, and merge a lead into a user. */
export async function contactLifecycleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;

  app.get(
    "/contacts/find_by_external_id/:external_id",
    {
      schema: { params: Type.Object({ external_id: Type.String({ minLength: 1, maxLength: 255 }) }) },
      config: { scopes: READ },
    },
    async (request) =>
      contactJson(
        services(),
        await findUserByExternalId(services(), request.principal.workspaceId, request.params.external_id),
        request.principal.workspace.idCode,
      ),
  );

  app.post(
    "/contacts/:contact_id/archive",
    { schema: { params: ContactId }, config: { scopes: WRITE } },
    async (request) =>
      contactArchived(
        await archiveContact(services(), request.principal.workspaceId, request.params.contact_id),
      ),
  );

  app.post(
    "/contacts/:contact_id/unarchive",
    { schema: { params: ContactId }, config: { scopes: WRITE } },
    async (request) =>
      contactArchived(
        await unarchiveContact(services(), request.principal.workspaceId, request.params.contact_id),
      ),
  );

  app.post(
    "/contacts/:contact_id/block",
    { schema: { params: ContactId }, config: { scopes: WRITE } },
    async (request) =>
      contactBlocked(
        await blockContact(services(), request.principal.workspaceId, request.params.contact_id),
      ),
  );

  app.post(
    "/contacts/merge",
    {
      schema: {
        body: Type.Object({
          from: Type.String({ maxLength: 100 }),
          into: Type.String({ maxLength: 100 }),
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      contactJson(
        services(),
        await mergeContacts(services(), request.principal.workspaceId, request.body),
        request.principal.workspace.idCode,
      ),
  );
}
