import { errors } from "../../core/errors.ts";
import { type Services, type Trx, write } from "../../core/services.ts";
import { isMember } from "../../platform/identity/admins.ts";
import type { ManageBody } from "../../wire/conversation-input.ts";
import { body, idOf, optionalTime } from "../kit/input.ts";
import { notFound } from "../kit/missing.ts";
import { isTeam } from "../teams.ts";
import { actingAdmin } from "./conversations.ts";
import {
  assigned,
  closed,
  openDraft,
  opened,
  type Saved,
  saveDraft,
  snoozed,
  teamAssigned,
} from "./ledger.ts";

export type ManageInput = ManageBody;

/** Whom `assignee_id` names: an admin of the workspace, or nobody ("0"). */
async function assignee(trx: Trx, workspaceId: number, value: unknown): Promise<number | null> {
  if (value === undefined || value === null)
    throw errors.parameterNotFound("assignee_id is required", "assignee_id");
  const id = idOf(value, "assignee_id");
  if (value === 0 || value === "0") return null;
  if (id === 0 || !(await isMember(trx, workspaceId, id))) throw notFound("Assignee");
  return id;
}

/** Which team `assignee_id` names (with `type: "team"`): one of the workspace's, or none ("0"). */
async function teamNamed(trx: Trx, workspaceId: number, value: unknown): Promise<number | null> {
  if (value === undefined || value === null)
    throw errors.parameterNotFound("assignee_id is required", "assignee_id");
  const id = idOf(value, "assignee_id");
  if (value === 0 || value === "0") return null;
  if (!(await isTeam(trx, workspaceId, id))) throw notFound("Assignee");
  return id;
}

/**
 * Intercom's `POST /conversations/{id}/parts`: an admin closes, opens, snoozes or assigns the
 * conversation. Each is recorded as a part by that admin.
 */
export async function manageConversation(
  s: Services,
  workspaceId: number,
  conversationId: number,
  input: ManageInput,
): Promise<Saved> {
  const kind = input.message_type;
  if (kind === undefined || kind === null)
    throw errors.parameterNotFound("message_type is required", "message_type");
  if (kind !== "close" && kind !== "open" && kind !== "snoozed" && kind !== "assignment")
    throw errors.parameterInvalid("message_type must be close, open, snoozed or assignment", "message_type");
  const type = input.type ?? "admin";
  if (type !== "admin" && (kind !== "assignment" || type !== "team"))
    throw errors.parameterInvalid(
      kind === "assignment" ? "type must be admin or team" : "type must be admin",
      "type",
    );
  const text = kind === "close" || kind === "assignment" ? body(input.body, false) : null;
  let until: number | undefined;
  if (kind === "snoozed") {
    until = optionalTime(input.snoozed_until, "snoozed_until");
    if (until === undefined) throw errors.parameterNotFound("snoozed_until is required", "snoozed_until");
    if (until <= s.now())
      throw errors.parameterInvalid("snoozed_until must be in the future", "snoozed_until");
  }
  return write(s, async (trx) => {
    const d = await openDraft(s, trx, workspaceId, conversationId);
    const adminId = await actingAdmin(trx, workspaceId, input.admin_id);
    const at = s.now();
    switch (kind) {
      case "close":
        closed(d, adminId, { body: text, at });
        return saveDraft(s, trx, d, "conversation.admin.closed");
      case "open": {
        // Opening a snoozed conversation wakes it. It was never closed (it counts no reopen), so
        // Intercom calls that an unsnooze rather than an open.
        const topic =
          d.row.state === "snoozed" ? "conversation.admin.unsnoozed" : "conversation.admin.opened";
        opened(d, adminId, at);
        return saveDraft(s, trx, d, topic);
      }
      case "snoozed":
        snoozed(d, adminId, until as number, at);
        return saveDraft(s, trx, d, "conversation.admin.snoozed");
      case "assignment": {
        if (type === "team") {
          const team = await teamNamed(trx, workspaceId, input.assignee_id);
          teamAssigned(d, adminId, { team, body: text, at });
          return saveDraft(s, trx, d, "conversation.admin.assigned");
        }
        const to = await assignee(trx, workspaceId, input.assignee_id);
        assigned(d, adminId, { assignee: to, body: text, at });
        return saveDraft(s, trx, d, "conversation.admin.assigned");
      }
    }
  });
}
