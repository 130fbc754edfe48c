/**
 * Intercom's objects as Gatehouse sends them, generated from the server's wire schemas
 * (packages/server/src/wire/) by packages/server/scripts/client-wire-types.ts. Do not edit: change the
 * schema and run `npm run build` in packages/client (or the script itself).
 */

/** Intercom's error envelope: the body of every refusal. */
export interface ErrorList {
  type: "error.list";
  request_id: string | null;
  errors: {
    code: string;
    message: string;
    field?: string;
  }[];
}

/** `pages` of a cursor list: `next` carries the cursor. */
export interface CursorPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: {
    per_page: number;
    starting_after: string;
  };
}

/** `pages` of a numbered list: `next` is the next page's URL. */
export interface NumberedPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: string;
}

/** A pointer to an admin or team, as parts name who did something. */
export interface Reference {
  type: string;
  id: string | null;
}

/** A contact as conversations and tickets list them. */
export interface ContactReference {
  type: "contact";
  id: string;
  external_id: string | null;
}

/** A file on a conversation or ticket part. */
export interface PartAttachment {
  type: string;
  name: string;
  url: string;
  content_type?: string;
  filesize?: number;
  width?: number;
  height?: number;
}

/** Who wrote a conversation or ticket part. */
export interface PartAuthor {
  type: "admin" | "user" | "bot" | "lead";
  id: string;
  name: string | null;
  email?: string;
}

/** Tickets and conversations linked to another. */
export interface LinkedObjectList {
  type: "list";
  data: {
    type: "ticket" | "conversation";
    id: string;
    category: string | null;
  }[];
  total_count: number;
  has_more: boolean;
}

/** `GET /me`: the admin behind the token and the workspace it reaches. */
export interface Me {
  type: "admin";
  id: string;
  email: string;
  name: string;
  email_verified: boolean;
  app: {
    type: "app";
    id_code: string;
    name: string;
    created_at: number;
    secure: boolean;
    identity_verification: boolean;
    timezone: string;
    region: string;
  };
  avatar: {
    type: "avatar";
    image_url: string;
  };
  has_inbox_seat: boolean;
}

/** Intercom's `admin`. */
export interface Admin {
  type: "admin";
  id: string;
  name: string;
  email: string;
  job_title?: string;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  away_status_reason_id: number | null;
  has_inbox_seat: boolean;
  team_ids: number[];
  avatar?: {
    type: "avatar";
    image_url: string | null;
  };
}

/** `GET /admins`. */
export interface AdminList {
  type: "admin.list";
  admins: Admin[];
}

/** The workspace's REST API IP allowlist (`GET /ip_allowlist`). */
export interface IpAllowlist {
  type: "ip_allowlist";
  enabled: boolean;
  ip_allowlist: string[];
}

/** What `PUT /ip_allowlist` changes; what it leaves out stays as it was. */
export interface IpAllowlistChanges {
  type?: "ip_allowlist";
  enabled?: boolean;
  /**
   * @maxItems 1000
   */
  ip_allowlist?: string[];
}

/** What `POST /auth/eagle/token` answers. */
export interface TokenResponse {
  token_type: "Bearer";
  token: string;
  access_token: string;
}

/** Intercom's `tag`. */
export interface Tag {
  type: "tag";
  id: string;
  name: string;
}

/** `GET /tags`. */
export interface TagList {
  type: "list";
  data: Tag[];
}

/** A tag as a conversation or ticket shows it: who applied it, when. */
export interface AppliedTag {
  type: "tag";
  id: string;
  name: string;
  applied_at: number | null;
  applied_by: {
    type: "admin";
    id: string;
  } | null;
}

/** `POST /tags`: create, rename, tag or untag. */
export interface TagInput {
  name: string;
  id?: string;
  /**
   * @maxItems 1000
   */
  companies?: CompanyToTag[];
  /**
   * @maxItems 1000
   */
  users?: {
    id?: string;
    untag?: boolean | string;
  }[];
}

/** A company named for `POST /tags`, by `id` or `company_id`. */
export interface CompanyToTag {
  id?: string;
  company_id?: string | number;
  untag?: boolean | string;
}

