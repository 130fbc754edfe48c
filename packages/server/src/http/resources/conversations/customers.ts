import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { pathId } from "../../../core/validation.ts";
import { attachContact, detachContact } from "../../../resources/conversations/participants.ts";
import { errorResponses } from "../../../wire/common.ts";
import {
  AttachBody,
  ConversationContactParams,
  ConversationParams,
  DetachBody,
} from "../../../wire/conversation-input.ts";
import { Customers } from "../../../wire/message.ts";
import { forCaller } from "../../api/for-caller.ts";

const WRITE = ["write_conversations"];
const answers = { 200: Customers, ...errorResponses };

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
        params: ConversationParams,
        body: AttachBody,
        response: answers,
      },
      config: { scopes: WRITE },
    },
    async (request) => ({
      customers: await forCaller(
        request,
        attachContact,
        pathId(request.params.conversation_id),
        request.body,
      ),
    }),
  );

  app.delete(
    "/conversations/:conversation_id/customers/:contact_id",
    {
      schema: {
        // A DELETE may come without a body, which is a missing `admin_id`, not a bad body.
        params: ConversationContactParams,
        body: DetachBody,
        response: answers,
      },
      config: { scopes: WRITE },
    },
    async (request) => ({
      customers: await forCaller(
        request,
        detachContact,
        pathId(request.params.conversation_id),
        request.params.contact_id,
        { admin_id: request.body?.admin_id },
      ),
    }),
  );
}
