import type { Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";

/**
 * A change a write made, told to whoever listens for it. The resources raise events and know nothing of
 * who listens (today: the apps a workspace installed, as webhook notifications).
 */
export interface DomainEvent {
  workspaceId: number;
  /** What happened, named as Intercom's webhook topics name it: "contact.user.created", "ticket.closed", … */
  topic: string;
  /**
   * The object as the API would answer for it now. A function is called only when someone listens, so a
   * change nobody listens to costs no more than finding that out; it reads through the write's transaction.
   */
  item: object | (() => object | Promise<object>);
}

/**
 * Where writes raise their events: inside the write's own transaction, so an event exists exactly when
 * its change does (the transactional outbox). Implemented by the webhook module, which decides who is
 * subscribed and allowed to hear it.
 */
export interface Outbox {
  raise(trx: Transaction<Database>, event: DomainEvent): Promise<void>;
}
