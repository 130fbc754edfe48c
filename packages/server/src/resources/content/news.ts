import type { Updateable } from "kysely";
import { errors } from "../../core/errors.ts";
import { numberedPage, onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type {
  NewsfeedRow,
  NewsItemRow,
  NewsItemState,
  NewsItemsTable,
} from "../../storage/tables/content.ts";
import type { NewsItemRecord } from "../../wire/news-item.ts";
import type { NewsItemBody } from "../../wire/news-item-input.ts";
import { idOf } from "../kit/input.ts";
import { deleteInWorkspace, findInWorkspace } from "../kit/records.ts";
import { longText, teammate } from "./fields.ts";

const MAX_BODY = 500_000;

type Db = Services["db"] | Trx;

/** Publish dates in milliseconds; null while the item is a draft. */
type Assignment = NewsItemView["assignments"][number];

/** A news item and the newsfeeds it is on. */
export type NewsItemView = NewsItemRecord;

interface Requested {
  newsfeed_id: number;
  published_at?: number;
}

function labels(value: string[]): string {
  const names = value.map((label) => requireText(label, "labels", 255));
  return JSON.stringify([...new Set(names)]);
}

function reactions(value: Array<string | null>): string {
  for (const reaction of value) {
    if (reaction === null) continue;
    // An emoji is a few code points (with joiners and modifiers), never text.
    if (reaction.length === 0 || /[\p{L}\p{N}\s]/u.test(reaction))
      throw errors.parameterInvalid("Each reaction must be an emoji", "reactions");
  }
  return JSON.stringify(value);
}

function coverImage(value: string | null): string | null {
  if (value === null) return null;
  const url = URL.parse(value);
  if (
    !url ||
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    !/\.(jpe?g|png)$/i.test(url.pathname) ||
    url.href.length > 2000
  )
    throw errors.parameterInvalid(
      "cover_image_url must be the URL of a .jpg or .png image",
      "cover_image_url",
    );
  return url.href;
}

/** `newsfeed_assignments`: newsfeeds of the workspace, each once; publish dates in the past. */
async function requestedAssignments(
  db: Db,
  workspaceId: number,
  value: NonNullable<NewsItemBody["newsfeed_assignments"]>,
  now: number,
): Promise<Requested[]> {
  const field = "newsfeed_assignments";
  const byFeed = new Map<number, Requested>();
  for (const entry of value) {
    if (entry.newsfeed_id === undefined || entry.newsfeed_id === null)
      throw errors.parameterNotFound(`${field}.newsfeed_id is required`, `${field}.newsfeed_id`);
    const feedId = idOf(entry.newsfeed_id, `${field}.newsfeed_id`);
    const requested: Requested = { newsfeed_id: feedId };
    if (entry.published_at !== undefined && entry.published_at !== null) {
      const at = entry.published_at;
      if (at * 1000 > now)
        throw errors.parameterInvalid(
          "published_at must be a Unix timestamp in seconds, not in the future",
          `${field}.published_at`,
        );
      requested.published_at = at * 1000;
    }
    byFeed.set(feedId, requested);
  }
  const ids = [...byFeed.keys()];
  if (ids.length > 0) {
    const known = await db
      .selectFrom("newsfeeds")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("id", "in", ids)
      .execute();
    if (known.length !== ids.length)
      throw errors.parameterInvalid("newsfeed_id must be the id of a newsfeed", `${field}.newsfeed_id`);
  }
  return [...byFeed.values()];
}

async function withAssignments(db: Db, rows: NewsItemRow[]): Promise<NewsItemView[]> {
  if (rows.length === 0) return [];
  const assignments = await db
    .selectFrom("newsfeed_assignments")
    .selectAll()
    .where(
      "news_item_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("newsfeed_id")
    .execute();
  return rows.map((row) => ({
    ...row,
    assignments: assignments
      .filter((a) => a.news_item_id === row.id)
      .map((a) => ({ newsfeed_id: a.newsfeed_id, published_at: a.published_at })),
  }));
}

async function view(db: Db, workspaceId: number, id: number): Promise<NewsItemView> {
  const row = await findInWorkspace(db, "news_items", workspaceId, id, "Resource");
  const [item] = await withAssignments(db, [row]);
  return item as NewsItemView;
}

export function findNewsItem(s: Services, workspaceId: number, id: number): Promise<NewsItemView> {
  return view(s.db, workspaceId, id);
}

export async function listNewsItems(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<{ rows: NewsItemView[]; total: number }> {
  const { rows, total } = await numberedPage(
    () => s.db.selectFrom("news_items").where("workspace_id", "=", workspaceId),
    "id",
    page,
  );
  return { rows: await withAssignments(s.db, rows), total };
}

/** The fields of a request other than assignments, checked; what it leaves out is left out. */
async function fields(db: Db, workspaceId: number, input: NewsItemBody) {
  const out: Updateable<NewsItemsTable> = {};
  if (input.title !== undefined) out.title = requireText(input.title, "title", 255);
  if (input.body !== undefined) out.body = input.body === null ? "" : longText(input.body, "body", MAX_BODY);
  if (input.sender_id !== undefined)
    out.sender_id = await teammate(db, workspaceId, input.sender_id, "sender_id");
  if (input.state !== undefined) out.state = input.state;
  if (input.labels !== undefined) out.labels = labels(input.labels ?? []);
  if (input.reactions !== undefined) out.reactions = reactions(input.reactions ?? []);
  if (input.cover_image_url !== undefined) out.cover_image_url = coverImage(input.cover_image_url);
  if (input.deliver_silently !== undefined) out.deliver_silently = input.deliver_silently;
  return out;
}

/**
 * Writes a news item's newsfeeds. A live item is published on each at the date the request gives, or
 * else the date it already had there, or else now; a draft is on its newsfeeds unpublished.
 */
async function assign(
  trx: Trx,
  itemId: number,
  itemState: NewsItemState,
  requested: Requested[],
  before: Assignment[],
  now: number,
): Promise<void> {
  await trx.deleteFrom("newsfeed_assignments").where("news_item_id", "=", itemId).execute();
  if (requested.length === 0) return;
  const previously = new Map(before.map((a) => [a.newsfeed_id, a.published_at]));
  await trx
    .insertInto("newsfeed_assignments")
    .values(
      requested.map((r) => ({
        news_item_id: itemId,
        newsfeed_id: r.newsfeed_id,
        published_at: itemState === "draft" ? null : (r.published_at ?? previously.get(r.newsfeed_id) ?? now),
      })),
    )
    .execute();
}

export async function createNewsItem(
  s: Services,
  workspaceId: number,
  input: NewsItemBody,
): Promise<NewsItemView> {
  if (input.title === undefined || input.title === null)
    throw errors.parameterNotFound("title is required", "title");
  if (input.sender_id === undefined || input.sender_id === null)
    throw errors.parameterNotFound("sender_id is required", "sender_id");
  return write(s, async (trx) => {
    const now = s.now();
    const given = await fields(trx, workspaceId, input);
    const requested =
      input.newsfeed_assignments === undefined || input.newsfeed_assignments === null
        ? []
        : await requestedAssignments(trx, workspaceId, input.newsfeed_assignments, now);
    const row = await trx
      .insertInto("news_items")
      .values({
        workspace_id: workspaceId,
        title: given.title as string,
        body: given.body ?? "",
        sender_id: given.sender_id as number,
        state: given.state ?? "draft",
        labels: given.labels ?? "[]",
        reactions: given.reactions ?? "[]",
        cover_image_url: given.cover_image_url ?? null,
        deliver_silently: given.deliver_silently ?? false,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await assign(trx, row.id, row.state, requested, [], now);
    return view(trx, workspaceId, row.id);
  });
}

/** Changes the fields the request gives; `newsfeed_assignments`, when given, is the whole new list. */
export async function updateNewsItem(
  s: Services,
  workspaceId: number,
  id: number,
  input: NewsItemBody,
): Promise<NewsItemView> {
  return write(s, async (trx) => {
    const current = await view(trx, workspaceId, id);
    const now = s.now();
    const given = await fields(trx, workspaceId, input);
    const requested =
      input.newsfeed_assignments === undefined
        ? current.assignments.map((a) => ({ newsfeed_id: a.newsfeed_id }))
        : input.newsfeed_assignments === null
          ? []
          : await requestedAssignments(trx, workspaceId, input.newsfeed_assignments, now);
    await trx
      .updateTable("news_items")
      .set({ ...given, updated_at: now })
      .where("id", "=", current.id)
      .execute();
    await assign(trx, current.id, given.state ?? current.state, requested, current.assignments, now);
    return view(trx, workspaceId, current.id);
  });
}

export async function deleteNewsItem(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, (trx) => deleteInWorkspace(trx, "news_items", workspaceId, id, "Resource"));
}

export async function listNewsfeeds(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<{ rows: NewsfeedRow[]; total: number }> {
  return numberedPage(() => s.db.selectFrom("newsfeeds").where("workspace_id", "=", workspaceId), "id", page);
}

export async function findNewsfeed(s: Services, workspaceId: number, id: number): Promise<NewsfeedRow> {
  return findInWorkspace(s.db, "newsfeeds", workspaceId, id, "Resource");
}

/** The live news items on a newsfeed, most recently published first. */
export async function listLiveNewsfeedItems(
  s: Services,
  workspaceId: number,
  newsfeedId: number,
  page: { number: number; size: number },
): Promise<{ rows: NewsItemView[]; total: number }> {
  const feed = await findNewsfeed(s, workspaceId, newsfeedId);
  const live = () =>
    s.db
      .selectFrom("newsfeed_assignments")
      .innerJoin("news_items", "news_items.id", "newsfeed_assignments.news_item_id")
      .where("newsfeed_assignments.newsfeed_id", "=", feed.id)
      .where("news_items.state", "=", "live");
  const rows = await live()
    .selectAll("news_items")
    .orderBy("newsfeed_assignments.published_at", "desc")
    .orderBy("news_items.id", "desc")
    .$call(onPage(page))
    .execute();
  const total = await live()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows: await withAssignments(s.db, rows), total: Number(total.n) };
}
