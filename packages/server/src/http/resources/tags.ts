import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { recordId } from "../../core/validation.ts";
import { applyTag } from "../../resources/tagging/contacts-companies.ts";
import { deleteTag, findTag, listTags } from "../../resources/tags.ts";
import { errorResponses, NoBody } from "../../wire/common.ts";
import { Tag, TagList, tagObject } from "../../wire/tag.ts";
import { TagBody, TagParams } from "../../wire/tag-input.ts";
import { forCaller } from "../api/for-caller.ts";

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
      data: (await forCaller(request, listTags)).map(tagObject),
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
    async (request) => tagObject(await forCaller(request, findTag, recordId(request.params.tag_id))),
  );

  app.post(
    "/tags",
    {
      schema: { body: TagBody, response: { 200: Tag, ...errorResponses } },
      config: { scopes: ["write_tags", "write_users_companies"] },
    },
    async (request) => tagObject(await forCaller(request, applyTag, request.body)),
  );

  app.delete(
    "/tags/:tag_id",
    {
      // Intercom answers a deleted tag with 200 and no body.
      schema: { params: TagParams, response: { 200: NoBody, ...errorResponses } },
      config: { scopes: ["write_tags"] },
    },
    async (request, reply) => {
      await forCaller(request, deleteTag, recordId(request.params.tag_id));
      return reply.code(200).send();
    },
  );
}
