import { ApiError, errors } from "../../core/errors.ts";
import { type Services, write } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import { toBool } from "../../storage/schema.ts";
import type { ConversationRow } from "../../storage/tables/conversations.ts";
import type { RedactBody } from "../../wire/conversation-input.ts";
import { notFound } from "../kit/missing.ts";
import { findOr404 } from "../kit/records.ts";
import { openDraft, saveDraft } from "./ledger.ts";

export type RedactInput = RedactBody;

/** What Intercom shows in place of a redacted message. */
export const REDACTED_BODY = "<p><i>This message was deleted</i></p>";

const notRedactable = (message: string) => new ApiError(400, "conversation_part_not_redactable", message);

/**
 * An id the request names, as the record id it means; one that is not digits names nothing (Intercom
 * answers it as not found, not as a malformed request).
 */
function namedId(value: unknown, field: string): number {
  if (value === undefined || value === null) throw errors.parameterNotFound(`${field} is required`, field);
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? recordId(value) : 0;
  if (typeof value === "string") return /^[0-9]{1,15}$/.test(value) ? recordId(value) : 0;
  throw errors.parameterInvalid(`${field} must be a string`, field);
}

/**
 * Intercom's `POST /conversations/redact`: erases one part's body and attachments, or those of the
 * message that opened the conversation (`source`, which a contact must have written). Either then reads
 * "This message was deleted" and shows `redacted: true`. Redacting again changes nothing.
 */
export async function redactConversation(
  s: Services,
  workspaceId: number,
  input: RedactInput,
): Promise<ConversationRow> {
  const kind = input.type;
  if (kind === undefined || kind === null) throw errors.parameterNotFound("type is required", "type");
  if (kind !== "conversation_part" && kind !== "source")
    throw errors.parameterInvalid("type must be conversation_part or source", "type");
  const conversationId = namedId(input.conversation_id, "conversation_id");
  const targetId =
    kind === "source"
      ? namedId(input.source_id, "source_id")
      : namedId(input.conversation_part_id, "conversation_part_id");
  return write(s, async (trx) => {
    const d = await openDraft(s, trx, workspaceId, conversationId).catch((error: unknown) => {
      throw error instanceof ApiError && error.code === "not_found" ? notFound("Conversation part") : error;
    });
    const at = s.now();
    if (kind === "source") {
      // A conversation's source has the conversation's id.
      if (targetId !== d.row.id) throw notFound("Conversation part");
      if (d.row.source_author_type !== "user" && d.row.source_author_type !== "lead")
        throw notRedactable("Only a message a contact wrote can be redacted");
      if (!toBool(d.row.source_redacted)) {
        d.row.source_body = REDACTED_BODY;
        d.row.source_attachments = "[]";
        d.row.source_redacted = true;
        d.row.updated_at = at;
      }
      return (await saveDraft(s, trx, d)).row;
    }
    const part = await findOr404(
      trx
        .selectFrom("conversation_parts")
        .select(["id", "body", "redacted"])
        .where("conversation_id", "=", d.row.id)
        .where("id", "=", targetId),
      "Conversation part",
    );
    if (part.body === null || part.body === "")
      throw notRedactable("Only a conversation part with a body can be redacted");
    if (!toBool(part.redacted)) {
      await trx
        .updateTable("conversation_parts")
        .set({ body: REDACTED_BODY, attachments: "[]", redacted: true, updated_at: at })
        .where("id", "=", part.id)
        .execute();
      d.row.updated_at = at;
    }
    return (await saveDraft(s, trx, d)).row;
  });
}
