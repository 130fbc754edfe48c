import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { conversationObject } from "../../../resources/conversations/present.ts";
import { type RedactInput, redactConversation } from "../../../resources/conversations/redaction.ts";

const Anything = Type.Optional(Type.Unknown());

/** `POST /conversations/redact`: erase a part or the opening message; answers the whole conversation. */
export async function conversationRedactionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/conversations/redact",
    {
      schema: {
        body: Type.Object({
          type: Anything,
          conversation_id: Anything,
          conversation_part_id: Anything,
          source_id: Anything,
        }),
      },
      config: { scopes: ["write_conversations"] },
    },
    async (request) => {
      const row = await redactConversation(
        app.services,
        request.principal.workspaceId,
        request.body as RedactInput,
      );
      return conversationObject(app.services.db, row, app.services.now());
    },
  );
}
