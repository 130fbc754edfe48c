import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../domain/errors.ts";
import { createOrUpdateTag, deleteTag, findTag, listTags } from "../../domain/tags.ts";
import { recordId } from "../../domain/validation.ts";
import type { TagRow } from "../../storage/schema.ts";

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
              Type.Object({ id: Type.Optional(Type.String()), company_id: Type.Optional(Type.String()) }),
            ),
          ),
          users: Type.Optional(Type.Array(Type.Object({ id: Type.Optional(Type.String()) }))),
        }),
        response: { 200: Tag },
      },
      config: { scopes: ["write_tags", "write_users_companies"] },
    },
    async (request) => {
      const body = request.body;
      // Tagging names companies and contacts by id; this workspace holds none yet, so none can be found.
      if (body.companies && body.companies.length > 0)
        throw new ApiError(404, "company_not_found", "Company Not Found");
      if (body.users && body.users.length > 0) throw new ApiError(404, "not_found", "User Not Found");
      const tag = await createOrUpdateTag(app.services, request.principal.workspaceId, {
        name: body.name,
        ...(body.id !== undefined && { id: recordId(body.id) }),
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
