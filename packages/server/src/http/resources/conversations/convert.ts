import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import { convertConversation } from "../../../resources/conversations/convert.ts";
import { ticketsJson } from "../../../resources/tickets/present.ts";

const ConversationId = Type.Object({ conversation_id: Type.String({ maxLength: 50 }) });
const ConvertBody = Type.Object({
  ticket_type_id: Type.Optional(Type.Unknown()),
  attributes: Type.Optional(Type.Unknown()),
});

/**
 * `POST /conversations/{id}/convert`: the conversation becomes a customer ticket. Intercom files it
 * under Conversations and it acts on one, so it needs "Write conversations".
 */
export async function conversationConvertRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/conversations/:conversation_id/convert",
    { schema: { params: ConversationId, body: ConvertBody }, config: { scopes: ["write_conversations"] } },
    async (request) => {
      const { workspaceId, workspace } = request.principal;
      const ticket = await convertConversation(
        app.services,
        workspaceId,
        pathId(request.params.conversation_id),
        request.body,
      );
      const [json] = await ticketsJson(app.services.db, workspaceId, workspace.idCode, [ticket]);
      return json;
    },
  );
}
