import { type ExpressionBuilder, sql } from "kysely";
import { ApiError, errors } from "../../core/errors.ts";
import type { Services, Trx } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import type { Database } from "../../storage/schema.ts";
import type { ContactRow } from "../../storage/tables/contacts.ts";
import type { ListUsersQuery1x } from "../../wire/user-1x-input.ts";
import { archiveContact } from "../contacts/lifecycle.ts";
import { compileSearch } from "../contacts/search.ts";
import { notFound } from "../kit/missing.ts";

/**
 * Reading Intercom's 1.x users: the workspace's contacts with the `user` role, archived ones hidden (as
 * the 1.x API hid archived users: "Archive a user", 1.2). Leads are not users, so never found here (on
 * Intercom a lead's id answered a `contact`; the issue serves users only). Sources: /work/wt/USERS-1X.md
 * §4–§5 ([D-view], [D-list], [D-lbe], [D-tag], [D-scroll]).
 */

/** The workspace's live users, as every read starts. */
export function users(db: Services["db"] | Trx, workspaceId: number) {
  return db
    .selectFrom("contacts")
    .where("contacts.workspace_id", "=", workspaceId)
    .where("contacts.role", "=", "user")
    .where("contacts.archived", "=", false);
}

/** `GET /users/{id}`: by Intercom's id only; `/users/{user_id}` is no lookup by your id (python-intercom#87). */
export async function findUser(s: Services, workspaceId: number, id: string): Promise<ContactRow> {
  const row = await users(s.db, workspaceId).selectAll().where("contacts.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("User");
  return row;
}

/** What 1.0 answered, and still answers when an email alone must name one user (create, archive). */
export const MULTIPLE_MATCH = () =>
  new ApiError(
    409,
    "conflict",
    "Multiple existing users match this email address - must be more specific using user_id",
  );

/**
 * The one user a `user_id` or an email names: `user_id` wins when both are given (Intercom's lookup
 * order, id > user_id > email). An email shared by several users is a 409, as on 1.0.
 */
export async function findUserBy(
  s: Services,
  workspaceId: number,
  by: { user_id?: string | undefined; email?: string | undefined },
): Promise<ContactRow> {
  if (by.user_id !== undefined) {
    const row = await users(s.db, workspaceId)
      .selectAll()
      .where("contacts.external_id", "=", by.user_id)
      .executeTakeFirst();
    if (!row) throw notFound("User");
    return row;
  }
  if (by.email === undefined)
    throw errors.parameterNotFound("Name the user with user_id or email", "user_id");
  const rows = await users(s.db, workspaceId)
    .selectAll()
    .where("contacts.email", "=", by.email.toLowerCase())
    .orderBy("contacts.seq")
    .limit(2)
    .execute();
  if (rows.length > 1) throw MULTIPLE_MATCH();
  if (!rows[0]) throw notFound("User");
  return rows[0];
}

/**
 * `DELETE /users/{id}`, `?user_id=`, `?email=`: archives the user, as 1.x's DELETE did ("A user can be
 * archived by sending a DELETE request", [D-arch]), raising `contact.archived`; after it, finds and
 * lists no longer see the user. Answers the user as it now is.
 */
export async function archiveUser(
  s: Services,
  workspaceId: number,
  by: { id: string } | { user_id?: string | undefined; email?: string | undefined },
): Promise<ContactRow> {
  const user = "id" in by ? await findUser(s, workspaceId, by.id) : await findUserBy(s, workspaceId, by);
  return archiveContact(s, workspaceId, user.id, "not found");
}

/** Pages reach this deep and no further: "use the Scroll API" past 10,000 users ([D-list]). */
export const MAX_DEPTH = 10_000;
/** `per_page` is 50 unless asked; at most 60 ([D-list]); more is taken as 60. */
export const PER_PAGE = { default: 50, max: 60 } as const;

export type UserFilters = Pick<
  ListUsersQuery1x,
  "email" | "phone" | "tag_id" | "segment_id" | "created_since" | "sort" | "order"
>;

const SORTED_BY = {
  created_at: "contacts.created_at",
  updated_at: "contacts.updated_at",
  last_request_at: "contacts.last_seen_at",
  signed_up_at: "contacts.signed_up_at",
} as const;

/**
 * A page of users, filtered by email, phone, tag or segment and by age, sorted by `sort` (default
 * `created_at`) in `order` (default `desc`), with how many match. A tag or segment that is not the
 * workspace's matches nobody; a segment of leads holds no users.
 */
export async function listUsers(
  s: Services,
  workspaceId: number,
  filters: UserFilters,
  page: { number: number; size: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  if (filters.tag_id !== undefined && filters.segment_id !== undefined)
    throw errors.parameterInvalid("Filter by a tag or by a segment, not both", "segment_id");
  const segment =
    filters.segment_id === undefined
      ? undefined
      : await s.db
          .selectFrom("segments")
          .select(["query", "person_type"])
          .where("workspace_id", "=", workspaceId)
          .where("id", "=", filters.segment_id)
          .executeTakeFirst();
  const noSegment = filters.segment_id !== undefined && segment?.person_type !== "user";
  const since =
    filters.created_since === undefined ? undefined : s.now() - filters.created_since * 86_400_000;
  const matching = () => {
    let query = users(s.db, workspaceId);
    if (filters.email !== undefined) query = query.where("contacts.email", "=", filters.email.toLowerCase());
    if (filters.phone !== undefined) query = query.where("contacts.phone", "=", filters.phone);
    if (filters.tag_id !== undefined) query = query.where(taggedWith(recordId(filters.tag_id)));
    if (segment && !noSegment) query = query.where(compileSearch(JSON.parse(segment.query), s.dialect));
    if (noSegment) query = query.where(sql<boolean>`1 = 0`);
    if (since !== undefined) query = query.where("contacts.created_at", ">=", since);
    return query;
  };
  const counted = await matching()
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  const offset = (page.number - 1) * page.size;
  if (offset >= MAX_DEPTH) return { rows: [], total: Number(counted.n) };
  // Never-seen (null) times sort as the oldest, the same on both databases.
  const key = sql`coalesce(${sql.ref(SORTED_BY[filters.sort ?? "created_at"])}, -1)`;
  const direction = filters.order === "asc" ? sql`asc` : sql`desc`;
  const rows = await matching()
    .selectAll("contacts")
    .orderBy(sql`${key} ${direction}`)
    .orderBy(sql`${sql.ref("contacts.seq")} ${direction}`)
    .limit(Math.min(page.size, MAX_DEPTH - offset))
    .offset(offset)
    .execute();
  return { rows, total: Number(counted.n) };
}

function taggedWith(tagId: number) {
  return (eb: ExpressionBuilder<Database, "contacts">) =>
    eb.exists(
      eb
        .selectFrom("contact_tags")
        .select("contact_tags.tag_id")
        .whereRef("contact_tags.contact_seq", "=", "contacts.seq")
        .where("contact_tags.tag_id", "=", tagId),
    );
}

/** Users per scroll page ("get 100 users with each request": intercom-ruby 3.x README). */
export const SCROLL_SIZE = 100;

/**
 * `GET /users/scroll`: every user once, 100 at a time, in creation order, however the list changes
 * meanwhile. The param says where the next page starts; it holds no secret (the workspace still
 * bounds what it reaches), so it needs no state: unlike Intercom's, it neither expires after a minute
 * nor limits a workspace to one scroll at a time. The last page is empty and carries the param again.
 */
export async function scrollUsers(
  s: Services,
  workspaceId: number,
  param: string | undefined,
): Promise<{ rows: ContactRow[]; param: string }> {
  const after = param === undefined ? 0 : scrollPosition(param);
  const rows = await users(s.db, workspaceId)
    .selectAll()
    .where("contacts.seq", ">", after)
    .orderBy("contacts.seq")
    .limit(SCROLL_SIZE)
    .execute();
  const last = rows.at(-1);
  return { rows, param: last ? scrollParam(last.seq) : (param ?? scrollParam(0)) };
}

const SCROLL_PREFIX = "gh1x_";

function scrollParam(afterSeq: number): string {
  return SCROLL_PREFIX + Buffer.from(String(afterSeq)).toString("base64url");
}

function scrollPosition(param: string): number {
  const digits = param.startsWith(SCROLL_PREFIX)
    ? Buffer.from(param.slice(SCROLL_PREFIX.length), "base64url").toString("latin1")
    : "";
  const after = /^[0-9]{1,15}$/.test(digits) ? Number(digits) : Number.NaN;
  // Intercom: "calls with that scroll param will fail" once it is gone; a 404, as for any unknown id.
  if (!Number.isSafeInteger(after)) throw new ApiError(404, "not_found", "Scroll Parameter Not Found");
  return after;
}
