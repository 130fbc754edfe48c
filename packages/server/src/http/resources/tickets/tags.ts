import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { tagTicket, untagTicket } from "../../../resources/tagging/conversations-tickets.ts";
import { appliedTagObject } from "../../../wire/tag.ts";
import { bodyOf, TAGGING, TagBody, tagAnswers, UntagBody } from "../conversations/tags.ts";

/** `/tickets/{id}/tags`: put a tag on a ticket, take one off; the same "Write tags" as conversations. */
export async function ticketTagRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/tickets/:ticket_id/tags",
    {
      schema: {
        params: Type.Object({ ticket_id: Type.String({ maxLength: 50 }) }),
        body: TagBody,
        response: tagAnswers,
      },
      config: { scopes: TAGGING },
    },
    async (request) =>
      appliedTagObject(
        await tagTicket(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_id),
          request.body,
        ),
      ),
  );

  app.delete(
    "/tickets/:ticket_id/tags/:tag_id",
    {
      schema: {
        params: Type.Object({
          ticket_id: Type.String({ maxLength: 50 }),
          tag_id: Type.String({ maxLength: 50 }),
        }),
        body: UntagBody,
        response: tagAnswers,
      },
      config: { scopes: TAGGING },
    },
    async (request) =>
      appliedTagObject(
        await untagTicket(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.ticket_id),
          pathId(request.params.tag_id),
          bodyOf(request.body),
        ),
      ),
  );
}
