import { errors } from "../core/errors.ts";
import { type Services, type Trx, write } from "../core/services.ts";
import { requireText } from "../core/validation.ts";
import { isUniqueViolation } from "../storage/errors.ts";
import type { TagRow } from "../storage/tables/tags.ts";
import { deleteInWorkspace, deleteOr404, findInWorkspace } from "./kit/records.ts";

/** The workspace's tags by name, ignoring case (its key), as Intercom lists them; made first, first among equals. */
export async function listTags(s: Services, workspaceId: number): Promise<TagRow[]> {
  return s.db
    .selectFrom("tags")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("name_key")
    .orderBy("id")
    .execute();
}

/** The tables that put tags on companies and on contacts, each with the column of what it tags. */
const TAGGING = { company_tags: "company_seq", contact_tags: "contact_seq" } as const;

/**
 * The tags on each of a page of companies or contacts (by `seq`), by name ignoring case as Intercom
 * shows them, in one query whatever the page's size; on the pool or inside a write's transaction alike.
 */
export async function tagsOn(
  db: Services["db"] | Trx,
  tagging: keyof typeof TAGGING,
  seqs: readonly number[],
): Promise<Map<number, TagRow[]>> {
  const tagged = new Map<number, TagRow[]>();
  if (seqs.length === 0) return tagged;
  const rows = await db
    .selectFrom(tagging)
    .innerJoin("tags", "tags.id", "tag_id")
    .selectAll("tags")
    .select(`${TAGGING[tagging]} as tagged_seq`)
    .where(TAGGING[tagging], "in", seqs)
    .orderBy("tags.name_key")
    .orderBy("tags.id")
    .execute();
  for (const { tagged_seq, ...tag } of rows) {
    const list = tagged.get(tagged_seq);
    if (list) list.push(tag);
    else tagged.set(tagged_seq, [tag]);
  }
  return tagged;
}

export async function findTag(s: Services, workspaceId: number, tagId: number): Promise<TagRow> {
  return findInWorkspace(s.db, "tags", workspaceId, tagId, "Resource");
}

/**
 * Intercom's `POST /tags`: with an id, renames that tag; without one, returns the tag of that name (names
 * are case-insensitive), creating it if there is none. `andThen` does more with the tag in the same
 * transaction (tagging records), so a failure there leaves no new tag behind.
 */
export async function createOrUpdateTag(
  s: Services,
  workspaceId: number,
  input: { name: string; id?: number },
  andThen?: (trx: Trx, tag: TagRow) => Promise<void>,
): Promise<TagRow> {
  const name = requireText(input.name, "name", 190);
  const key = name.toLowerCase();
  try {
    return await write(s, async (trx) => {
      const tag = await upsert(trx);
      await andThen?.(trx, tag);
      return tag;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw errors.parameterInvalid(`A tag named '${name}' already exists`, "name");
    throw error;
  }

  async function upsert(trx: Trx): Promise<TagRow> {
    const now = s.now();
    if (input.id !== undefined) {
      return deleteOr404(
        trx
          .updateTable("tags")
          .set({ name, name_key: key, updated_at: now })
          .where("workspace_id", "=", workspaceId)
          .where("id", "=", input.id)
          .returningAll(),
        "Resource",
      );
    }
    const existing = await trx
      .selectFrom("tags")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("name_key", "=", key)
      .executeTakeFirst();
    if (existing) return existing;
    // Creates at once of one new name answer with the one tag: the insert that loses the race does
    // nothing (PostgreSQL waits for the winner's commit) and reads the winner's.
    const made = await trx
      .insertInto("tags")
      .values({ workspace_id: workspaceId, name, name_key: key, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["workspace_id", "name_key"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    return (
      made ??
      trx
        .selectFrom("tags")
        .selectAll()
        .where("workspace_id", "=", workspaceId)
        .where("name_key", "=", key)
        .executeTakeFirstOrThrow()
    );
  }
}

export async function deleteTag(s: Services, workspaceId: number, tagId: number): Promise<void> {
  await write(s, (trx) => deleteInWorkspace(trx, "tags", workspaceId, tagId, "Resource"));
}
