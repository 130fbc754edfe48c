import { errors } from "../../core/errors.ts";

/**
 * The `starting_after` cursor of Intercom's cursor-paginated lists (contacts, conversations, tickets):
 * opaque to callers, it holds the position after which the next page starts and that page's number.
 */
export function encodeCursor(after: number, page: number): string {
  return Buffer.from(JSON.stringify([after, page])).toString("base64url");
}

export function decodeCursor(cursor: string): { after: number; page: number } {
  try {
    const [after, page] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (
      Number.isSafeInteger(after) &&
      Number.isSafeInteger(page) &&
      (after as number) >= 0 &&
      (page as number) >= 1
    ) {
      return { after: after as number, page: page as number };
    }
  } catch {
    // Not base64 JSON: refused below like any other cursor this API did not give out.
  }
  throw errors.parameterInvalid("starting_after is not a cursor this API gave out", "starting_after");
}

/** The page a cursor list's `per_page` and `starting_after` ask for: its size, where it starts, its number. */
export function cursorRequest(
  paging: { per_page?: number; starting_after?: string | null },
  defaultSize: number,
): { size: number; after?: number; number: number } {
  const size = paging.per_page ?? defaultSize;
  const cursor = paging.starting_after ? decodeCursor(paging.starting_after) : undefined;
  return { size, ...(cursor && { after: cursor.after }), number: cursor?.page ?? 1 };
}

/**
 * Intercom's `pages` of a cursor list (contacts, conversations, tickets): `next` holds the cursor after
 * the page's last row, only when another page follows. An empty list has no pages (`total_pages: 0`),
 * as Intercom's own examples and recorded answers give it.
 */
export function cursorPages(
  request: { size: number; number: number },
  page: { hasMore: boolean; total: number },
  lastKey: number | undefined,
) {
  return {
    type: "pages" as const,
    page: request.number,
    per_page: request.size,
    total_pages: Math.ceil(page.total / request.size),
    ...(page.hasMore &&
      lastKey !== undefined && {
        next: { per_page: request.size, starting_after: encodeCursor(lastKey, request.number + 1) },
      }),
  };
}
