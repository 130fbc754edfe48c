import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { adminsJson } from "../../../platform/identity/placed-admins.ts";
import { type NewMessageInput, sendMessage } from "../../../resources/conversations/messages.ts";

const Anything = Type.Optional(Type.Unknown());

/** `/messages`: an admin writes first to a contact. */
export async function messageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/messages",
    {
      schema: {
        body: Type.Object({
          message_type: Anything,
          subject: Anything,
          body: Anything,
          template: Anything,
          from: Anything,
          to: Anything,
          cc: Anything,
          bcc: Anything,
          created_at: Anything,
          create_conversation_without_contact_reply: Anything,
        }),
      },
      // A message starts a conversation and writes into it, as a reply does: Intercom asks for
      // "Write conversations" here, and reading the conversation afterwards takes read_conversations.
      config: { scopes: ["write_conversations"] },
    },
    async (request) => {
      const { workspaceId } = request.principal;
      const { row, sender } = await sendMessage(app.services, workspaceId, request.body as NewMessageInput);
      const [owner] = await adminsJson(app.services.db, workspaceId, [sender], false);
      return {
        type: "admin_message",
        id: String(row.id),
        created_at: Math.floor(row.created_at / 1000),
        ...(row.source_subject !== "" && { subject: row.source_subject }),
        body: row.source_body,
        message_type: row.source_type === "email" ? "email" : "inapp",
        conversation_id: String(row.id),
        owner,
      };
    },
  );
}