/** Intercom's `contact`. */
export interface Contact {
  type: "contact";
  id: string;
  workspace_id: string;
  external_id: string | null;
  role: "user" | "lead";
  email: string;
  email_domain: string;
  phone: string | null;
  name: string | null;
  owner_id: number | null;
  has_hard_bounced: boolean;
  marked_email_as_spam: boolean;
  unsubscribed_from_emails: boolean;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  last_seen_at: number | null;
  last_replied_at: null;
  last_contacted_at: null;
  last_email_opened_at: null;
  last_email_clicked_at: null;
  language_override: null;
  browser: null;
  browser_version: null;
  browser_language: null;
  os: null;
  android_app_name: null;
  android_app_version: null;
  android_device: null;
  android_os_version: null;
  android_sdk_version: null;
  android_last_seen_at: null;
  ios_app_name: null;
  ios_app_version: null;
  ios_device: null;
  ios_os_version: null;
  ios_sdk_version: null;
  ios_last_seen_at: null;
  custom_attributes: {
    [k: string]: string | number | boolean | null;
  };
  avatar: string | null;
  tags: {
    type: "list";
    data: {
      type: "tag";
      id: string;
      url: string;
    }[];
    url: string;
    total_count: number;
    has_more: boolean;
  };
  notes: {
    type: "list";
    data: {
      type: "note";
      id: string;
      url: string;
    }[];
    url: string;
    total_count: number;
    has_more: boolean;
  };
  companies: {
    type: "list";
    data: {
      type: "company";
      id: string;
      url: string;
    }[];
    url: string;
    total_count: number;
    has_more: boolean;
  };
  location: {
    type: "location";
    country: null;
    region: null;
    city: null;
    country_code: null;
    continent_code: null;
  };
  social_profiles: {
    type: "list";
    data: {
      [k: string]: unknown;
    }[];
  };
}

/** A page of contacts. */
export interface ContactPage {
  type: "list";
  data: Contact[];
  total_count: number;
  pages: CursorPages;
}

/** What deleting a contact answers. */
export interface ContactDeleted {
  id: string;
  external_id: string | null;
  type: "contact";
  deleted: true;
}

/** `POST /contacts` and `PUT /contacts/{id}`. */
export interface ContactInput {
  role?: "user" | "lead";
  external_id?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  avatar?: string | null;
  signed_up_at?: number | null;
  last_seen_at?: number | null;
  owner_id?: number | null;
  unsubscribed_from_emails?: boolean;
  custom_attributes?: {
    [k: string]: string | number | boolean | null;
  };
}

/** Intercom's `company`. */
export interface Company {
  type: "company";
  company_id: string;
  id: string;
  app_id: string;
  name: string;
  remote_created_at?: number;
  created_at: number;
  updated_at: number;
  last_request_at?: number;
  size?: number;
  website?: string;
  industry?: string;
  monthly_spend: number;
  session_count: number;
  user_count: number;
  tags: {
    type: "tag.list";
    tags: Tag[];
  };
  segments: {
    type: "segment.list";
    segments: {
      [k: string]: unknown;
    }[];
  };
  plan:
    | {
        type: "plan";
        id: string;
        name: string;
      }
    | {};
  custom_attributes: {
    [k: string]: string | number | boolean | null;
  };
}

/** A page of companies. */
export interface CompanyPage {
  type: "list";
  data: Company[];
  pages: {
    type: "pages";
    page: number;
    per_page: number;
    total_pages: number;
    next: string | null;
  };
  total_count: number;
}

/** What deleting a company answers. */
export interface CompanyDeleted {
  id: string;
  object: "company";
  deleted: true;
}

/** `POST /companies`: create or update by `company_id`. */
export type CompanyCreateOrUpdate = CompanyUpdate & {
  company_id?: string | number | null;
};

/** `PUT /companies/{id}`. */
export interface CompanyUpdate {
  name?: string | null;
  plan?: string | null;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  monthly_spend?: number | null;
  remote_created_at?: number | null;
  custom_attributes?: {
    [k: string]: string | number | boolean | null;
  };
}

/** One part of a conversation. */
export interface ConversationPart {
  type: "conversation_part";
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  assigned_to: Reference | null;
  author: PartAuthor;
  attachments: PartAttachment[];
  external_id: null;
  redacted: boolean;
  metadata: {
    [k: string]: unknown;
  };
  email_message_metadata: null;
  state: "open" | "closed" | "snoozed";
  tags: AppliedTag[];
  event_details: {
    [k: string]: unknown;
  } | null;
  app_package_code: null;
}

