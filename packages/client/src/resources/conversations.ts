import type {
  Conversation,
  ConversationCreate,
  ConversationListItem,
  ConversationMessage,
  ConversationPage,
  ConversationUpdate,
  Reply,
  SearchQuery,
} from "../wire/index.ts";
import { cursorList, type PageOptions, path, query, type Requester, searchList } from "./shared.ts";

/** `/conversations`. Actions an admin takes name that admin in `admin_id`. */
export function conversationsApi(http: Requester) {
  const conversations = (page: ConversationPage) => page.conversations;
  const part = (id: string, body: object): Promise<Conversation> =>
    http.request("POST", path`/conversations/${id}/parts`, body);
  return {
    /** `POST /conversations`: a contact's message, which starts a conversation (`conversation_id`). */
    create: (body: ConversationCreate): Promise<ConversationMessage> =>
      http.request("POST", "/conversations", body),

    /** `GET /conversations/{id}`: with its parts. */
    find: (id: string): Promise<Conversation> => http.request("GET", path`/conversations/${id}`),

    /** Every conversation, oldest first, fetched a page (`perPage`, 20 unless asked) at a time. */
    list: (options: PageOptions = {}): AsyncIterable<ConversationListItem> =>
      cursorList(
        (after) =>
          http.request<ConversationPage>(
            "GET",
            `/conversations${query({ per_page: options.perPage, starting_after: after })}`,
          ),
        conversations,
      ),

    /** `POST /conversations/search`: every conversation the query matches, a page at a time. */
    search: (searchQuery: SearchQuery, options: PageOptions = {}): AsyncIterable<ConversationListItem> =>
      searchList(http, "/conversations/search", searchQuery, options, conversations),

    /** `PUT /conversations/{id}`: read or unread, title, company, custom attributes. */
    update: (id: string, body: ConversationUpdate): Promise<Conversation> =>
      http.request("PUT", path`/conversations/${id}`, body),

    /** `PUT /conversations/{id}` with `read: true`. */
    markRead: (id: string): Promise<Conversation> =>
      http.request("PUT", path`/conversations/${id}`, { read: true }),

    /**
     * `POST /conversations/{id}/reply`: an admin's or a contact's reply. `"last"` for `id` names the
     * contact's most recently active conversation.
     */
    reply: (id: string, body: Reply): Promise<Conversation> =>
      http.request("POST", path`/conversations/${id}/reply`, body),

    /** Closes the conversation, with a closing message if `body` is given. */
    close: (id: string, by: { admin_id: string; body?: string }): Promise<Conversation> =>
      part(id, { message_type: "close", type: "admin", ...by }),

    /** Reopens a closed or snoozed conversation. */
    open: (id: string, by: { admin_id: string }): Promise<Conversation> =>
      part(id, { message_type: "open", ...by }),

    /** Snoozes the conversation until `snoozed_until` (Unix seconds, in the future). */
    snooze: (id: string, by: { admin_id: string; snoozed_until: number }): Promise<Conversation> =>
      part(id, { message_type: "snoozed", ...by }),

    /** Assigns the conversation to an admin (`assignee_id`; "0" for nobody), or with `type: "team"` to a team. */
    assign: (
      id: string,
      by: { admin_id: string; assignee_id: string; type?: "admin" | "team"; body?: string },
    ): Promise<Conversation> => part(id, { message_type: "assignment", type: "admin", ...by }),
  };
}
