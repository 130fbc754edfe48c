/** Shapes several resources share, as Intercom's API 2.14 sends them. */

/** `pages` of a cursor list (contacts, conversations, tickets): `next` is absent (or null) on the last page. */
export interface CursorPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: { per_page: number; starting_after: string | null } | null;
}

/** `pages` of a numbered list (companies, articles, news): `next` is the next page's address, if any. */
export interface NumberedPages {
  type: "pages";
  page: number;
  per_page: number;
  total_pages: number;
  next?: string | null;
}

/** A page of a numbered list. */
export interface NumberedPage<Item> {
  type: "list";
  data: Item[];
  total_count: number;
  pages: NumberedPages;
}

/** A filter of Intercom's search language. */
export interface SearchFilter {
  field: string;
  operator: "=" | "!=" | "IN" | "NIN" | "<" | "<=" | ">" | ">=" | "~" | "!~" | "^" | "$";
  value: string | number | boolean | null | Array<string | number | boolean | null>;
}

/** A search query: one filter, or filters combined with AND / OR (nested at most two deep). */
export type SearchQuery = SearchFilter | { operator: "AND" | "OR"; value: SearchQuery[] };

/** A pointer to an admin, team or other object, as parts and tags name who did something. */
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

/** What deleting a company, ticket, article or news item answers. */
export interface Deleted<Kind extends string> {
  id: string;
  object: Kind;
  deleted: boolean;
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

/** Tickets and conversations linked to a conversation or ticket. */
export interface LinkedObjectList {
  type: "list";
  total_count: number;
  has_more: boolean;
  data: Array<{ type: "ticket" | "conversation"; id: string; category: string | null }>;
}

export type CustomAttributes = Record<string, unknown>;
