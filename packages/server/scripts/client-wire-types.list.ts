import type { TSchema } from "typebox";
import { Admin, AdminList, Me } from "../src/wire/admin.ts";
import { AppliedTagObject } from "../src/wire/applied-tag.ts";
import {
  Article,
  ArticleContent,
  ArticleDeleted,
  ArticleList,
  ArticleListItem,
  ArticleLocaleFields,
} from "../src/wire/article.ts";
import { ArticleBody } from "../src/wire/article-input.ts";
import { CursorPages, ErrorList, NumberedPages } from "../src/wire/common.ts";
import { Company, CompanyList, DeletedCompany } from "../src/wire/company.ts";
import { CompanyBody, CompanyChangesBody } from "../src/wire/company-input.ts";
import { Contact, ContactList, DeletedContact } from "../src/wire/contact.ts";
import { ContactBody } from "../src/wire/contact-input.ts";
import {
  Conversation,
  ConversationList,
  ConversationListItem,
  ConversationPart,
} from "../src/wire/conversation.ts";
import { ConversationChangesBody, NewConversationBody } from "../src/wire/conversation-input.ts";
import { DataAttribute, DataAttributeList } from "../src/wire/data-attribute.ts";
import { DataAttributeChangesBody, NewDataAttributeBody } from "../src/wire/data-attribute-input.ts";
import { Event, EventList, EventSummaryList, Metadata } from "../src/wire/event.ts";
import { EventBody, EventContact } from "../src/wire/event-input.ts";
import { ReplyBody } from "../src/wire/inbox-input.ts";
import { IpAllowlist, IpAllowlistChanges } from "../src/wire/ip-allowlist.ts";
import { LinkedObjectList } from "../src/wire/linked-object.ts";
import { DeletedConversation, UserMessage } from "../src/wire/message.ts";
import { Newsfeed, NewsItem, NewsItemDeleted } from "../src/wire/news-item.ts";
import { NewsItemBody } from "../src/wire/news-item-input.ts";
import { TokenResponse } from "../src/wire/oauth.ts";
import { AssignedTo, Attachment, ContactReference, PartAuthor } from "../src/wire/part.ts";
import { SearchFilter, SearchQuery } from "../src/wire/search-query.ts";
import { Tag, TagList } from "../src/wire/tag.ts";
import { CompanyTarget, TagBody } from "../src/wire/tag-input.ts";
import { DeletedTicket, Ticket, TicketList, TicketPart } from "../src/wire/ticket.ts";
import { NewTicketBody, TicketAttributesInput, TicketChangesBody } from "../src/wire/ticket-input.ts";
import { TicketState, TicketType, TicketTypeAttribute, TicketTypeList } from "../src/wire/ticket-type.ts";
import { TicketTypeBody } from "../src/wire/ticket-type-input.ts";
import { User1x, UserList1x, UserScroll1x } from "../src/wire/user-1x.ts";

/**
 * The wire objects `@gatehouse/client` names, in the order they are written: each by the client's
 * name for it (its public API), the server's schema, and one line for its doc comment. A schema
 * embedded in a later one is referenced by its name there.
 */
