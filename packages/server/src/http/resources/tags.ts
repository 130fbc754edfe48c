import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../core/validation.ts";
import { applyTag } from "../../resources/tagging/contacts-companies.ts";
import { deleteTag, findTag, listTags } from "../../resources/tags.ts";
import type { TagRow } from "../../storage/tables/tags.ts";

/** Intercom's `tag` object. */
const Tag = Type.Object({ type: Type.Literal("tag"), id: Type.String(), name: Type.String() });
const TagList = Type.Object({ type: Type.Literal("list"), data: Type.Array(Tag) });
const TagId = Type.Object({ tag_id: Type.String({ pattern: "^[0-9]{1,15}$" }) });

function present(tag: TagRow) {
  return { type: "tag" as const, id: String(tag.id), name: tag.name };
}

/** `/tags`: read with "Read tags" (or "Read and list users and companies"); write with "Write tags". */
export async function tagRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/tags",
    { schema: { response: { 200: TagList } }, config: { scopes: ["read_tags", "read_users_companies"] } },
    async (request) => ({
      type: "list" as const,
      data: (await listTags(app.services, request.principal.workspaceId)).map(present),
    }),
  );

  app.get(
    "/tags/:tag_id",
    {
      schema: { params: TagId, response: { 200: Tag } },
      config: { scopes: ["read_tags", "read_users_companies"] },
    },
    async (request) =>
      present(await findTag(app.services, request.principal.workspaceId, recordId(request.params.tag_id))),
  );

  app.post(
    "/tags",
    {
      schema: {
        body: Type.Object({
          name: Type.String({ maxLength: 1000 }),
          id: Type.Optional(Type.String({ pattern: "^[0-9]{1,15}$" })),
          companies: Type.Optional(
            Type.Array(
              Type.Object({
                id: Type.Optional(Type.String({ maxLength: 100 })),
                company_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Integer()])),
                untag: Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 5 })])),
              }),
              { maxItems: 1000 },
            ),
          ),
          users: Type.Optional(
            Type.Array(
              Type.Object({
                id: Type.Optional(Type.String({ maxLength: 100 })),
                untag: Type.Optional(Type.Union([Type.Boolean(), Type.String({ maxLength: 5 })])),
              }),
              { maxItems: 1000 },
            ),
          ),
        }),
        response: { 200: Tag },
      },
      config: { scopes: ["write_tags", "write_users_companies"] },
    },
    async (request) => {
      const body = request.body;
      const tag = await applyTag(app.services, request.principal.workspaceId, {
        name: body.name,
        ...(body.id !== undefined && { id: recordId(body.id) }),
        ...(body.companies && { companies: body.companies }),
        ...(body.users && { users: body.users }),
      });
      return present(tag);
    },
  );

  app.delete(
    "/tags/:tag_id",
    { schema: { params: TagId }, config: { scopes: ["write_tags"] } },
    async (request, reply) => {
      await deleteTag(app.services, request.principal.workspaceId, recordId(request.params.tag_id));
      return reply.code(200).send();
    },
  );
}
