import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  type AttachInput,
  attachContact,
  type DetachInput,
  detachContact,
} from "../../../resources/conversations/participants.ts";

const WRITE = ["write_conversations"];
const ConversationId = Type.String({ maxLength: 50 });
const Anything = Type.Optional(Type.Unknown());

/**
 * `/conversations/{id}/customers`: an admin adds or removes the contacts taking part. Intercom answers
 * both with the contacts taking part afterwards, as `{"customers": [{type, id}]}`.
 */
export async function conversationCustomerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    "/conversations/:conversation_id/customers",
    {
      schema: {
        params: Type.Object({ conversation_id: ConversationId }),
        body: Type.Object({ admin_id: Anything, customer: Anything }),
      },
      config: { scopes: WRITE },
    },
    async (request) => ({
      customers: await attachContact(
        app.services,
        request.principal.workspaceId,
        pathId(request.params.conversation_id),
        request.body as AttachInput,
      ),
    }),
  );

  app.delete(
    "/conversations/:conversation_id/customers/:contact_id",
    {
      schema: {
        // No body schema: a DELETE may come without one, which is a missing `admin_id`, not a bad body.
        params: Type.Object({ conversation_id: ConversationId, contact_id: Type.String({ maxLength: 100 }) }),
      },
      config: { scopes: WRITE },
    },
    async (request) => ({
      customers: await detachContact(
        app.services,
        request.principal.workspaceId,
        pathId(request.params.conversation_id),
        request.params.contact_id,
        { admin_id: (request.body as DetachInput | null | undefined)?.admin_id },
      ),
    }),
  );
}
