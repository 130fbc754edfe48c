import { errors } from "../../core/errors.ts";
import { onPage } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { requireText } from "../../core/validation.ts";
import type { CollectionRow, HelpCenterRow } from "../../storage/tables/content.ts";
import type { WorkspaceRow } from "../../storage/tables/identity.ts";
import {
  collectionTranslations,
  type GroupTranslations,
  type HelpCenterDirectory,
} from "../../wire/help-center.ts";
import type {
  CollectionBody,
  CollectionChanges,
  GroupTranslatedContentInput,
} from "../../wire/help-center-input.ts";
import { idOf } from "../kit/input.ts";
import { deleteInWorkspace, findInWorkspace, findInWorkspaceToChange } from "../kit/records.ts";
import { DEFAULT_LOCALE, longText, translatedEntries } from "./fields.ts";

type Db = Services["db"] | Trx;

/** Names of the newsfeeds a workspace starts with (migration 0009 gave existing workspaces the same). */
export const DEFAULT_NEWSFEEDS = ["User Feed", "Visitor Feed"] as const;

/** Collections nest as collection → section → section, as deep as Intercom's help center goes. */
const MAX_DEPTH = 3;
const DEFAULT_ICON = "book-bookmark";

/**
 * What Intercom sets up with a workspace before its API can see it: a help center and the newsfeeds.
 * Runs in the transaction that creates the workspace.
 */
