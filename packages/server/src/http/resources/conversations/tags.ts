import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  type TaggingInput,
  tagConversation,
  untagConversation,
} from "../../../resources/tagging/conversations-tickets.ts";
import { AppliedTagObject, TaggingBody } from "../../../wire/applied-tag.ts";
import { errorResponses } from "../../../wire/common.ts";
import { appliedTagObject } from "../../../wire/tag.ts";

/**
 * Putting a tag on or taking it off is using the tag: Intercom's "Write tags" reads "Create, update, use
 * and delete tags", and `/contacts/{id}/tags` asks for it alone. "Write conversations" ("Reply to, mark
 * as read and close conversations") and "Write tickets" ("Create tickets") do not speak of tags, so
 * tagging a conversation or a ticket asks for "Write tags" and nothing else.
 */
export const TAGGING = ["write_tags"];

export const TagBody = TaggingBody;
/** A DELETE's body is optional on the wire; what it lacks is refused by name (`admin_id is required`). */
export const UntagBody = Type.Union([TaggingBody, Type.Null()]);
export const bodyOf = (body: TaggingInput | null | undefined): TaggingInput => body ?? {};
export const tagAnswers = { 200: AppliedTagObject, ...errorResponses };

/** `/conversations/{id}/tags`: put a tag on a conversation, take one off. */
export async function conversationTagRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/conversations/:conversation_id/tags",
    {
      schema: {
        params: Type.Object({ conversation_id: Type.String({ maxLength: 50 }) }),
        body: TagBody,
        response: tagAnswers,
      },
      config: { scopes: TAGGING },
    },
    async (request) =>
      appliedTagObject(
        await tagConversation(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.conversation_id),
          request.body,
        ),
      ),
  );

  app.delete(
    "/conversations/:conversation_id/tags/:tag_id",
    {
      schema: {
        params: Type.Object({
          conversation_id: Type.String({ maxLength: 50 }),
          tag_id: Type.String({ maxLength: 50 }),
        }),
        body: UntagBody,
        response: tagAnswers,
      },
      config: { scopes: TAGGING },
    },
    async (request) =>
      appliedTagObject(
        await untagConversation(
          app.services,
          request.principal.workspaceId,
          pathId(request.params.conversation_id),
          pathId(request.params.tag_id),
          bodyOf(request.body),
        ),
      ),
  );
}