export const WIRE_TYPES: ReadonlyArray<{ name: string; schema: TSchema; doc: string }> = [
  { name: "ErrorList", schema: ErrorList, doc: "Intercom's error envelope: the body of every refusal." },
  { name: "CursorPages", schema: CursorPages, doc: "`pages` of a cursor list: `next` carries the cursor." },
  {
    name: "NumberedPages",
    schema: NumberedPages,
    doc: "`pages` of a numbered list: `next` is the next page's URL.",
  },
  {
    name: "Reference",
    schema: AssignedTo,
    doc: "A pointer to an admin or team, as parts name who did something.",
  },
  {
    name: "ContactReference",
    schema: ContactReference,
    doc: "A contact as conversations and tickets list them.",
  },
  { name: "PartAttachment", schema: Attachment, doc: "A file on a conversation or ticket part." },
  { name: "PartAuthor", schema: PartAuthor, doc: "Who wrote a conversation or ticket part." },
  { name: "LinkedObjectList", schema: LinkedObjectList, doc: "Tickets and conversations linked to another." },
  { name: "Me", schema: Me, doc: "`GET /me`: the admin behind the token and the workspace it reaches." },
  { name: "Admin", schema: Admin, doc: "Intercom's `admin`." },
  { name: "AdminList", schema: AdminList, doc: "`GET /admins`." },
  {
    name: "IpAllowlist",
    schema: IpAllowlist,
    doc: "The workspace's REST API IP allowlist (`GET /ip_allowlist`).",
  },
  {
    name: "IpAllowlistChanges",
    schema: IpAllowlistChanges,
    doc: "What `PUT /ip_allowlist` changes; what it leaves out stays as it was.",
  },
  { name: "TokenResponse", schema: TokenResponse, doc: "What `POST /auth/eagle/token` answers." },
  { name: "Tag", schema: Tag, doc: "Intercom's `tag`." },
  { name: "TagList", schema: TagList, doc: "`GET /tags`." },
  {
    name: "AppliedTag",
    schema: AppliedTagObject,
    doc: "A tag as a conversation or ticket shows it: who applied it, when.",
  },
  { name: "TagInput", schema: TagBody, doc: "`POST /tags`: create, rename, tag or untag." },
  {
    name: "CompanyToTag",
    schema: CompanyTarget,
    doc: "A company named for `POST /tags`, by `id` or `company_id`.",
  },
  { name: "Contact", schema: Contact, doc: "Intercom's `contact`." },
  { name: "ContactPage", schema: ContactList, doc: "A page of contacts." },
  { name: "ContactDeleted", schema: DeletedContact, doc: "What deleting a contact answers." },
  { name: "ContactInput", schema: ContactBody, doc: "`POST /contacts` and `PUT /contacts/{id}`." },
  { name: "Company", schema: Company, doc: "Intercom's `company`." },
  { name: "CompanyPage", schema: CompanyList, doc: "A page of companies." },
  { name: "CompanyDeleted", schema: DeletedCompany, doc: "What deleting a company answers." },
  {
    name: "CompanyCreateOrUpdate",
    schema: CompanyBody,
    doc: "`POST /companies`: create or update by `company_id`.",
  },
  { name: "CompanyUpdate", schema: CompanyChangesBody, doc: "`PUT /companies/{id}`." },
  { name: "ConversationPart", schema: ConversationPart, doc: "One part of a conversation." },
  { name: "ConversationListItem", schema: ConversationListItem, doc: "A conversation as lists show it." },
  { name: "Conversation", schema: Conversation, doc: "Intercom's `conversation`, with its parts." },
  { name: "ConversationPage", schema: ConversationList, doc: "A page of conversations." },
  { name: "ConversationDeleted", schema: DeletedConversation, doc: "What deleting a conversation answers." },
  {
    name: "ConversationMessage",
    schema: UserMessage,
    doc: "What starting a conversation as a contact answers.",
  },
  { name: "ConversationCreate", schema: NewConversationBody, doc: "`POST /conversations`." },
  { name: "ConversationUpdate", schema: ConversationChangesBody, doc: "`PUT /conversations/{id}`." },
  { name: "Reply", schema: ReplyBody, doc: "A reply to a conversation or ticket, as an admin or a contact." },
  { name: "TicketTypeAttribute", schema: TicketTypeAttribute, doc: "An attribute of a ticket type." },
  { name: "TicketState", schema: TicketState, doc: "A ticket state." },
  { name: "TicketType", schema: TicketType, doc: "Intercom's `ticket_type`." },
  { name: "TicketTypeList", schema: TicketTypeList, doc: "`GET /ticket_types`." },
  { name: "TicketTypeCreate", schema: TicketTypeBody, doc: "`POST /ticket_types`." },
  { name: "TicketPart", schema: TicketPart, doc: "One part of a ticket." },
  { name: "Ticket", schema: Ticket, doc: "Intercom's `ticket`." },
  { name: "TicketPage", schema: TicketList, doc: "A page of tickets." },
  { name: "TicketDeleted", schema: DeletedTicket, doc: "What deleting a ticket answers." },
  {
    name: "TicketAttributesInput",
    schema: TicketAttributesInput,
    doc: "A ticket's attributes as a create or an update sends them, by attribute name.",
  },
  { name: "TicketCreate", schema: NewTicketBody, doc: "`POST /tickets`." },
  { name: "TicketUpdate", schema: TicketChangesBody, doc: "`PUT /tickets/{id}`." },
  {
    name: "ArticleLocaleFields",
    schema: ArticleLocaleFields,
    doc: "What an article holds in each locale: its own fields (its default locale's) and each `ArticleContent`'s.",
  },
  { name: "ArticleContent", schema: ArticleContent, doc: "`article_content`: one locale's content." },
  { name: "ArticleListItem", schema: ArticleListItem, doc: "An article as lists show it." },
  { name: "Article", schema: Article, doc: "Intercom's `article`." },
  { name: "ArticlePage", schema: ArticleList, doc: "A page of articles." },
  { name: "ArticleDeleted", schema: ArticleDeleted, doc: "What deleting an article answers." },
  { name: "ArticleInput", schema: ArticleBody, doc: "`POST /articles` and `PUT /articles/{id}`." },
  { name: "NewsItem", schema: NewsItem, doc: "Intercom's `news-item`." },
  { name: "NewsItemDeleted", schema: NewsItemDeleted, doc: "What deleting a news item answers." },
  { name: "NewsItemInput", schema: NewsItemBody, doc: "`POST /news/news_items` and `PUT …/{id}`." },
  { name: "Newsfeed", schema: Newsfeed, doc: "Intercom's `newsfeed`." },
  {
    name: "EventMetadata",
    schema: Metadata,
    doc: "An event's metadata: strings, numbers, rich links and monetary amounts.",
  },
  { name: "DataEvent", schema: Event, doc: "Intercom's `event`." },
  { name: "DataEventPage", schema: EventList, doc: "A page of `GET /events`." },
  { name: "DataEventSummary", schema: EventSummaryList, doc: "`GET /events?summary=true`." },
  { name: "EventTrack", schema: EventBody, doc: "`POST /events`." },
  { name: "EventContact", schema: EventContact, doc: "Who `GET /events` is about: one of three ids." },
  { name: "SearchFilter", schema: SearchFilter, doc: "One condition of Intercom's search language." },
  {
    name: "SearchQuery",
    schema: SearchQuery,
    doc: "A search's `query`: a filter, or AND/OR of filters and groups (two deep at most).",
  },
  { name: "DataAttribute", schema: DataAttribute, doc: "Intercom's `data_attribute`." },
  { name: "DataAttributeList", schema: DataAttributeList, doc: "`GET /data_attributes`." },
  { name: "DataAttributeCreate", schema: NewDataAttributeBody, doc: "`POST /data_attributes`." },
  { name: "DataAttributeUpdate", schema: DataAttributeChangesBody, doc: "`PUT /data_attributes/{id}`." },
  { name: "User1x", schema: User1x, doc: "A 1.x `user` (the Users API before 2.0)." },
  { name: "UserList1x", schema: UserList1x, doc: "A page of 1.x `GET /users`." },
  { name: "UserScroll1x", schema: UserScroll1x, doc: "A page of 1.x `GET /users/scroll`." },
];
