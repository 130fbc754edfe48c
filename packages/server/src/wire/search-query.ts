import { type TSchema, Type } from "typebox";

/** The operators of Intercom's search language (which fields take which is the compiler's rule). */
const Operator = Type.Union(
  ["=", "!=", "IN", "NIN", "<", "<=", ">", ">=", "~", "!~", "^", "$"].map((op) => Type.Literal(op)),
);
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** One condition: a field, an operator and a value (a list for IN and NIN). */
export const SearchFilter = Type.Object({
  field: Type.String({ maxLength: 200 }),
  operator: Operator,
  value: Type.Union([Scalar, Type.Array(Scalar)]),
});

const Group = (of: TSchema) =>
  Type.Object({ operator: Type.Union([Type.Literal("AND"), Type.Literal("OR")]), value: Type.Array(of) });

/**
 * The `query` of `POST /contacts/search`, `/conversations/search` and `/tickets/search`, as Intercom
 * defines it: one filter, or AND/OR over filters and groups of filters (nested at most two deep). The
 * door takes `query` loosely (inbox-input.ts, contact-input.ts) and leaves the checking to the shared
 * search compiler (resources/kit/search-query.ts), which answers Intercom's own message for each
 * mistake; this is the language's shape for `@gatehouse/client`'s types.
 */
export const SearchQuery = Type.Union([SearchFilter, Group(Type.Union([SearchFilter, Group(SearchFilter)]))]);