/** A conversation as lists show it. */
export interface ConversationListItem {
  type: "conversation";
  id: string;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  source: {
    type: string;
    id: string;
    delivered_as: string;
    subject: string;
    body: string;
    author: PartAuthor;
    attachments: PartAttachment[];
    url: string | null;
    redacted: boolean;
  };
  contacts: {
    type: "contact.list";
    contacts: ContactReference[];
  };
  first_contact_reply: {
    created_at: number;
    type: "conversation";
    url: string | null;
  } | null;
  admin_assignee_id: number | null;
  team_assignee_id: number | null;
  open: boolean;
  state: "open" | "closed" | "snoozed";
  read: boolean;
  tags: {
    type: "tag.list";
    tags: AppliedTag[];
  };
  priority: "priority" | "not_priority";
  sla_applied: null;
  statistics: {
    type: "conversation_statistics";
    time_to_assignment: number | null;
    time_to_admin_reply: number | null;
    time_to_first_close: number | null;
    time_to_last_close: number | null;
    median_time_to_reply: number | null;
    first_contact_reply_at: number | null;
    first_assignment_at: number | null;
    first_admin_reply_at: number | null;
    first_close_at: number | null;
    last_assignment_at: number | null;
    last_assignment_admin_reply_at: number | null;
    last_contact_reply_at: number | null;
    last_admin_reply_at: number | null;
    last_close_at: number | null;
    last_closed_by_id: string | null;
    count_reopens: number;
    count_assignments: number;
    count_conversation_parts: number;
    assigned_team_first_response_time: {
      team_id: number;
      team_name: string;
      response_time: number;
    }[];
    assigned_team_first_response_time_in_office_hours: {
      team_id: number;
      team_name: string;
      response_time: number;
    }[];
    handling_time: number | null;
    adjusted_handling_time: null;
  };
  conversation_rating: null;
  teammates: {
    type: "admin.list";
    teammates: {
      type: "admin";
      id: string;
    }[];
  };
  title: string | null;
  custom_attributes: {
    [k: string]: unknown;
  };
  topics: {
    [k: string]: unknown;
  };
  ticket: null;
  linked_objects: LinkedObjectList;
  ai_agent: null;
  ai_agent_participated: boolean;
}

/** Intercom's `conversation`, with its parts. */
export type Conversation = ConversationListItem & {
  conversation_parts: {
    type: "conversation_part.list";
    conversation_parts: ConversationPart[];
    total_count: number;
  };
};

/** A page of conversations. */
export interface ConversationPage {
  type: "conversation.list";
  pages: CursorPages;
  total_count: number;
  conversations: ConversationListItem[];
}

/** What deleting a conversation answers. */
export interface ConversationDeleted {
  id: string;
  object: "conversation";
  deleted: true;
}

/** What starting a conversation as a contact answers. */
export interface ConversationMessage {
  type: "user_message";
  id: string;
  created_at: number;
  subject?: string;
  body: string;
  message_type: "inapp";
  conversation_id: string;
}

/** `POST /conversations`. */
export interface ConversationCreate {
  from?: {
    type?: string;
    id?: string | null;
  } | null;
  body?: string | null;
  subject?: string | null;
  attachment_urls?: string[] | null;
  created_at?: number | null;
}

/** `PUT /conversations/{id}`. */
export interface ConversationUpdate {
  read?: boolean;
  title?: string | null;
  custom_attributes?: {
    [k: string]: string | number | boolean | null;
  };
  company_id?: string | null;
}

/** A reply to a conversation or ticket, as an admin or a contact. */
export interface Reply {
  message_type?: "comment" | "note" | "quick_reply";
  type?: "admin" | "user";
  body?: string | null;
  admin_id?: (number | string) | null;
  intercom_user_id?: string | null;
  user_id?: string | null;
  email?: string | null;
  created_at?: number;
  reply_options?: {
    text?: string;
    uuid?: string;
  }[];
  attachment_urls?: string[] | null;
}

