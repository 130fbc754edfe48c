/**
 * The typed builder for the `query` of a contacts, conversations or tickets search. The server's schema
 * types `query` loosely at the door (its search compiler answers Intercom's own messages for each
 * mistake), so this is the client's own, stricter view of the same language, for autocompletion.
 */

/** A filter of Intercom's search language. */
export interface SearchFilter {
  field: string;
  operator: "=" | "!=" | "IN" | "NIN" | "<" | "<=" | ">" | ">=" | "~" | "!~" | "^" | "$";
  value: string | number | boolean | null | Array<string | number | boolean | null>;
}

/** A search query: one filter, or filters combined with AND / OR (nested at most two deep). */
export type SearchQuery = SearchFilter | { operator: "AND" | "OR"; value: SearchQuery[] };
