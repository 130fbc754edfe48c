import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { publicOrigin } from "../plugins/public-origin.ts";

/** `?page=&per_page=`: Intercom's numbered pages, for the lists that page that way. */
export const Paging = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
});

/** Intercom's `pages` object. */
export const Pages = Type.Object({
  type: Type.Literal("pages"),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  next: Type.Optional(Type.String()),
});

export function paging(query: { page?: number; per_page?: number }): { number: number; size: number } {
  return { number: query.page ?? 1, size: query.per_page ?? 50 };
}

/** The `pages` of a numbered list; `next` only when there is a next page. */
export function pageLinks(request: FastifyRequest, page: { number: number; size: number }, total: number) {
  const totalPages = Math.ceil(total / page.size);
  const path = request.url.split("?")[0];
  return {
    type: "pages" as const,
    page: page.number,
    per_page: page.size,
    total_pages: totalPages,
    ...(page.number < totalPages && {
      next: `${publicOrigin(request)}${path}?page=${page.number + 1}&per_page=${page.size}`,
    }),
  };
}

/**
 * The answer of a numbered list, `{type: "list", data, pages, total_count}`: every paged resource answers
 * in this one shape, so it is built here once from the page asked for and what the resource found.
 */
export function numberedList<Row, Item>(
  request: FastifyRequest,
  page: { number: number; size: number },
  found: { rows: Row[]; total: number },
  present: (row: Row) => Item,
) {
  return {
    type: "list" as const,
    data: found.rows.map((row) => present(row)),
    pages: pageLinks(request, page, found.total),
    total_count: found.total,
  };
}
