import { errors } from "../../core/errors.ts";
import { type CursorPage, type CursorRequest, pageAfter } from "../../core/paging.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { isMember } from "../../platform/identity/admins.ts";
import { toBool } from "../../storage/schema.ts";
import type { ConversationRow } from "../../storage/tables/conversations.ts";
import type { ConversationChangesBody, NewConversationBody } from "../../wire/conversation-input.ts";
import { companyNamed } from "../companies/reference.ts";
import type { AttributeValue } from "../kit/custom-attributes.ts";
import { attachments, body, idOf, isObject, optionalText, optionalTime } from "../kit/input.ts";
import { notFound } from "../kit/missing.ts";
import { deleteInWorkspace, findInWorkspace } from "../kit/records.ts";
import { attributeUpdated, openDraft, type Saved, saveDraft } from "./ledger.ts";
import { openConversation } from "./opening.ts";
import { compileConversationSearch } from "./search.ts";

type Db = Services["db"] | Trx;

const MAX_ATTRIBUTES = 100;

/** The admin a request names as acting (`admin_id`), who must belong to the workspace. */
export async function actingAdmin(db: Db, workspaceId: number, value: unknown): Promise<number> {
  if (value === undefined || value === null)
    throw errors.parameterNotFound("admin_id is required", "admin_id");
  const id = idOf(value, "admin_id");
  if (id === 0 || !(await isMember(db, workspaceId, id))) throw notFound("Admin");
  return id;
}

export type NewConversationInput = NewConversationBody;

/**
 * Intercom's `POST /conversations`: a message from a contact (user or lead) of the workspace, which
 * opens a conversation where the contact waits for an answer.
 */
export async function createConversation(
  s: Services,
  workspaceId: number,
  input: NewConversationInput,
): Promise<Saved> {
  if (input.from === undefined || input.from === null)
    throw errors.parameterNotFound("from is required", "from");
  if (!isObject(input.from)) throw errors.parameterInvalid("from must be an object", "from");
  const { type, id } = input.from;
  if (type !== "user" && type !== "lead" && type !== "contact")
    throw errors.parameterInvalid("from.type must be user, lead or contact", "from.type");
  if (id === undefined || id === null) throw errors.parameterNotFound("from.id is required", "from.id");
  if (typeof id !== "string" || id.length > 100)
    throw errors.parameterInvalid("from.id must be a contact's id", "from.id");
  const text = body(input.body, true);
  const subject = optionalText(input.subject, "subject", 255) ?? "";
  const files = attachments(input.attachment_urls);
  const createdAt = optionalTime(input.created_at, "created_at");
  const from = { ref: { id }, names: { id: "from.id", user_id: "from.id", email: "from.id" } };
  const start = { workspaceId, contact: from, topic: "conversation.user.created", createdAt };
  return write(s, async (trx) => {
    const row = await openConversation(s, trx, start, (contact, at) => ({
      state: "open",
      waiting_since: at,
      admin_assignee_id: null,
      source_type: "conversation",
      source_delivered_as: "customer_initiated",
      source_subject: subject,
      source_body: text,
      source_author_type: contact.role,
      source_author_id: contact.id,
      source_attachments: files,
      first_contact_reply_at: at,
      last_contact_reply_at: at,
      last_admin_reply_at: null,
    }));
    return { row, parts: [] };
  });
}

export async function findConversation(db: Db, workspaceId: number, id: number): Promise<ConversationRow> {
  return findInWorkspace(db, "conversations", workspaceId, id, "Resource");
}

/** What `DELETE /conversations/{id}` answers, and what `conversation.deleted` carries. */
export function deletedConversation(id: number) {
  return { id: String(id), object: "conversation" as const, deleted: true as const };
}

/**
 * Intercom's `DELETE /conversations/{id}`: the conversation goes for good, with its parts, participants,
 * tags and links; a ticket converted from it stays, no longer pointing at it.
 */
export async function deleteConversation(s: Services, workspaceId: number, id: number): Promise<void> {
  await write(s, async (trx) => {
    await deleteInWorkspace(trx, "conversations", workspaceId, id, "Resource");
    await s.outbox.raise(trx, { workspaceId, topic: "conversation.deleted", item: deletedConversation(id) });
  });
}

export type ConversationChanges = ConversationChangesBody;

/**
 * Intercom's `PUT /conversations/{id}`: marks it read (or unread), sets its title, its company and
 * custom attributes. Each attribute that changes is recorded as a part by the token's admin.
 */
export async function updateConversation(
  s: Services,
  workspaceId: number,
  id: number,
  adminId: number,
  input: ConversationChanges,
): Promise<Saved> {
  const read = input.read;
  if (read !== undefined && typeof read !== "boolean")
    throw errors.parameterInvalid("read must be true or false", "read");
  const title = input.title === null ? null : optionalText(input.title, "title", 255);
  const attributes = input.custom_attributes;
  return write(s, async (trx) => {
    const d = await openDraft(s, trx, workspaceId, id);
    const at = s.now();
    if (input.company_id !== undefined)
      d.row.company_seq = await companyNamed(trx, workspaceId, input.company_id);
    if (title !== undefined) d.row.title = title;
    if (attributes) {
      const current = JSON.parse(d.row.custom_attributes) as Record<string, AttributeValue>;
      for (const [name, value] of Object.entries(attributes)) {
        if ((current[name] ?? null) === value) continue;
        if (value === null) delete current[name];
        else current[name] = value;
        attributeUpdated(d, adminId, { name, value, at });
      }
      if (Object.keys(current).length > MAX_ATTRIBUTES)
        throw errors.parameterInvalid(
          `A conversation holds at most ${MAX_ATTRIBUTES} custom attributes`,
          "custom_attributes",
        );
      d.row.custom_attributes = JSON.stringify(current);
    }
    const marksRead = read === true && !toBool(d.before.read);
    if (read !== undefined && read !== toBool(d.before.read)) d.row.read = read;
    return saveDraft(s, trx, d, marksRead ? "conversation.read" : undefined);
  });
}

/**
 * A page of the workspace's conversations in creation order, after the cursor's conversation,
 * optionally only those a search query matches; and how many match in all.
 */
export async function listConversations(
  s: Services,
  workspaceId: number,
  page: CursorRequest,
  search?: unknown,
): Promise<CursorPage<ConversationRow>> {
  const matches = search === undefined ? undefined : compileConversationSearch(search, s.dialect, s.now());
  const base = () => {
    const query = s.db.selectFrom("conversations").where("conversations.workspace_id", "=", workspaceId);
    return matches ? query.where(matches) : query;
  };
  return pageAfter(base, "conversations.id", page);
}
