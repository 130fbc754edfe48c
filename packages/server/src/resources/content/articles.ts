import { errors } from "../../core/errors.ts";
import { onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { ArticleState } from "../../storage/tables/content.ts";
import { type ArticleRecord, type ArticleTranslations, articleTranslations } from "../../wire/article.ts";
import type {
  ArticleBody,
  ArticleSearchQuery,
  ArticleTranslatedContentInput,
} from "../../wire/article-input.ts";
import { idOf } from "../kit/input.ts";
import { deleteInWorkspace, findInWorkspaceToChange, findOr404 } from "../kit/records.ts";
import { DEFAULT_LOCALE, longText, mentions, teammate, translatedEntries } from "./fields.ts";

const MAX_TITLE = 255;
const MAX_DESCRIPTION = 10_000;
const MAX_BODY = 500_000;

/** An article with what its presentation needs of its parent. */
export type ArticleView = ArticleRecord;

type Db = Services["db"] | Trx;

function withParent(db: Db) {
  return db
    .selectFrom("articles")
    .leftJoin("help_center_collections as parent", "parent.id", "articles.parent_id")
    .selectAll("articles")
    .select(["parent.parent_id as parent_parent_id", "parent.help_center_id as parent_help_center_id"]);
}

/**
 * Intercom keeps article bodies as its editor's HTML: plain text becomes a paragraph, and paragraphs
 * carry the editor's class. Anything else is kept as written.
 */
export function articleHtml(body: string): string {
  if (body.trim() === "") return "";
  if (!/<[a-z!/]/i.test(body))
    return `<p class="no-margin">${body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`;
  return body.replace(/<p>/gi, '<p class="no-margin">');
}

/** The main fields a request sets, from its top level or else from its default-locale translation. */
interface Main {
  title?: string;
  description?: string;
  body?: string;
  author_id?: number;
  state?: ArticleState;
}

/**
 * Reads `article_translated_content`. The default locale's entry stands in for main fields the request
 * leaves out; the other locales are merged into the article's translations (null removes one).
 */
async function readTranslations(
  db: Db,
  workspaceId: number,
  value: ArticleTranslatedContentInput | null | undefined,
  existing: ArticleTranslations,
  now: number,
): Promise<{ translations: ArticleTranslations; main: Main }> {
  if (value === undefined || value === null) return { translations: existing, main: {} };
  const translations: ArticleTranslations = { ...existing };
  let main: Main = {};
  for (const { locale, content, field } of translatedEntries(value, translations)) {
    const given: Main = {};
    if (content.title !== undefined) given.title = requireText(content.title, `${field}.title`, MAX_TITLE);
    if (content.description !== undefined && content.description !== null)
      given.description = longText(content.description, `${field}.description`, MAX_DESCRIPTION);
    if (content.body !== undefined && content.body !== null)
      given.body = articleHtml(longText(content.body, `${field}.body`, MAX_BODY));
    if (content.author_id !== undefined)
      given.author_id = await teammate(db, workspaceId, content.author_id, `${field}.author_id`);
    if (content.state !== undefined) given.state = content.state;
    if (locale === DEFAULT_LOCALE) {
      main = given;
      continue;
    }
    const before = translations[locale];
    if (given.title === undefined && before === undefined)
      throw errors.parameterNotFound(`${field}.title is required`, `${field}.title`);
    if (given.author_id === undefined && before === undefined)
      throw errors.parameterNotFound(`${field}.author_id is required`, `${field}.author_id`);
    translations[locale] = {
      title: given.title ?? (before?.title as string),
      description: given.description ?? before?.description ?? "",
      body: given.body ?? before?.body ?? "",
      author_id: given.author_id ?? (before?.author_id as number),
      state: given.state ?? before?.state ?? "draft",
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
  }
  return { translations, main };
}

/** The collection or section an article goes in; `parent_type`, when given, must say which it is. */
async function parent(db: Db, workspaceId: number, input: ArticleBody): Promise<number | null> {
  if (input.parent_id === null || input.parent_id === undefined) return null;
  const id = idOf(input.parent_id, "parent_id");
  const row = await db
    .selectFrom("help_center_collections")
    .select(["id", "parent_id"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.parameterInvalid("parent_id must be the id of a collection or section", "parent_id");
  if (input.parent_type !== undefined && input.parent_type !== null) {
    const kind = row.parent_id === null ? "collection" : "section";
    if (input.parent_type !== "collection" && input.parent_type !== "section")
      throw errors.parameterInvalid("parent_type must be collection or section", "parent_type");
    if (input.parent_type !== kind)
      throw errors.parameterInvalid(`parent_id names a ${kind}, not a ${input.parent_type}`, "parent_type");
  }
  return row.id;
}

async function main(db: Db, workspaceId: number, input: ArticleBody, from: Main): Promise<Main> {
  const out: Main = { ...from };
  if (input.title !== undefined) out.title = requireText(input.title, "title", MAX_TITLE);
  if (input.description !== undefined && input.description !== null)
    out.description = longText(input.description, "description", MAX_DESCRIPTION);
  if (input.body !== undefined && input.body !== null)
    out.body = articleHtml(longText(input.body, "body", MAX_BODY));
  if (input.author_id !== undefined)
    out.author_id = await teammate(db, workspaceId, input.author_id, "author_id");
  if (input.state !== undefined) out.state = input.state;
  return out;
}

async function view(db: Db, workspaceId: number, id: number): Promise<ArticleView> {
  return findOr404(
    withParent(db).where("articles.workspace_id", "=", workspaceId).where("articles.id", "=", id),
    "Resource",
  );
}

export function findArticle(s: Services, workspaceId: number, id: number): Promise<ArticleView> {
  return view(s.db, workspaceId, id);
}

/** Most recently updated first, as Intercom lists them. */
export async function listArticles(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<{ rows: ArticleView[]; total: number }> {
  const rows = await withParent(s.db)
    .where("articles.workspace_id", "=", workspaceId)
    .orderBy("articles.updated_at", "desc")
    .orderBy("articles.id", "desc")
    .$call(onPage(page))
    .execute();
  return { rows, total: await countArticles(s, workspaceId) };
}

async function countArticles(s: Services, workspaceId: number): Promise<number> {
  const row = await s.db
    .selectFrom("articles")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createArticle(
  s: Services,
  workspaceId: number,
  input: ArticleBody,
): Promise<ArticleView> {
  return write(s, async (trx) => {
    const now = s.now();
    const { translations, main: fromLocale } = await readTranslations(
      trx,
      workspaceId,
      input.translated_content,
      {},
      now,
    );
    const fields = await main(trx, workspaceId, input, fromLocale);
    if (fields.author_id === undefined)
      throw errors.parameterNotFound(
        "author_id must be in the main body or default locale translated_content object",
        "author_id",
      );
    if (fields.title === undefined)
      throw errors.parameterNotFound(
        "title must be in the main body or default locale translated_content object",
        "title",
      );
    const parentId = input.parent_id === undefined ? null : await parent(trx, workspaceId, input);
    const row = await trx
      .insertInto("articles")
      .values({
        workspace_id: workspaceId,
        title: fields.title,
        description: fields.description ?? "",
        body: fields.body ?? "",
        author_id: fields.author_id,
        state: fields.state ?? "draft",
        parent_id: parentId,
        translations: JSON.stringify(translations),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return view(trx, workspaceId, row.id);
  });
}

/** Changes the fields the request gives; leaving `state` out keeps the article as it is. */
export async function updateArticle(
  s: Services,
  workspaceId: number,
  id: number,
  input: ArticleBody,
): Promise<ArticleView> {
  return write(s, async (trx) => {
    // Translations are merged into the article as read: its row stays locked until the write ends.
    await findInWorkspaceToChange(s, trx, "articles", workspaceId, id, "Resource");
    const current = await view(trx, workspaceId, id);
    const now = s.now();
    const { translations, main: fromLocale } = await readTranslations(
      trx,
      workspaceId,
      input.translated_content,
      articleTranslations(current),
      now,
    );
    const fields = await main(trx, workspaceId, input, fromLocale);
    const parentId =
      input.parent_id === undefined ? current.parent_id : await parent(trx, workspaceId, input);
    await trx
      .updateTable("articles")
      .set({ ...fields, parent_id: parentId, translations: JSON.stringify(translations), updated_at: now })
      .where("id", "=", current.id)
      .execute();
    return view(trx, workspaceId, current.id);
  });
}

export async function deleteArticle(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, (trx) => deleteInWorkspace(trx, "articles", workspaceId, id, "Resource"));
}

export type ArticleSearch = Pick<ArticleSearchQuery, "phrase" | "state" | "help_center_id">;

/**
 * Articles whose title, description or body holds the phrase (ignoring case), in one state or all, in
 * one help center's collections or anywhere; most recently updated first.
 */
export async function searchArticles(
  s: Services,
  workspaceId: number,
  query: ArticleSearch,
  page: { number: number; size: number },
): Promise<{ rows: ArticleView[]; total: number }> {
  const wanted = query.state ?? "all";
  const phrase = query.phrase?.trim() ?? "";
  const matching = () =>
    withParent(s.db)
      .where("articles.workspace_id", "=", workspaceId)
      .$if(wanted !== "all", (q) => q.where("articles.state", "=", wanted as ArticleState))
      .$if(query.help_center_id !== undefined, (q) =>
        q.where("parent.help_center_id", "=", query.help_center_id as number),
      )
      .$if(phrase !== "", (q) =>
        q.where(mentions(["articles.title", "articles.description", "articles.body"], phrase)),
      );
  const rows = await matching()
    .orderBy("articles.updated_at", "desc")
    .orderBy("articles.id", "desc")
    .$call(onPage(page))
    .execute();
  const counted = await matching()
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(counted.n) };
}