/** An attribute of a ticket type. */
export interface TicketTypeAttribute {
  type: "ticket_type_attribute";
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  data_type: string;
  input_options: {
    [k: string]: unknown;
  } | null;
  order: number;
  required_to_create: boolean;
  required_to_create_for_contacts: boolean;
  visible_on_create: boolean;
  visible_to_contacts: boolean;
  default: boolean;
  ticket_type_id: number;
  archived: boolean;
  created_at: number;
  updated_at: number;
}

/** A ticket state. */
export interface TicketState {
  type: "ticket_state";
  id: string;
  category: "submitted" | "in_progress" | "waiting_on_customer" | "resolved";
  internal_label: string;
  external_label: string;
}

/** Intercom's `ticket_type`. */
export interface TicketType {
  type: "ticket_type";
  id: string;
  name: string;
  description: string;
  icon: string;
  workspace_id: string;
  archived: boolean;
  created_at: number;
  updated_at: number;
  is_internal: boolean;
  ticket_type_attributes: {
    type: "list";
    data: TicketTypeAttribute[];
  };
  category: "Customer" | "Back-office" | "Tracker";
  ticket_states: {
    type: "list";
    data: TicketState[];
  };
}

/** `GET /ticket_types`. */
export interface TicketTypeList {
  type: "list";
  data: TicketType[];
}

/** `POST /ticket_types`. */
export interface TicketTypeCreate {
  name?: string;
  description?: string;
  category?: "Customer" | "Back-office" | "Tracker";
  icon?: string;
  is_internal?: boolean;
  archived?: boolean;
}

/** One part of a ticket. */
export interface TicketPart {
  type: "ticket_part";
  id: string;
  part_type: string;
  body?: string;
  ticket_state?: string;
  previous_ticket_state?: string;
  created_at: number;
  updated_at: number;
  assigned_to?: Reference;
  author: PartAuthor;
  attachments: PartAttachment[];
  redacted: boolean;
  updated_attribute_data?: {
    [k: string]: unknown;
  };
}

/** Intercom's `ticket`. */
export interface Ticket {
  type: "ticket";
  id: string;
  ticket_id: string;
  ticket_attributes: {
    [k: string]: unknown;
  };
  ticket_state: TicketState;
  ticket_type: TicketType;
  contacts: {
    type: "contact.list";
    contacts: ContactReference[];
  };
  admin_assignee_id: string;
  team_assignee_id: string;
  created_at: number;
  updated_at: number;
  ticket_parts: {
    type: "ticket_part.list";
    ticket_parts: TicketPart[];
    total_count: number;
  };
  open: boolean;
  snoozed_until?: number;
  linked_objects: LinkedObjectList;
  category: "Customer" | "Back-office" | "Tracker";
  is_shared: boolean;
}

/** A page of tickets. */
export interface TicketPage {
  type: "ticket.list";
  pages: CursorPages;
  total_count: number;
  tickets: Ticket[];
}

/** What deleting a ticket answers. */
export interface TicketDeleted {
  id: string;
  object: "ticket";
  deleted: true;
}

/** A ticket's attributes as a create or an update sends them, by attribute name. */
export interface TicketAttributesInput {
  [k: string]:
    | string
    | number
    | boolean
    | null
    | {
        [k: string]: unknown;
      }[];
}

/** `POST /tickets`. */
export interface TicketCreate {
  ticket_type_id?: (number | string) | null;
  contacts?:
    | {
        id?: string;
        external_id?: string;
        email?: string;
      }[]
    | null;
  company_id?: string | null;
  conversation_to_link_id?: (number | string) | null;
  created_at?: number;
  ticket_attributes?: TicketAttributesInput;
  assignment?: {
    admin_assignee_id?: (number | string) | null;
    team_assignee_id?: (number | string) | null;
  } | null;
  skip_notifications?: boolean;
}

/** `PUT /tickets/{id}`. */
export interface TicketUpdate {
  ticket_attributes?: TicketAttributesInput;
  ticket_state_id?: number | string;
  company_id?: string | null;
  open?: boolean;
  is_shared?: boolean;
  snoozed_until?: number;
  admin_id?: (number | string) | null;
  assignee_id?: (number | string) | null;
  skip_notifications?: boolean;
}

/** What an article holds in each locale: its own fields (its default locale's) and each `ArticleContent`'s. */
export interface ArticleLocaleFields {
  title: string;
  description: string;
  body: string;
  author_id: number;
  state: "published" | "draft";
  created_at: number;
  updated_at: number;
  url: string | null;
}

