import { type Services, type Trx, write } from "../../core/services.ts";
import { orderedList } from "../../storage/ordered-lists.ts";
import type { TicketStateCategory, TicketStateRow } from "../../storage/tables/tickets.ts";

/** The states every workspace's tickets move through, in Intercom's order and words. */
const STANDARD: ReadonlyArray<{ category: TicketStateCategory; internal: string; external: string }> = [
  { category: "submitted", internal: "Submitted", external: "Submitted" },
  { category: "in_progress", internal: "In progress", external: "In progress" },
  { category: "waiting_on_customer", internal: "Waiting on customer", external: "Waiting on you" },
  { category: "resolved", internal: "Resolved", external: "Resolved" },
];

/**
 * The workspace's ticket states, made the first time anything needs them. Two first callers at once
 * both try to insert; the unique position lets one set in and the other's inserts do nothing.
 */
export async function ensureTicketStates(trx: Trx, workspaceId: number): Promise<TicketStateRow[]> {
  const existing = await statesOf(trx, workspaceId);
  if (existing.length >= STANDARD.length) return existing;
  await trx
    .insertInto("ticket_states")
    .values(
      STANDARD.map((state, position) => ({
        workspace_id: workspaceId,
        category: state.category,
        internal_label: state.internal,
        external_label: state.external,
        position,
        archived: false,
      })),
    )
    .onConflict((oc) => oc.columns(["workspace_id", "position"]).doNothing())
    .execute();
  return statesOf(trx, workspaceId);
}

export function statesOf(db: Services["db"] | Trx, workspaceId: number): Promise<TicketStateRow[]> {
  return orderedList(db, "ticket_states", workspaceId);
}

/** The workspace's states, made if this is the first time they are asked for. */
export async function listTicketStates(s: Services, workspaceId: number): Promise<TicketStateRow[]> {
  const states = await statesOf(s.db, workspaceId);
  if (states.length >= STANDARD.length) return states;
  return write(s, (trx) => ensureTicketStates(trx, workspaceId));
}
