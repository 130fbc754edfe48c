import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { pathId } from "../../../core/validation.ts";
import { convertConversation } from "../../../resources/conversations/convert.ts";
import { ticketsJson } from "../../../resources/tickets/present.ts";
import { errorResponses } from "../../../wire/common.ts";
import { ConversationParams, ConvertBody } from "../../../wire/conversation-input.ts";
import { Ticket } from "../../../wire/ticket.ts";

/**
 * `POST /conversations/{id}/convert`: the conversation becomes a customer ticket. Intercom files it
 * under Conversations and it acts on one, so it needs "Write conversations".
 */
export async function conversationConvertRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    "/conversations/:conversation_id/convert",
    {
      schema: {
        params: ConversationParams,
        body: ConvertBody,
        response: { 200: Ticket, ...errorResponses },
      },
      config: { scopes: ["write_conversations"] },
    },
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