/** `article_content`: one locale's content. */
export type ArticleContent = ArticleLocaleFields & {
  type: "article_content";
};

/** An article as lists show it. */
export type ArticleListItem = ArticleLocaleFields & {
  id: string;
  type: "article";
  workspace_id: string;
  parent_id: number | null;
  parent_type: ("collection" | "section") | null;
  parent_ids: number[];
  tags: {
    type: "tag.list";
    /**
     * @maxItems 0
     */
    tags: unknown[];
  };
  default_locale?: string;
  translated_content?: {
    type: "article_translated_content";
    [k: string]: ArticleContent | "article_translated_content";
  };
};

/** Intercom's `article`. */
export type Article = ArticleListItem & {
  statistics: {
    type: "article_statistics";
    views: number;
    conversations: number;
    conversions: number;
    reactions: number;
    happy_reaction_percentage: number;
    neutral_reaction_percentage: number;
    sad_reaction_percentage: number;
  };
};

/** A page of articles. */
export interface ArticlePage {
  type: "list";
  data: ArticleListItem[];
  pages: NumberedPages;
  total_count: number;
}

/** What deleting an article answers. */
export interface ArticleDeleted {
  id: string;
  object: "article";
  deleted: true;
}

/** `POST /articles` and `PUT /articles/{id}`. */
export interface ArticleInput {
  title?: string;
  description?: string | null;
  body?: string | null;
  author_id?: number | string;
  state?: "published" | "draft";
  parent_id?: (number | string) | null;
  parent_type?: string | null;
  translated_content?: {
    /**
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^(?!type$)".
     */
    [k: string]: {
      type?: string;
      title?: string;
      description?: string | null;
      body?: string | null;
      author_id?: number | string;
      state?: "published" | "draft";
    } | null;
  } | null;
}

/** Intercom's `news-item`. */
export interface NewsItem {
  id: string;
  type: "news-item";
  workspace_id: string;
  title: string;
  body: string;
  sender_id: number;
  state: "draft" | "live";
  labels: string[];
  cover_image_url: string | null;
  reactions: (string | null)[];
  deliver_silently: boolean;
  created_at: number;
  updated_at: number;
  newsfeed_assignments: {
    newsfeed_id: number;
    published_at?: number;
  }[];
}

/** What deleting a news item answers. */
export interface NewsItemDeleted {
  id: string;
  object: "news-item";
  deleted: true;
}

/** `POST /news/news_items` and `PUT …/{id}`. */
export interface NewsItemInput {
  title?: string | null;
  body?: string | null;
  sender_id?: (number | string) | null;
  state?: "live" | "draft";
  deliver_silently?: boolean;
  labels?: string[] | null;
  reactions?: (string | null)[] | null;
  newsfeed_assignments?:
    | {
        newsfeed_id?: (number | string) | null;
        published_at?: number | null;
      }[]
    | null;
  cover_image_url?: string | null;
}

/** Intercom's `newsfeed`. */
export interface Newsfeed {
  id: string;
  type: "newsfeed";
  name: string;
  created_at: number;
  updated_at: number;
}

/** An event's metadata: strings, numbers, rich links and monetary amounts. */
export interface EventMetadata {
  [k: string]:
    | string
    | number
    | {
        url: string;
        value: string;
      }
    | {
        amount: number;
        currency: string;
      };
}

/** Intercom's `event`. */
export interface DataEvent {
  type: "event";
  id: string;
  created_at: number;
  event_name: string;
  user_id?: string;
  intercom_user_id: string;
  email?: string;
  metadata: EventMetadata;
}

/** A page of `GET /events`. */
export interface DataEventPage {
  type: "event.list";
  events: DataEvent[];
  pages: {
    next?: string;
    since?: string;
  };
}

/** `GET /events?summary=true`. */
export interface DataEventSummary {
  type: "event.summary";
  user_id?: string;
  intercom_user_id: string;
  email?: string;
  events: {
    name: string;
    first: string;
    last: string;
    count: number;
  }[];
}

/** `POST /events`. */
export interface EventTrack {
  event_name: string;
  created_at: number;
  user_id?: string;
  id?: string;
  email?: string;
  metadata?: EventMetadata | null;
}

