import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  type TaggableKind,
  tagRecord,
  untagRecord,
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
const TAGGING = ["write_tags"];

/** A DELETE's body is optional on the wire; what it lacks is refused by name (`admin_id is required`). */
const UntagBody = Type.Union([TaggingBody, Type.Null()]);
const tagAnswers = { 200: AppliedTagObject, ...errorResponses };

/**
 * `/conversations/{conversation_id}/tags` and `/tickets/{ticket_id}/tags` (with their `DELETE …/{tag_id}`):
 * the two are tagged the same way on the wire (the same bodies, scope and answer), so one pair of routes
 * serves both; only the path's words differ, `{kind}s/:{kind}_id` as Intercom's description spells them.
 */
function recordTagRoutes(kind: TaggableKind) {
  const record = `${kind}_id` as const;
  const id = Type.String({ maxLength: 50 });
  // Typed by hand: a computed key alone would leave the record's id typed as possibly missing.
  const recordParam = { [record]: id } as Record<typeof record, typeof id>;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `/${kind}s/:${record}/tags`,
      {
        schema: { params: Type.Object(recordParam), body: TaggingBody, response: tagAnswers },
        config: { scopes: TAGGING },
      },
      async (request) => {
        const recordId = pathId(request.params[record]);
        return appliedTagObject(
          await tagRecord(app.services, kind, request.principal.workspaceId, recordId, request.body),
        );
      },
    );

    app.delete(
      `/${kind}s/:${record}/tags/:tag_id`,
      {
        schema: {
          params: Type.Object({ ...recordParam, tag_id: id }),
          body: UntagBody,
          response: tagAnswers,
        },
        config: { scopes: TAGGING },
      },
      async (request) => {
        const recordId = pathId(request.params[record]);
        const tagId = pathId(request.params.tag_id);
        const input = request.body ?? {};
        return appliedTagObject(
          await untagRecord(app.services, kind, request.principal.workspaceId, recordId, tagId, input),
        );
      },
    );
  };
}

/** `/conversations/{id}/tags`: put a tag on a conversation, take one off. */
export const conversationTagRoutes = recordTagRoutes("conversation");
/** `/tickets/{id}/tags`: put a tag on a ticket, take one off; the same "Write tags" as conversations. */
export const ticketTagRoutes = recordTagRoutes("ticket");
