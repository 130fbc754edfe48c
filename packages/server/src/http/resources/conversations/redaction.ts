import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { conversationObject } from "../../../resources/conversations/present.ts";
import { redactConversation } from "../../../resources/conversations/redaction.ts";
import { errorResponses } from "../../../wire/common.ts";
import { Conversation } from "../../../wire/conversation.ts";
import { RedactBody } from "../../../wire/conversation-input.ts";
import { forCaller } from "../../api/for-caller.ts";

/** `POST /conversations/redact`: erase a part or the opening message; answers the whole conversation. */
export async function conversationRedactionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/conversations/redact",
    {
      schema: {
        body: RedactBody,
        response: { 200: Conversation, ...errorResponses },
      },
      config: { scopes: ["write_conversations"] },
    },
    async (request) => {
      const row = await forCaller(request, redactConversation, request.body);
      return conversationObject(app.services.db, row, app.services.now());
    },
  );
}