/** Who `GET /events` is about: one of three ids. */
export type EventContact =
  | {
      intercom_user_id: string;
    }
  | {
      user_id: string;
    }
  | {
      email: string;
    };

/** One condition of Intercom's search language. */
export interface SearchFilter {
  field: string;
  operator: "=" | "!=" | "IN" | "NIN" | "<" | "<=" | ">" | ">=" | "~" | "!~" | "^" | "$";
  value: (string | number | boolean | null) | (string | number | boolean | null)[];
}

/** A search's `query`: a filter, or AND/OR of filters and groups (two deep at most). */
export type SearchQuery =
  | SearchFilter
  | {
      operator: "AND" | "OR";
      value: (
        | SearchFilter
        | {
            operator: "AND" | "OR";
            value: SearchFilter[];
          }
      )[];
    };

/** Intercom's `data_attribute`. */
export interface DataAttribute {
  id?: number;
  type: "data_attribute";
  name: string;
  full_name: string;
  label: string;
  description?: string;
  data_type: "string" | "integer" | "float" | "boolean" | "date" | "datetime";
  options?: string[];
  api_writable: boolean;
  ui_writable: boolean;
  messenger_writable: boolean;
  custom: boolean;
  archived: boolean;
  admin_id?: string | null;
  created_at?: number;
  updated_at?: number;
  model: "contact" | "company" | "conversation";
}

/** `GET /data_attributes`. */
export interface DataAttributeList {
  type: "list";
  data: DataAttribute[];
}

/** `POST /data_attributes`. */
export interface DataAttributeCreate {
  name: string;
  model: "contact" | "company";
  data_type: "string" | "integer" | "float" | "boolean" | "date" | "datetime" | "options";
  description?: string | null;
  messenger_writable?: boolean;
  /**
   * @maxItems 1000
   */
  options?: {
    value: string;
  }[];
}

/** `PUT /data_attributes/{id}`. */
export interface DataAttributeUpdate {
  archived?: boolean;
  description?: string | null;
  messenger_writable?: boolean;
  /**
   * @maxItems 1000
   */
  options?: {
    value: string;
  }[];
}

/** A 1.x `user` (the Users API before 2.0). */
export interface User1x {
  type: "user";
  id: string;
  user_id: string | null;
  anonymous: false;
  email: string | null;
  phone: string | null;
  name: string | null;
  pseudonym: null;
  avatar: {
    type: "avatar";
    image_url: string | null;
  };
  app_id: string;
  companies: {
    type: "company.list";
    companies: {
      type: "company";
      company_id: string;
      id: string;
      name: string | null;
    }[];
  };
  location_data: {
    type: "location_data";
    city_name: null;
    continent_code: null;
    country_code: null;
    country_name: null;
    postal_code: null;
    region_name: null;
    timezone: null;
    latitude?: null;
    longitude?: null;
  };
  last_request_at: number | null;
  created_at: number;
  remote_created_at: number | null;
  signed_up_at: number | null;
  updated_at: number;
  session_count: number;
  social_profiles: {
    type: "social_profile.list";
    /**
     * @maxItems 0
     */
    social_profiles: unknown[];
  };
  owner_id?: number | null;
  unsubscribed_from_emails: boolean;
  marked_email_as_spam: boolean;
  has_hard_bounced: boolean;
  do_not_track: null;
  referrer: null;
  utm_campaign: null;
  utm_content: null;
  utm_medium: null;
  utm_source: null;
  utm_term: null;
  tags: {
    type: "tag.list";
    tags: Tag[];
  };
  segments: {
    type: "segment.list";
    /**
     * @maxItems 0
     */
    segments: unknown[];
  };
  custom_attributes: {
    [k: string]: string | number | boolean | null;
  };
  last_seen_ip?: null;
  user_agent_data?: null;
}

/** A page of 1.x `GET /users`. */
export interface UserList1x {
  type: "user.list";
  total_count: number;
  users: User1x[];
  pages: {
    type: "pages";
    next: string | null;
    page: number;
    per_page: number;
    total_pages: number;
  };
  limited: boolean;
}

/** A page of 1.x `GET /users/scroll`. */
export interface UserScroll1x {
  type: "user.list";
  users: User1x[];
  scroll_param: string;
}
