export { Client, type ClientOptions, waitBeforeRetry } from "./client.ts";
export {
  type ApiErrorEntry,
  GatehouseApiError,
  OAuthExchangeError,
  StateMismatchError,
  UnverifiedEmailError,
} from "./errors.ts";
export {
  type Authorization,
  type Connection,
  OAuthHelper,
  type OAuthOptions,
  type PendingAuthorization,
} from "./oauth.ts";
export type { PageOptions } from "./resources/shared.ts";
export type { Admin, AdminList, Me, TokenResponse } from "./types.ts";
export type { Article, ArticleInput, ArticleListItem } from "./wire/article.ts";
export type {
  ContactReference,
  CursorPages,
  CustomAttributes,
  Deleted,
  LinkedObjectList,
  NumberedPage,
  NumberedPages,
  PartAttachment,
  Reference,
  SearchFilter,
  SearchQuery,
} from "./wire/common.ts";
export type { Company, CompanyCreateOrUpdate, CompanyUpdate } from "./wire/company.ts";
export type { AddressableList, Contact, ContactDeleted, ContactInput, ContactPage } from "./wire/contact.ts";
export type {
  AdminReply,
  ContactReply,
  Conversation,
  ConversationCreate,
  ConversationListItem,
  ConversationMessage,
  ConversationPage,
  ConversationPart,
  ConversationUpdate,
  PartAuthor,
} from "./wire/conversation.ts";
export type {
  DataAttribute,
  DataAttributeCreate,
  DataAttributeList,
  DataAttributeUpdate,
} from "./wire/data-attribute.ts";
export type { DataEvent, DataEventPage, DataEventSummary, EventContact, EventTrack } from "./wire/event.ts";
export type { Newsfeed, NewsItem, NewsItemInput } from "./wire/news.ts";
export type { AppliedTag, CompanyToTag, Tag, TagList } from "./wire/tag.ts";
export type {
  Ticket,
  TicketCategory,
  TicketCreate,
  TicketPage,
  TicketPart,
  TicketState,
  TicketStateCategory,
  TicketType,
  TicketTypeAttribute,
  TicketTypeCreate,
  TicketTypeList,
  TicketUpdate,
} from "./wire/ticket.ts";
