import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../../core/validation.ts";
import {
  type ConversationChanges,
  createConversation,
  deleteConversation,
  deletedConversation,
  findConversation,
  listConversations,
  type NewConversationInput,
  updateConversation,
} from "../../../resources/conversations/conversations.ts";
import type { Saved } from "../../../resources/conversations/ledger.ts";
import { type ManageInput, manageConversation } from "../../../resources/conversations/manage.ts";
import { conversationListItems, conversationObject } from "../../../resources/conversations/present.ts";
import { type ReplyInput, replyToConversation } from "../../../resources/conversations/replies.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";

const READ = ["read_conversations"];
const WRITE = ["write_conversations"];

const ConversationId = Type.Object({ conversation_id: Type.String({ maxLength: 50 }) });
const Anything = Type.Optional(Type.Unknown());

/** `/conversations`: start one as a contact, find, list, search, update, reply, and manage its state. */
export async function conversationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const show = (saved: Saved) =>
    conversationObject(app.services.db, saved.row, app.services.now(), saved.parts);
  const workspace = (request: FastifyRequest) => request.principal.workspaceId;

  app.post(
    "/conversations",
    {
      schema: {
        body: Type.Object({
          from: Anything,
          body: Anything,
          subject: Anything,
          attachment_urls: Anything,
          created_at: Anything,
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { row } = await createConversation(
        app.services,
        workspace(request),
        request.body as NewConversationInput,
      );
      return {
        type: "user_message",
        id: String(row.id),
        created_at: Math.floor(row.created_at / 1000),
        ...(row.source_subject !== "" && { subject: row.source_subject }),
        body: row.source_body,
        message_type: "inapp",
        conversation_id: String(row.id),
      };
    },
  );

  app.get(
    "/conversations/:conversation_id",
    {
      schema: {
        params: ConversationId,
        querystring: Type.Object({
          display_as: Type.Optional(Type.String({ maxLength: 50 })),
          include_translations: Type.Optional(Type.Boolean()),
        }),
      },
      config: { scopes: READ },
    },
    async (request) => {
      const row = await findConversation(
        app.services.db,
        workspace(request),
        pathId(request.params.conversation_id),
      );
      return conversationObject(app.services.db, row, app.services.now());
    },
  );

  app.put(
    "/conversations/:conversation_id",
    {
      schema: {
        params: ConversationId,
        body: Type.Object({
          read: Anything,
          title: Anything,
          custom_attributes: Anything,
          company_id: Anything,
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      show(
        await updateConversation(
          app.services,
          workspace(request),
          pathId(request.params.conversation_id),
          request.principal.admin.id,
          request.body as ConversationChanges,
        ),
      ),
  );

  app.delete(
    "/conversations/:conversation_id",
    { schema: { params: ConversationId }, config: { scopes: WRITE } },
    async (request) => {
      const id = pathId(request.params.conversation_id);
      await deleteConversation(app.services, workspace(request), id);
      return deletedConversation(id);
    },
  );

  app.post(
    "/conversations/:conversation_id/reply",
    {
      schema: {
        params: ConversationId,
        body: Type.Object({
          message_type: Anything,
          type: Anything,
          body: Anything,
          admin_id: Anything,
          intercom_user_id: Anything,
          user_id: Anything,
          email: Anything,
          created_at: Anything,
          reply_options: Anything,
          attachment_urls: Anything,
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const id = request.params.conversation_id;
      return show(
        await replyToConversation(
          app.services,
          workspace(request),
          id === "last" ? "last" : pathId(id),
          request.body as ReplyInput,
        ),
      );
    },
  );

  app.post(
    "/conversations/:conversation_id/parts",
    {
      schema: {
        params: ConversationId,
        body: Type.Object({
          message_type: Anything,
          type: Anything,
          admin_id: Anything,
          assignee_id: Anything,
          body: Anything,
          snoozed_until: Anything,
        }),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      show(
        await manageConversation(
          app.services,
          workspace(request),
          pathId(request.params.conversation_id),
          request.body as ManageInput,
        ),
      ),
  );

  /** One page of conversations as Intercom lists them, with the cursor to the next page. */
  async function page(
    request: FastifyRequest,
    paging: { per_page?: number; starting_after?: string | null },
    search?: unknown,
  ) {
    const wanted = cursorRequest(paging, 20);
    const page = await listConversations(app.services, workspace(request), wanted, search);
    return {
      type: "conversation.list",
      pages: cursorPages(wanted, page, page.rows.at(-1)?.id),
      total_count: page.total,
      conversations: await conversationListItems(app.services.db, page.rows, app.services.now()),
    };
  }

  const Paging = {
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
    starting_after: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  };

  app.get(
    "/conversations",
    { schema: { querystring: Type.Object(Paging) }, config: { scopes: READ } },
    (request) => page(request, request.query),
  );

  app.post(
    "/conversations/search",
    {
      schema: {
        body: Type.Object({
          query: Type.Record(Type.String(), Type.Unknown()),
          pagination: Type.Optional(Type.Union([Type.Object(Paging), Type.Null()])),
        }),
      },
      config: { scopes: READ },
    },
    (request) => page(request, request.body.pagination ?? {}, request.body.query),
  );
}
