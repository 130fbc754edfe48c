import type { SelectQueryBuilder, StringReference } from "kysely";

/** A page of a numbered list (`?page=&per_page=`): which page, from 1, and how many rows a page holds. */
export interface NumberedPage {
  number: number;
  size: number;
}

/** Narrows a list's query to one numbered page: `query.$call(onPage(page))`. */
export function onPage(page: NumberedPage) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) =>
    query.limit(page.size).offset((page.number - 1) * page.size);
}

/** One numbered page of a list in the order of `key`, and how many rows the list holds in all. */
export async function numberedPage<DB, TB extends keyof DB>(
  list: () => SelectQueryBuilder<DB, TB, object>,
  key: StringReference<DB, TB>,
  page: NumberedPage,
) {
  const rows = await list().selectAll().orderBy(key).$call(onPage(page)).execute();
  const total = await list()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number((total as { n: number | string | bigint }).n) };
}

/** Where a cursor page starts: after the row whose key is `after` (none: the first page). */
export interface CursorRequest {
  size: number;
  after?: number;
}

/** One page of a cursor list, whether another follows, and how many rows the list holds in all. */
export interface CursorPage<Row> {
  rows: Row[];
  hasMore: boolean;
  total: number;
}

/**
 * One page of a list read in the order of a unique, increasing key (`seq`, `id`): the rows after the
 * cursor, one more than the page holds to learn whether another follows, and the list's count.
 * `list` makes the filtered query afresh each time it is called.
 */
export async function pageAfter<DB, TB extends keyof DB>(
  list: () => SelectQueryBuilder<DB, TB, object>,
  key: StringReference<DB, TB>,
  page: CursorRequest,
) {
  let rows = list().selectAll();
  // biome-ignore lint/suspicious/noExplicitAny: the key is an integer column of whichever table is paged.
  if (page.after !== undefined) rows = rows.where(key, ">", page.after as any);
  const found = await rows
    .orderBy(key)
    .limit(page.size + 1)
    .execute();
  const total = await list()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return {
    rows: found.slice(0, page.size),
    hasMore: found.length > page.size,
    total: Number((total as { n: number | string | bigint }).n),
  };
}
