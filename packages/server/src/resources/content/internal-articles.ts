import { sql } from "kysely";
import { errors } from "../../core/errors.ts";
import { onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { InternalArticleRow } from "../../storage/tables/content.ts";
import type { InternalArticleBody } from "../../wire/internal-article-input.ts";
import { deleteInWorkspace, findInWorkspace } from "../kit/records.ts";
import { DEFAULT_LOCALE, longText, mentions, teammate } from "./fields.ts";

/**
 * Internal articles: knowledge written for the workspace's teammates, never on a help center. Unlike
 * help center articles they have an owner beside their author, one locale, no state, and keep their
 * body as written.
 */

const MAX_TITLE = 255;
const MAX_BODY = 500_000;

type Fields = Partial<Pick<InternalArticleRow, "title" | "body" | "author_id" | "owner_id" | "locale">>;

async function check(db: Services["db"] | Trx, workspaceId: number, input: InternalArticleBody) {
  const out: Fields = {};
  if (input.title !== undefined) out.title = requireText(input.title, "title", MAX_TITLE);
  if (input.body !== undefined && input.body !== null) out.body = longText(input.body, "body", MAX_BODY);
  if (input.author_id !== undefined)
    out.author_id = await teammate(db, workspaceId, input.author_id, "author_id");
  if (input.owner_id !== undefined)
    out.owner_id = await teammate(db, workspaceId, input.owner_id, "owner_id");
  if (input.locale !== undefined) out.locale = input.locale;
  return out;
}

async function find(db: Services["db"] | Trx, workspaceId: number, id: number): Promise<InternalArticleRow> {
  return findInWorkspace(db, "internal_articles", workspaceId, id, "Resource");
}

export function findInternalArticle(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<InternalArticleRow> {
  return find(s.db, workspaceId, id);
}

export async function createInternalArticle(
  s: Services,
  workspaceId: number,
  input: InternalArticleBody,
): Promise<InternalArticleRow> {
  return write(s, async (trx) => {
    const fields = await check(trx, workspaceId, input);
    // Intercom's own words for a missing author (its 400 example).
    if (fields.author_id === undefined)
      throw errors.parameterNotFound(
        "author_id must be in the main body or default locale translated_content object",
        "author_id",
      );
    if (fields.owner_id === undefined) throw errors.parameterNotFound("owner_id is required", "owner_id");
    if (fields.title === undefined) throw errors.parameterNotFound("title is required", "title");
    const now = s.now();
    return trx
      .insertInto("internal_articles")
      .values({
        workspace_id: workspaceId,
        title: fields.title,
        body: fields.body ?? "",
        author_id: fields.author_id,
        owner_id: fields.owner_id,
        locale: fields.locale ?? DEFAULT_LOCALE,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Changes the fields the request gives. */
export async function updateInternalArticle(
  s: Services,
  workspaceId: number,
  id: number,
  input: InternalArticleBody,
): Promise<InternalArticleRow> {
  return write(s, async (trx) => {
    const current = await find(trx, workspaceId, id);
    const fields = await check(trx, workspaceId, input);
    return trx
      .updateTable("internal_articles")
      .set({ ...fields, updated_at: s.now() })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function deleteInternalArticle(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, (trx) => deleteInWorkspace(trx, "internal_articles", workspaceId, id, "Resource"));
}

export interface InternalArticleSearch {
  phrase?: string;
  /** Intercom files internal articles in folders; Gatehouse has none, so a folder holds nothing. */
  folder_id?: string;
}

/**
 * A page of the workspace's internal articles, most recently updated first as Intercom lists articles,
 * optionally only those whose title or body holds the phrase; and how many match in all.
 */
export async function pageInternalArticles(
  s: Services,
  workspaceId: number,
  query: InternalArticleSearch,
  page: { number: number; size: number },
): Promise<{ rows: InternalArticleRow[]; total: number }> {
  const phrase = query.phrase?.trim() ?? "";
  const matching = () =>
    s.db
      .selectFrom("internal_articles")
      .where("workspace_id", "=", workspaceId)
      .$if(query.folder_id !== undefined, (q) => q.where(sql<boolean>`1 = 0`))
      .$if(phrase !== "", (q) => q.where(mentions(["title", "body"], phrase)));
  const rows = await matching()
    .selectAll()
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .$call(onPage(page))
    .execute();
  const counted = await matching()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(counted.n) };
}
