import { errors } from "../../core/errors.ts";
import { numberedPage, onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import { isUniqueViolation } from "../../storage/errors.ts";
import type { ContentImportSourceRow, ExternalPageRow, SyncBehavior } from "../../storage/tables/content.ts";
import type { NewPageBody, NewSourceBody, PageBody, SourceBody } from "../../wire/ai-content-input.ts";
import { deleteInWorkspace, deleteOr404, findInWorkspace } from "../kit/records.ts";

/**
 * Fin's content library as the API feeds it: content import sources (where pages come from) and the
 * external pages imported from them, per workspace.
 */

export interface Page<T> {
  rows: T[];
  total: number;
}

/** An absolute http(s) URL, or a parameter error naming the field. */
export function requireUrl(value: unknown, field: string): string {
  const text = requireText(value, field, 2000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw errors.parameterInvalid(`${field} must be an absolute URL`, field);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw errors.parameterInvalid(`${field} must be an http or https URL`, field);
  return text;
}

export async function listContentImportSources(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<Page<ContentImportSourceRow>> {
  return numberedPage(
    () => s.db.selectFrom("content_import_sources").where("workspace_id", "=", workspaceId),
    "id",
    page,
  );
}

export async function createContentImportSource(
  s: Services,
  workspaceId: number,
  input: NewSourceBody,
): Promise<ContentImportSourceRow> {
  const url = requireUrl(input.url, "url");
  const status = input.status ?? "active";
  const now = s.now();
  return write(s, (trx) =>
    trx
      .insertInto("content_import_sources")
      .values({
        workspace_id: workspaceId,
        url,
        sync_behavior: "api",
        status,
        last_synced_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

async function sourceIn(db: Services["db"] | Trx, workspaceId: number, id: number) {
  return findInWorkspace(db, "content_import_sources", workspaceId, id, "Content import source");
}

export async function findContentImportSource(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<ContentImportSourceRow> {
  return sourceIn(s.db, workspaceId, id);
}

/** A source's sync behaviour cannot move to or from `api`; its URL may change only while it is `api`. */
export async function updateContentImportSource(
  s: Services,
  workspaceId: number,
  id: number,
  input: SourceBody,
): Promise<ContentImportSourceRow> {
  const wanted: SyncBehavior = input.sync_behavior === "automated" ? "automatic" : input.sync_behavior;
  const url = requireUrl(input.url, "url");
  const status = input.status;
  return write(s, async (trx) => {
    const source = await sourceIn(trx, workspaceId, id);
    if ((source.sync_behavior === "api") !== (wanted === "api"))
      throw errors.parameterInvalid("sync_behavior cannot be changed to or from api", "sync_behavior");
    if (source.sync_behavior !== "api" && url !== source.url)
      throw errors.parameterInvalid("Only a source synced by the API can change its url", "url");
    return trx
      .updateTable("content_import_sources")
      .set({ sync_behavior: wanted, url, ...(status && { status }), updated_at: s.now() })
      .where("id", "=", source.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Deletes the source and, through the foreign key, every page imported from it. */
export async function deleteContentImportSource(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, (trx) =>
    deleteInWorkspace(trx, "content_import_sources", workspaceId, id, "Content import source"),
  );
}

export async function listExternalPages(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<Page<ExternalPageRow>> {
  const rows = await s.db
    .selectFrom("external_pages")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id", "desc")
    .$call(onPage(page))
    .execute();
  const total = await s.db
    .selectFrom("external_pages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** The fields every write of a page checks alike, beyond their types. */
function checkPage(input: NewPageBody | PageBody) {
  const title = requireText(input.title, "title", 1000);
  const url = input.url === undefined || input.url === null ? input.url : requireUrl(input.url, "url");
  // An id past the 32-bit range names no source; 0 matches nothing.
  const sourceId = input.source_id <= 2 ** 31 - 1 ? input.source_id : 0;
  return { title, html: input.html, url, locale: input.locale, sourceId };
}

function externalId(value: string): string {
  return requireText(value, "external_id", 255);
}

/** Pages are written through sources the API syncs; other sources are fed by their own sync. */
async function writableSource(trx: Trx, workspaceId: number, sourceId: number) {
  const source = await sourceIn(trx, workspaceId, sourceId);
  if (source.sync_behavior !== "api")
    throw errors.parameterInvalid(
      "External pages can be written only to a source whose sync_behavior is api",
      "source_id",
    );
  return source;
}

function pageConflict(error: unknown): never {
  if (isUniqueViolation(error))
    throw errors.conflict("Another external page of that source already has this external_id");
  throw error;
}

/** Creates the page, or updates the one of that source with that external id. */
export async function upsertExternalPage(
  s: Services,
  workspaceId: number,
  input: NewPageBody,
): Promise<ExternalPageRow> {
  const page = checkPage(input);
  const external = externalId(input.external_id);
  const agent = input.ai_agent_availability;
  const copilot = input.ai_copilot_availability;
  const attempt = () =>
    write(s, async (trx) => {
      const source = await writableSource(trx, workspaceId, page.sourceId);
      const now = s.now();
      const existing = await trx
        .selectFrom("external_pages")
        .select("id")
        .where("source_id", "=", source.id)
        .where("external_id", "=", external)
        .executeTakeFirst();
      if (existing) {
        // Availability keeps its value on update unless the request sets it.
        return trx
          .updateTable("external_pages")
          .set({
            title: page.title,
            html: page.html,
            ...(page.url !== undefined && { url: page.url }),
            ...(agent !== undefined && { ai_agent_availability: agent }),
            ...(copilot !== undefined && { ai_copilot_availability: copilot }),
            updated_at: now,
            last_ingested_at: now,
          })
          .where("id", "=", existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      return trx
        .insertInto("external_pages")
        .values({
          workspace_id: workspaceId,
          source_id: source.id,
          external_id: external,
          title: page.title,
          html: page.html,
          url: page.url ?? null,
          ai_agent_availability: agent ?? false,
          ai_copilot_availability: copilot ?? false,
          locale: page.locale,
          created_at: now,
          updated_at: now,
          last_ingested_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  try {
    return await attempt();
  } catch (error) {
    // Upserts at once of one new external_id: the one that lost the insert updates the winner's page.
    if (!isUniqueViolation(error)) throw error;
  }
  try {
    return await attempt();
  } catch (error) {
    pageConflict(error);
  }
}

async function pageIn(db: Services["db"] | Trx, workspaceId: number, id: number) {
  return findInWorkspace(db, "external_pages", workspaceId, id, "External page");
}

export async function findExternalPage(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<ExternalPageRow> {
  return pageIn(s.db, workspaceId, id);
}

/** `PUT`: replaces the page's content; `fin_availability`, the older name, sets both availabilities. */
export async function updateExternalPage(
  s: Services,
  workspaceId: number,
  id: number,
  input: PageBody,
): Promise<ExternalPageRow> {
  const page = checkPage(input);
  const external = input.external_id === undefined ? undefined : externalId(input.external_id);
  const fin = input.fin_availability;
  const agent = input.ai_agent_availability ?? fin;
  const copilot = input.ai_copilot_availability ?? fin;
  try {
    return await write(s, async (trx) => {
      const current = await pageIn(trx, workspaceId, id);
      const source = await writableSource(trx, workspaceId, page.sourceId);
      const now = s.now();
      return trx
        .updateTable("external_pages")
        .set({
          source_id: source.id,
          title: page.title,
          html: page.html,
          url: page.url ?? null,
          ...(external !== undefined && { external_id: external }),
          ...(agent !== undefined && { ai_agent_availability: agent }),
          ...(copilot !== undefined && { ai_copilot_availability: copilot }),
          updated_at: now,
          last_ingested_at: now,
        })
        .where("id", "=", current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    pageConflict(error);
  }
}

/** Removes the page from the library; answers it as it was. */
export async function deleteExternalPage(
  s: Services,
  workspaceId: number,
  id: number,
): Promise<ExternalPageRow> {
  return write(s, async (trx) => {
    const row = await pageIn(trx, workspaceId, id);
    // Only the delete that removed the row answers it; one at once with it finds nothing left.
    await deleteOr404(trx.deleteFrom("external_pages").where("id", "=", row.id), "External page");
    return row;
  });
}
