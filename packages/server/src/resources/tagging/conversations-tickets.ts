import { ApiError, errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import type { TagRow } from "../../storage/tables/tags.ts";
import type { TaggingBody } from "../../wire/applied-tag.ts";
import { type AppliedTag, appliedTagObject } from "../../wire/tag.ts";
import { actingAdmin } from "../conversations/conversations.ts";
import { conversationObject } from "../conversations/present.ts";
import { idOf } from "../kit/input.ts";
import { findInWorkspace } from "../kit/records.ts";

/**
 * Tags put on conversations and tickets by an admin of the workspace (Intercom's
 * `POST /conversations/{id}/tags`, `POST /tickets/{id}/tags` and their `DELETE …/tags/{tag_id}`).
 * The tag, the record and the acting admin must all be the workspace's; tagging twice is the same as once.
 */

/** What differs between tagging a conversation and tagging a ticket, in Intercom's words. */
const KINDS = {
  conversation: {
    records: "conversations",
    links: "conversation_tags",
    key: "conversation_id",
    notFound: () => new ApiError(404, "not_found", "Conversation not found"),
  },
  ticket: {
    records: "tickets",
    links: "ticket_tags",
    key: "ticket_id",
    notFound: () => new ApiError(404, "ticket_not_found", "Ticket not found"),
  },
} as const;

/** What can be tagged this way: a conversation or a ticket. */
export type TaggableKind = keyof typeof KINDS;
type Kind = TaggableKind;

/** The request body: `id` (the tag, when tagging) and `admin_id`, each a string or a number. */
export type TaggingInput = TaggingBody;

function required(input: TaggingInput, field: keyof TaggingInput): string | number {
  const value = input[field];
  if (value === undefined || value === null) throw errors.parameterNotFound(`${field} is required`, field);
  return value;
}

async function recordOf(trx: Trx, kind: Kind, workspaceId: number, id: number): Promise<void> {
  const found = await trx
    .selectFrom(KINDS[kind].records)
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw KINDS[kind].notFound();
}

async function tagOf(trx: Trx, workspaceId: number, id: number): Promise<TagRow> {
  return findInWorkspace(trx, "tags", workspaceId, id, "Tag");
}

/**
 * The two link tables differ only in the name of the record's column: queries are typed as the
 * conversations' and name the table and column of the kind at hand.
 */
const table = (kind: Kind) => KINDS[kind].links as "conversation_tags";
const column = (kind: Kind) => KINDS[kind].key as "conversation_id";

/**
 * Checks the record, the acting admin and the tag, in that order: each must be the workspace's. Types
 * were checked before the transaction began, so a malformed request is refused before any look-up.
 */
async function checked(
  trx: Trx,
  kind: Kind,
  workspaceId: number,
  recordId: number,
  adminId: number,
  tagId: number,
) {
  await recordOf(trx, kind, workspaceId, recordId);
  await actingAdmin(trx, workspaceId, adminId);
  return tagOf(trx, workspaceId, tagId);
}

/** Puts the tag `input.id` on the record, as the admin `input.admin_id`. */
export async function tagRecord(
  s: Services,
  kind: Kind,
  workspaceId: number,
  recordId: number,
  input: TaggingInput,
): Promise<AppliedTag> {
  const tagId = idOf(required(input, "id"), "id");
  const adminId = idOf(required(input, "admin_id"), "admin_id");
  return write(s, async (trx) => {
    const tag = await checked(trx, kind, workspaceId, recordId, adminId, tagId);
    const now = s.now();
    const added = await trx
      .insertInto(table(kind))
      .values({ [column(kind)]: recordId, tag_id: tag.id, applied_at: now, applied_by: adminId })
      .onConflict((oc) => oc.columns([column(kind), "tag_id"]).doNothing())
      .returning(["applied_at", "applied_by"])
      .executeTakeFirst();
    if (added && kind === "conversation") await raiseTagged(s, trx, workspaceId, recordId, tag, now, adminId);
    // Already on: the answer is the application that stands, as if this request had not come.
    const standing =
      added ??
      (await trx
        .selectFrom(table(kind))
        .select(["applied_at", "applied_by"])
        .where(column(kind), "=", recordId)
        .where("tag_id", "=", tag.id)
        .executeTakeFirst());
    return { tag, appliedAt: standing?.applied_at ?? now, appliedBy: standing?.applied_by ?? null };
  });
}

/**
 * Takes the tag off and answers with the application it removed; a tag that was not on is already off,
 * and is answered without one (`applied_at` and `applied_by` null).
 */
export async function untagRecord(
  s: Services,
  kind: Kind,
  workspaceId: number,
  recordId: number,
  tagId: number,
  input: TaggingInput,
): Promise<AppliedTag> {
  const adminId = idOf(required(input, "admin_id"), "admin_id");
  return write(s, async (trx) => {
    const tag = await checked(trx, kind, workspaceId, recordId, adminId, tagId);
    const removed = await trx
      .deleteFrom(table(kind))
      .where(column(kind), "=", recordId)
      .where("tag_id", "=", tag.id)
      .returning(["applied_at", "applied_by"])
      .executeTakeFirst();
    return { tag, appliedAt: removed?.applied_at ?? null, appliedBy: removed?.applied_by ?? null };
  });
}

/**
 * Intercom's topic for a conversation being tagged is `conversation_part.tag.created` (it keeps
 * conversation tags on the conversation's parts). Its item is the conversation, with its tags now and
 * `tags_added`: what this tagging put on. Untagging has no topic, nor has tagging a ticket.
 */
async function raiseTagged(
  s: Services,
  trx: Trx,
  workspaceId: number,
  conversationId: number,
  tag: TagRow,
  at: number,
  admin: number,
): Promise<void> {
  await s.outbox.raise(trx, {
    workspaceId,
    topic: "conversation_part.tag.created",
    item: async () => {
      const row = await trx
        .selectFrom("conversations")
        .selectAll()
        .where("id", "=", conversationId)
        .executeTakeFirstOrThrow();
      return {
        ...(await conversationObject(trx, row, at)),
        tags_added: {
          type: "tag.list",
          tags: [appliedTagObject({ tag, appliedAt: at, appliedBy: admin })],
        },
      };
    },
  });
}
