import type { Services, Trx } from "../../core/services.ts";
import type { TicketPartRow, TicketPartsTable } from "../../storage/tables/tickets.ts";

/** Who wrote or did a part: an admin, a contact (`user`), or Gatehouse itself for work no admin is left to own. */
export interface Author {
  type: "admin" | "user" | "bot";
  id: string;
}

export type NewPart = Omit<
  TicketPartsTable,
  "id" | "ticket_id" | "attachments" | "created_at" | "updated_at"
> & {
  attachments?: string;
  created_at?: number;
};

/** Adds parts to a ticket, each at its own time or now. */
export async function addParts(
  s: Services,
  trx: Trx,
  ticketId: number,
  parts: NewPart[],
): Promise<TicketPartRow[]> {
  const out: TicketPartRow[] = [];
  for (const part of parts) {
    const at = part.created_at ?? s.now();
    out.push(
      await trx
        .insertInto("ticket_parts")
        .values({ ...part, ticket_id: ticketId, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return out;
}

export function part(author: Author, fields: Partial<NewPart> & { part_type: string }): NewPart {
  return {
    body: null,
    ticket_state: null,
    previous_ticket_state: null,
    assigned_to: null,
    attribute_data: null,
    reply_options: null,
    ...fields,
    author_type: author.type,
    author_id: author.id,
  };
}
