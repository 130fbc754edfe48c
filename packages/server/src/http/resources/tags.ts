import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../core/validation.ts";
import { applyTag } from "../../resources/tagging/contacts-companies.ts";
import { deleteTag, findTag, listTags } from "../../resources/tags.ts";
import { errorResponses, NoBody } from "../../wire/common.ts";
import { Tag, TagList, tagObject } from "../../wire/tag.ts";
import { TagBody, TagParams } from "../../wire/tag-input.ts";

const READ = ["read_tags", "read_users_companies"] as const;

/** `/tags`: read with "Read tags" (or "Read and list users and companies"); write with "Write tags". */
export async function tagRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/tags",
    {
      schema: { querystring: Type.Object({}), response: { 200: TagList, ...errorResponses } },
      config: { scopes: READ },
    },
    async (request) => ({
      type: "list" as const,
      data: (await listTags(app.services, request.principal.workspaceId)).map(tagObject),
    }),
  );

  app.get(
    "/tags/:tag_id",
    {
      schema: {
        params: TagParams,
        querystring: Type.Object({}),
        response: { 200: Tag, ...errorResponses },
      },
      config: { scopes: READ },
    },
    async (request) =>
      tagObject(await findTag(app.services, request.principal.workspaceId, recordId(request.params.tag_id))),
  );

  app.post(
    "/tags",
    {
      schema: { body: TagBody, response: { 200: Tag, ...errorResponses } },
      config: { scopes: ["write_tags", "write_users_companies"] },
    },
    async (request) => tagObject(await applyTag(app.services, request.principal.workspaceId, request.body)),
  );

  app.delete(
    "/tags/:tag_id",
    {
      // Intercom answers a deleted tag with 200 and no body.
      schema: { params: TagParams, response: { 200: NoBody, ...errorResponses } },
      config: { scopes: ["write_tags"] },
    },
    async (request, reply) => {
      await deleteTag(app.services, request.principal.workspaceId, recordId(request.params.tag_id));
      return reply.code(200).send();
    },
  );
}