export async function provisionContent(trx: Trx, workspace: WorkspaceRow): Promise<void> {
  const at = workspace.created_at;
  await trx
    .insertInto("help_centers")
    .values({
      workspace_id: workspace.id,
      identifier: workspace.id_code,
      display_name: `${workspace.name} Help Center`,
      website_turned_on: false,
      custom_domain: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto("newsfeeds")
    .values(
      DEFAULT_NEWSFEEDS.map((name) => ({ workspace_id: workspace.id, name, created_at: at, updated_at: at })),
    )
    .execute();
}

export async function listHelpCenters(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<HelpCenterRow[]> {
  return s.db
    .selectFrom("help_centers")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .$call(onPage(page))
    .execute();
}

export async function findHelpCenter(db: Db, workspaceId: number, id: number): Promise<HelpCenterRow> {
  return findInWorkspace(db, "help_centers", workspaceId, id, "Resource");
}

/** The workspace's help centers by id, and the first one: where collections go unless told otherwise. */
export async function helpCenterDirectory(db: Db, workspaceId: number): Promise<HelpCenterDirectory> {
  const rows = await db
    .selectFrom("help_centers")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id")
    .execute();
  return { byId: new Map(rows.map((r) => [r.id, r])), first: rows[0] };
}

/**
 * Reads `group_translated_content`: the default locale's entry fills the main fields the request left
 * out; the others are merged into what the collection already has.
 */
function groupTranslations(
  value: GroupTranslatedContentInput | null | undefined,
  existing: GroupTranslations,
): { translations: GroupTranslations; main: { name?: string | null; description?: string | null } } {
  if (value === undefined || value === null) return { translations: existing, main: {} };
  const translations: GroupTranslations = { ...existing };
  let main: { name?: string | null; description?: string | null } = {};
  for (const { locale, content, field } of translatedEntries(value, translations)) {
    if (locale === DEFAULT_LOCALE) {
      main = { name: content.name, description: content.description };
      continue;
    }
    const before = translations[locale];
    const name = content.name ?? before?.name;
    translations[locale] = {
      name: requireText(name, `${field}.name`, 255),
      description:
        content.description === undefined || content.description === null
          ? (before?.description ?? "")
          : longText(content.description, `${field}.description`, 10_000),
    };
  }
  return { translations, main };
}

/**
 * Holds a help center's tree of collections until the write ends (PostgreSQL; SQLite's writes run
 * alone), for a write that places a collection in it: its depth, its loops and its order are then
 * checked against every other placement, not against the tree as it was before one of them.
 */
async function lockTree(s: Services, trx: Trx, helpCenterId: number): Promise<void> {
  if (s.dialect === "postgres")
    await trx.selectFrom("help_centers").select("id").where("id", "=", helpCenterId).forUpdate().execute();
}

async function findCollectionIn(db: Db, workspaceId: number, id: number): Promise<CollectionRow> {
  return findInWorkspace(db, "help_center_collections", workspaceId, id, "Resource");
}

/** A parent named in a request body: a collection of the workspace, or a parameter error. */
async function parentCollection(db: Db, workspaceId: number, value: number | string): Promise<CollectionRow> {
  const id = idOf(value, "parent_id");
  const row = await db
    .selectFrom("help_center_collections")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.parameterInvalid("parent_id must be the id of a collection", "parent_id");
  return row;
}

/** How many collections sit above this one, itself included (a top-level collection is 1). */
async function depthOf(
  db: Db,
  workspaceId: number,
  collection: CollectionRow,
): Promise<{ depth: number; ids: number[] }> {
  const ids = [collection.id];
  let parentId = collection.parent_id;
  while (parentId !== null && ids.length <= MAX_DEPTH) {
    const parent = await findCollectionIn(db, workspaceId, parentId);
    ids.push(parent.id);
    parentId = parent.parent_id;
  }
  return { depth: ids.length, ids };
}

/** How many levels a collection and its sections take (1 for a collection without sections). */
async function heightOf(db: Db, collectionId: number): Promise<number> {
  let level = [collectionId];
  let height = 0;
  while (level.length > 0 && height <= MAX_DEPTH) {
    height++;
    const children = await db
      .selectFrom("help_center_collections")
      .select("id")
      .where("parent_id", "in", level)
      .execute();
    level = children.map((c) => c.id);
  }
  return height;
}

async function nextPosition(db: Db, helpCenterId: number, parentId: number | null): Promise<number> {
  const row = await db
    .selectFrom("help_center_collections")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("help_center_id", "=", helpCenterId)
    .where("parent_id", parentId === null ? "is" : "=", parentId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function listCollections(
  s: Services,
  workspaceId: number,
  page: { number: number; size: number },
): Promise<{ rows: CollectionRow[]; total: number }> {
  const rows = await s.db
    .selectFrom("help_center_collections")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .$call(onPage(page))
    .execute();
  const total = await s.db
    .selectFrom("help_center_collections")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export function findCollection(s: Services, workspaceId: number, id: number): Promise<CollectionRow> {
  return findCollectionIn(s.db, workspaceId, id);
}

export async function createCollection(
  s: Services,
  workspaceId: number,
  input: CollectionBody,
): Promise<CollectionRow> {
  const { translations, main } = groupTranslations(input.translated_content, {});
  const rawName = input.name ?? main.name;
  if (rawName === undefined || rawName === null || rawName === "")
    throw errors.parameterNotFound("Name is a required parameter.", "name");
  const name = requireText(rawName, "name", 255);
  const rawDescription = input.description ?? main.description;
  const description =
    rawDescription === undefined || rawDescription === null
      ? ""
      : longText(rawDescription, "description", 10_000);
  return write(s, async (trx) => {
    const centers = await helpCenterDirectory(trx, workspaceId);
    let helpCenterId: number | undefined;
    if (input.help_center_id !== undefined && input.help_center_id !== null) {
      const id = idOf(input.help_center_id, "help_center_id");
      if (!centers.byId.has(id))
        throw errors.parameterInvalid("help_center_id must be the id of a help center", "help_center_id");
      helpCenterId = id;
    }
    let parentId: number | null = null;
    if (input.parent_id !== undefined && input.parent_id !== null) {
      const named = await parentCollection(trx, workspaceId, input.parent_id);
      if (helpCenterId !== undefined && helpCenterId !== named.help_center_id)
        throw errors.parameterInvalid("The parent collection is in another help center", "parent_id");
      // The parent's place is read again under the tree's lock: a move at once may have taken it deeper.
      await lockTree(s, trx, named.help_center_id);
      const parent = await parentCollection(trx, workspaceId, named.id);
      if ((await depthOf(trx, workspaceId, parent)).depth >= MAX_DEPTH)
        throw errors.parameterInvalid(`Collections nest at most ${MAX_DEPTH} levels deep`, "parent_id");
      helpCenterId = parent.help_center_id;
      parentId = parent.id;
    }
    helpCenterId ??= centers.first?.id;
    if (helpCenterId === undefined)
      throw errors.parameterInvalid("The workspace has no help center", "help_center_id");
    if (parentId === null) await lockTree(s, trx, helpCenterId);
    const now = s.now();
    return trx
      .insertInto("help_center_collections")
      .values({
        workspace_id: workspaceId,
        help_center_id: helpCenterId,
        parent_id: parentId,
        name,
        description,
        icon: DEFAULT_ICON,
        position: await nextPosition(trx, helpCenterId, parentId),
        translations: JSON.stringify(translations),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Changes what the request gives; `parent_id: null` makes a section a top-level collection. */
export async function updateCollection(
  s: Services,
  workspaceId: number,
  id: number,
  input: CollectionChanges,
): Promise<CollectionRow> {
  return write(s, async (trx) => {
    // Translations are merged into the row as read: it stays locked until the write ends (PostgreSQL).
    const current = await findInWorkspaceToChange(
      s,
      trx,
      "help_center_collections",
      workspaceId,
      id,
      "Resource",
    );
    const { translations, main } = groupTranslations(
      input.translated_content,
      collectionTranslations(current),
    );
    const changes: Partial<Pick<CollectionRow, "name" | "description" | "parent_id" | "position">> = {};
    const name = input.name ?? main.name;
    if (name !== undefined) changes.name = requireText(name, "name", 255);
    const description = input.description !== undefined ? input.description : main.description;
    if (description !== undefined)
      changes.description = description === null ? null : longText(description, "description", 10_000);
    if (input.parent_id !== undefined) {
      // Moves in one help center take turns, each seeing where the others put their collections: two
      // collections moved into each other at once would otherwise both pass the loop check.
      await lockTree(s, trx, current.help_center_id);
      const parentId =
        input.parent_id === null ? null : (await parentCollection(trx, workspaceId, input.parent_id)).id;
      if (parentId !== current.parent_id) {
        let depth = 0;
        if (parentId !== null) {
          const parent = await findCollectionIn(trx, workspaceId, parentId);
          if (parent.help_center_id !== current.help_center_id)
            throw errors.parameterInvalid("The parent collection is in another help center", "parent_id");
          const chain = await depthOf(trx, workspaceId, parent);
          if (chain.ids.includes(current.id))
            throw errors.parameterInvalid("A collection cannot sit inside itself", "parent_id");
          depth = chain.depth;
        }
        if (depth + (await heightOf(trx, current.id)) > MAX_DEPTH)
          throw errors.parameterInvalid(`Collections nest at most ${MAX_DEPTH} levels deep`, "parent_id");
        changes.parent_id = parentId;
        changes.position = await nextPosition(trx, current.help_center_id, parentId);
      }
    }
    return trx
      .updateTable("help_center_collections")
      .set({ ...changes, translations: JSON.stringify(translations), updated_at: s.now() })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Deletes a collection with its sections; their articles stay, standing alone. */
export async function deleteCollection(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, (trx) => deleteInWorkspace(trx, "help_center_collections", workspaceId, id, "Resource"));
}
