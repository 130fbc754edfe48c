import type { Services, Trx } from "../../core/services.ts";
import type { TicketRow } from "../../storage/tables/tickets.ts";
import { ticketObjectIn } from "./present.ts";

/** Queues the notifications of what one write did to a ticket, each carrying the ticket as it now is. */
export async function notify(
  s: Services,
  trx: Trx,
  ticket: TicketRow,
  topics: readonly string[],
): Promise<void> {
  let item: object | undefined;
  for (const topic of topics) {
    await s.outbox.raise(trx, {
      workspaceId: ticket.workspace_id,
      topic,
      item: async () => {
        item ??= await ticketObjectIn(trx, ticket);
        return item;
      },
    });
  }
}
