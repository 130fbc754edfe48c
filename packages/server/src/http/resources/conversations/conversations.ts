import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { pathId } from "../../../core/validation.ts";
import {
  createConversation,
  deleteConversation,
  deletedConversation,
  findConversation,
  listConversations,
  updateConversation,
} from "../../../resources/conversations/conversations.ts";
import type { Saved } from "../../../resources/conversations/ledger.ts";
import { manageConversation } from "../../../resources/conversations/manage.ts";
import { conversationListItems, conversationObject } from "../../../resources/conversations/present.ts";
import { replyToConversation } from "../../../resources/conversations/replies.ts";
import { answers } from "../../../wire/common.ts";
import { Conversation, ConversationList } from "../../../wire/conversation.ts";
import {
  ConversationChangesBody,
  ConversationParams,
  ConversationQuery,
  ConversationUpdateQuery,
  ManageBody,
  NewConversationBody,
} from "../../../wire/conversation-input.ts";
import { CursorPaging, ReplyBody, SearchBody } from "../../../wire/inbox-input.ts";
import { DeletedConversation, UserMessage } from "../../../wire/message.ts";
import { plainTextConversation } from "../../../wire/plain-text.ts";
import { forCaller, updatesRecordByAdmin } from "../../api/for-caller.ts";
import { cursorPages, cursorRequest } from "../../api/page-cursor.ts";

const READ = ["read_conversations"];
const WRITE = ["write_conversations"];

/** A conversation as `display_as` asks: plain text for "plaintext", else the HTML it was sent as. */
const displayed = (displayAs: string | undefined, conversation: Conversation) =>
  displayAs === "plaintext" ? plainTextConversation(conversation) : conversation;

/** `/conversations`: start one as a contact, find, list, search, update, reply, and manage its state. */
export async function conversationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  /** What a write saved, as the conversation it leaves; as the query's `display_as` asks, if it has one. */
  const show = async (saved: Saved, request?: { query: { display_as?: string } }) =>
    displayed(
      request?.query.display_as,
      await conversationObject(app.services.db, saved.row, app.services.now(), saved.parts),
    );
  const workspace = (request: FastifyRequest) => request.principal.workspaceId;

  app.post(
    "/conversations",
    {
      schema: {
        body: NewConversationBody,
        response: answers(UserMessage),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const { row } = await forCaller(request, createConversation, request.body);
      return {
        type: "user_message" as const,
        id: String(row.id),
        created_at: Math.floor(row.created_at / 1000),
        ...(row.source_subject !== "" && { subject: row.source_subject }),
        body: row.source_body,
        message_type: "inapp" as const,
        conversation_id: String(row.id),
      };
    },
  );

  app.get(
    "/conversations/:conversation_id",
    {
      schema: {
        params: ConversationParams,
        querystring: ConversationQuery,
        response: answers(Conversation),
      },
      config: { scopes: READ },
    },
    async (request) => {
      const row = await findConversation(
        app.services.db,
        workspace(request),
        pathId(request.params.conversation_id),
      );
      return displayed(
        request.query.display_as,
        await conversationObject(app.services.db, row, app.services.now()),
      );
    },
  );

  app.put(
    "/conversations/:conversation_id",
    {
      schema: {
        params: ConversationParams,
        querystring: ConversationUpdateQuery,
        body: ConversationChangesBody,
        response: answers(Conversation),
      },
      config: { scopes: WRITE },
    },
    updatesRecordByAdmin("conversation_id", updateConversation, show),
  );

  app.delete(
    "/conversations/:conversation_id",
    {
      schema: { params: ConversationParams, response: answers(DeletedConversation) },
      config: { scopes: WRITE },
    },
    async (request) => {
      const id = pathId(request.params.conversation_id);
      await forCaller(request, deleteConversation, id);
      return deletedConversation(id);
    },
  );

  app.post(
    "/conversations/:conversation_id/reply",
    {
      schema: {
        params: ConversationParams,
        body: ReplyBody,
        response: answers(Conversation),
      },
      config: { scopes: WRITE },
    },
    async (request) => {
      const id = request.params.conversation_id;
      return show(
        await forCaller(request, replyToConversation, id === "last" ? "last" : pathId(id), request.body),
      );
    },
  );

  app.post(
    "/conversations/:conversation_id/parts",
    {
      schema: {
        params: ConversationParams,
        body: ManageBody,
        response: answers(Conversation),
      },
      config: { scopes: WRITE },
    },
    async (request) =>
      show(
        await forCaller(request, manageConversation, pathId(request.params.conversation_id), request.body),
      ),
  );

  /** One page of conversations as Intercom lists them, with the cursor to the next page. */
  async function page(
    request: FastifyRequest,
    paging: { per_page?: number; starting_after?: string | null },
    search?: unknown,
  ) {
    const wanted = cursorRequest(paging, 20);
    const page = await forCaller(request, listConversations, wanted, search);
    return {
      type: "conversation.list" as const,
      pages: cursorPages(wanted, page, page.rows.at(-1)?.id),
      total_count: page.total,
      conversations: await conversationListItems(app.services.db, page.rows, app.services.now()),
    };
  }

  app.get(
    "/conversations",
    { schema: { querystring: CursorPaging, response: answers(ConversationList) }, config: { scopes: READ } },
    (request) => page(request, request.query),
  );

  app.post(
    "/conversations/search",
    {
      schema: {
        body: SearchBody,
        response: answers(ConversationList),
      },
      config: { scopes: READ },
    },
    (request) => page(request, request.body.pagination ?? {}, request.body.query),
  );
}
