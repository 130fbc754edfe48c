import { type TObject, type TSchema, Type } from "typebox";

/**
 * The pieces every Intercom object and list shares, defined once: routes' response schemas and the
 * objects under wire/ build on these. Keep this file to shapes only (no presenters, no imports).
 */

/** A value Intercom sends as JSON null when it has none. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Unix seconds, as every Intercom timestamp. */
export const Timestamp = Type.Integer({ minimum: 0 });

/** Intercom's error envelope (2.14 `error`): the body of every refusal of the API. */
export const ErrorList = Type.Object({
  type: Type.Literal("error.list"),
  request_id: Nullable(Type.String()),
  errors: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
    }),
  ),
});

/**
 * The refusals any guarded API route may give (its door: token, budget, version, scopes; its input
 * checks; a missing record), for the route's `response` beside its success: spread it in.
 */
export const errorResponses = {
  "4xx": ErrorList,
  "5xx": ErrorList,
} as const;

/** A route's `response`: its success answer, and the refusals every guarded route may give. */
export const answers = <T extends TSchema>(ok: T) => ({ 200: ok, ...errorResponses });

/** `pages` of a cursor list (contacts, conversations, tickets): `next` carries the cursor. */
export const CursorPages = Type.Object({
  type: Type.Literal("pages"),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  next: Type.Optional(Type.Object({ per_page: Type.Integer(), starting_after: Type.String() })),
});

/** `pages` of a numbered list (`?page=&per_page=`): `next` is the absolute URL of the next page. */
export const NumberedPages = Type.Object({
  type: Type.Literal("pages"),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  next: Type.Optional(Type.String()),
});

/**
 * A numbered list of `item`s, `{type: "list", data, pages, total_count}`: every list that pages by
 * number (`?page=&per_page=`) answers in this one shape (http/api/page-links.ts `numberedList` builds it).
 */
export const NumberedList = <T extends TSchema>(item: T) =>
  Type.Object({
    type: Type.Literal("list"),
    data: Type.Array(item),
    pages: NumberedPages,
    total_count: Type.Integer(),
  });

/**
 * Where a person came from (the referrer and the UTM parameters of their first visit): Gatehouse runs
 * no Messenger to see it, so users and visitors send these null, in the schema and in every answer.
 */
export const Untracked = {
  referrer: Type.Null(),
  utm_campaign: Type.Null(),
  utm_content: Type.Null(),
  utm_medium: Type.Null(),
  utm_source: Type.Null(),
  utm_term: Type.Null(),
};
export const UNTRACKED = {
  referrer: null,
  utm_campaign: null,
  utm_content: null,
  utm_medium: null,
  utm_source: null,
  utm_term: null,
} as const;

/** What Intercom answers for a deleted object: its type, id and `deleted: true`. */
export const Deleted = <T extends string>(type: T) =>
  Type.Object({ type: Type.Literal(type), id: Type.String(), deleted: Type.Literal(true) });

/** A success answered with no body at all (Intercom's 200 for a deleted tag): nothing to serialise. */
export const NoBody = Type.Unknown({ description: "no body" });

/**
 * An object whose optional fields sit among its required ones, in Intercom's order. fast-json-stringify
 * writes required fields first; this copy names none as required, so the answer keeps the order the
 * presenter writes. Its type is unchanged: the presenter's return type still requires those fields.
 */
export const InOrder = <T extends TObject>(schema: T): T => {
  const { required, ...ordered } = schema as T & { required?: string[] };
  // Kept under a name no serialiser or validator reads, so generated client types still require them.
  return { ...ordered, "x-required": required } as unknown as T;
};
