import type { CursorPages, NumberedPage, NumberedPages, SearchQuery } from "../wire/index.ts";

/** What a resource group needs of the client: one authenticated JSON call. */
export interface Requester {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** A path whose every interpolated part is URL-encoded: `` path`/contacts/${id}` ``. */
export function path(strings: TemplateStringsArray, ...parts: Array<string | number>): string {
  return strings.reduce((out, text, i) => out + encodeURIComponent(String(parts[i - 1])) + text);
}

/** `?a=1&b=2` from the defined values, or "" when there are none. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * Every item of a paginated list, fetching one page at a time as the caller iterates (nothing is
 * fetched before the first `next()`, and breaking out of the loop fetches no more). `read` takes a
 * page's items and the cursor to the next page, or undefined on the last.
 */
export async function* paginate<Page, Item, Cursor>(
  fetchPage: (cursor: Cursor | undefined) => Promise<Page>,
  read: (page: Page) => { items: readonly Item[]; next: Cursor | undefined },
): AsyncGenerator<Item, void, undefined> {
  let cursor: Cursor | undefined;
  do {
    const { items, next } = read(await fetchPage(cursor));
    yield* items;
    // An empty page ends the list even if it offers a next one: that cannot loop forever.
    cursor = items.length > 0 ? next : undefined;
  } while (cursor !== undefined);
}

/** Intercom's cursor lists: the next page starts after `pages.next.starting_after`. */
export function startingAfter(pages: CursorPages | null | undefined): string | undefined {
  return pages?.next?.starting_after ?? undefined;
}

/** Every item of one of Intercom's cursor lists, a page at a time; `items` finds a page's items. */
export function cursorList<Page extends { pages: CursorPages }, Item>(
  fetchPage: (after: string | undefined) => Promise<Page>,
  items: (page: Page) => readonly Item[],
): AsyncIterable<Item> {
  return paginate(fetchPage, (page) => ({ items: items(page), next: startingAfter(page.pages) }));
}

/**
 * Every item `POST {base}` finds for a search query (contacts, conversations, tickets): Intercom pages
 * a search by cursor too, in the body's `pagination` rather than the query string.
 */
export function searchList<Page extends { pages: CursorPages }, Item>(
  http: Requester,
  base: string,
  searchQuery: SearchQuery,
  options: PageOptions,
  items: (page: Page) => readonly Item[],
): AsyncIterable<Item> {
  return cursorList(
    (after) =>
      http.request<Page>("POST", base, {
        query: searchQuery,
        pagination: { per_page: options.perPage, starting_after: after },
      }),
    items,
  );
}

/** Intercom's numbered lists: the next page's number, while there is one. */
export function nextPageNumber(
  pages: Pick<NumberedPages, "page" | "total_pages"> | null | undefined,
): number | undefined {
  return pages && pages.page < pages.total_pages ? pages.page + 1 : undefined;
}

/** Every item of the numbered list `GET {base}`, a page at a time. */
export function numberedList<Item>(http: Requester, base: string, options: PageOptions): AsyncIterable<Item> {
  return paginate(
    (page: number | undefined) =>
      http.request<NumberedPage<Item>>("GET", base + query({ page, per_page: options.perPage })),
    (page) => ({ items: page.data, next: nextPageNumber(page.pages) }),
  );
}

/** Options of every paginated list: how many items each page fetches. */
export interface PageOptions {
  perPage?: number;
}
