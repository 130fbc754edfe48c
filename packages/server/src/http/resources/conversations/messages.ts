import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { adminsJson } from "../../../platform/identity/placed-admins.ts";
import { sendMessage } from "../../../resources/conversations/messages.ts";
import { errorResponses } from "../../../wire/common.ts";
import { NewMessageBody } from "../../../wire/conversation-input.ts";
import { AdminMessage } from "../../../wire/message.ts";

/** `/messages`: an admin writes first to a contact. */
export async function messageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/messages",
    {
      schema: {
        body: NewMessageBody,
        response: { 200: AdminMessage, ...errorResponses },
      },
      // A message starts a conversation and writes into it, as a reply does: Intercom asks for
      // "Write conversations" here, and reading the conversation afterwards takes read_conversations.
      config: { scopes: ["write_conversations"] },
    },
    async (request) => {
      const { workspaceId } = request.principal;
      const { row, sender } = await sendMessage(app.services, workspaceId, request.body);
      const [owner] = await adminsJson(app.services.db, workspaceId, [sender], false);
      if (!owner) throw new Error("the sender is placed in its workspace");
      return {
        type: "admin_message" as const,
        id: String(row.id),
        created_at: Math.floor(row.created_at / 1000),
        ...(row.source_subject !== "" && { subject: row.source_subject }),
        body: row.source_body,
        message_type: row.source_type === "email" ? ("email" as const) : ("inapp" as const),
        conversation_id: String(row.id),
        owner,
      };
    },
  );
}
