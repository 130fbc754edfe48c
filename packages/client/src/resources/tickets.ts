import type {
  Reply,
  SearchQuery,
  Ticket,
  TicketCreate,
  TicketDeleted,
  TicketPage,
  TicketPart,
  TicketType,
  TicketTypeCreate,
  TicketTypeList,
  TicketUpdate,
} from "../wire/index.ts";
import { type PageOptions, path, type Requester, searchList } from "./shared.ts";

/** `/tickets`. A ticket's possible states are in `ticket.ticket_type.ticket_states`. */
export function ticketsApi(http: Requester) {
  return {
    /** `POST /tickets`: a ticket of a type (see `ticketTypes`), about one contact. */
    create: (body: TicketCreate): Promise<Ticket> => http.request("POST", "/tickets", body),

    /** `GET /tickets/{id}`: with its parts. */
    find: (id: string): Promise<Ticket> => http.request("GET", path`/tickets/${id}`),

    /** `PUT /tickets/{id}`: attributes, state, assignee, open, snoozed, shared. */
    update: (id: string, body: TicketUpdate): Promise<Ticket> =>
      http.request("PUT", path`/tickets/${id}`, body),

    /** `DELETE /tickets/{id}`. */
    delete: (id: string): Promise<TicketDeleted> => http.request("DELETE", path`/tickets/${id}`),

    /** `POST /tickets/{id}/reply`: answers the part the reply added. */
    reply: (id: string, body: Reply): Promise<TicketPart> =>
      http.request("POST", path`/tickets/${id}/reply`, body),

    /** `POST /tickets/search`: every ticket the query matches, a page (`perPage`, 20 unless asked) at a time. */
    search: (searchQuery: SearchQuery, options: PageOptions = {}): AsyncIterable<Ticket> =>
      searchList(http, "/tickets/search", searchQuery, options, (page: TicketPage) => page.tickets),
  };
}

/** `/ticket_types`: what kinds of tickets the workspace files, each with its attributes. */
export function ticketTypesApi(http: Requester) {
  return {
    /** `GET /ticket_types`. */
    list: (): Promise<TicketTypeList> => http.request("GET", "/ticket_types"),

    /** `GET /ticket_types/{id}`. */
    find: (id: string): Promise<TicketType> => http.request("GET", path`/ticket_types/${id}`),

    /** `POST /ticket_types`. */
    create: (body: TicketTypeCreate): Promise<TicketType> => http.request("POST", "/ticket_types", body),
  };
}
