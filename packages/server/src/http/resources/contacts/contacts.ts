import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Services } from "../../../core/services.ts";
import { recordId } from "../../../core/validation.ts";
import {
  type ContactInput,
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
import type { TagRow } from "../../../storage/tables/tags.ts";
import { deletedContact } from "../../../wire/contact.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";

const READ = ["read_users_companies", "read_write_users", "read_single_user_company"] as const;
const LIST = ["read_users_companies", "read_write_users"] as const;
const WRITE = ["write_users_companies", "read_write_users"] as const;

const ContactId = Type.Object({ contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }) });
const ContactBody = Type.Object({
  role: Type.Optional(Type.String()),
  external_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  avatar: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  signed_up_at: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  last_seen_at: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  owner_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  unsubscribed_from_emails: Type.Optional(Type.Boolean()),
  custom_attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** A contact as Intercom's JSON shows it, with its tags and (up to ten of) its companies and notes. */
export async function contactJson(s: Services, row: ContactRow, workspaceIdCode: string) {
  const [contact] = await contactObjects(s.db, [row], workspaceIdCode);
  return contact;
}

/** `/contacts`: create, find, update, delete, list with cursor pagination, and their tags. */
export async function contactRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const services = () => app.services;
  const withTags = (row: ContactRow, workspaceIdCode: string) =>
    contactJson(services(), row, workspaceIdCode);

  app.post("/contacts", { schema: { body: ContactBody }, config: { scopes: WRITE } }, async (request) =>
    withTags(
      await createContact(services(), request.principal.workspaceId, request.body as ContactInput),
      request.principal.workspace.idCode,
    ),
  );

  app.get(
    "/contacts/:contact_id",
    { schema: { params: ContactId }, config: { scopes: READ } },
    async (request) =>
      withTags(
        await findContact(services(), request.principal.workspaceId, request.params.contact_id),
        request.principal.workspace.idCode,
      ),
  );

  app.put(
    "/contacts/:contact_id",
    { schema: { params: ContactId, body: ContactBody }, config: { scopes: WRITE } },
    async (request) =>
      withTags(
        await updateContact(
          services(),
          request.principal.workspaceId,
          request.params.contact_id,
          request.body as ContactInput,
        ),
        request.principal.workspace.idCode,
      ),
  );

  app.delete(
    "/contacts/:contact_id",
    { schema: { params: ContactId }, config: { scopes: WRITE } },
    async (request) => {
      const row = await deleteContact(services(), request.principal.workspaceId, request.params.contact_id);
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
      type: "list",
      data: await contactObjects(services().db, page.rows, request.principal.workspace.idCode),
      total_count: page.total,
      pages: cursorPages(wanted, page, page.rows.at(-1)?.seq),
    };
  }

  const Paging = {
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
    starting_after: Type.Optional(Type.String({ maxLength: 200 })),
  };

  app.get(
    "/contacts",
    { schema: { querystring: Type.Object(Paging) }, config: { scopes: LIST } },
    (request) => page(request, request.query),
  );

  app.post(
    "/contacts/search",
    {
      schema: {
        body: Type.Object({
          query: Type.Record(Type.String(), Type.Unknown()),
          pagination: Type.Optional(Type.Object(Paging)),
        }),
      },
      config: { scopes: LIST },
    },
    (request) => page(request, request.body.pagination ?? {}, request.body.query),
  );

  const TagBody = Type.Object({
    id: Type.Union([Type.String({ pattern: "^[0-9]{1,15}$" }), Type.Integer({ minimum: 1 })]),
  });
  const tagJson = (t: TagRow) => ({ type: "tag", id: String(t.id), name: t.name });

  app.get(
    "/contacts/:contact_id/tags",
    { schema: { params: ContactId }, config: { scopes: ["read_tags", ...LIST] } },
    async (request) => {
      const contact = await findContact(services(), request.principal.workspaceId, request.params.contact_id);
      return { type: "list", data: (await contactTags(services(), contact)).map(tagJson) };
    },
  );

  app.post(
    "/contacts/:contact_id/tags",
    { schema: { params: ContactId, body: TagBody }, config: { scopes: ["write_tags"] } },
    async (request) =>
      tagJson(
        await tagContact(
          services(),
          request.principal.workspaceId,
          request.params.contact_id,
          recordId(request.body.id),
        ),
      ),
  );

  app.delete(
    "/contacts/:contact_id/tags/:tag_id",
    {
      schema: {
        params: Type.Object({
          contact_id: Type.String({ pattern: "^[0-9a-f]{24}$" }),
          tag_id: Type.String({ pattern: "^[0-9]{1,15}$" }),
        }),
      },
      config: { scopes: ["write_tags"] },
    },
    async (request) =>
      tagJson(
        await untagContact(
          services(),
          request.principal.workspaceId,
          request.params.contact_id,
          recordId(request.params.tag_id),
        ),
      ),
  );
}
