import { type Static, Type } from "typebox";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { DataEventRow } from "../storage/tables/events.ts";
import { Timestamp } from "./common.ts";

/** The contact's identifiers as an event shows them; absent ones are left out. */
const Identifiers = {
  user_id: Type.Optional(Type.String()),
  intercom_user_id: Type.String(),
  email: Type.Optional(Type.String()),
};

/** A rich link `{url, value}` or an amount `{amount, currency}`, besides text and numbers. */
const MetadataValue = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Object({ url: Type.String(), value: Type.String() }),
  Type.Object({ amount: Type.Integer(), currency: Type.String() }),
]);
export const Metadata = Type.Record(Type.String(), MetadataValue);

/** Intercom's `event`: as a contact's event list shows it, and as `event.created` carries it. */
export const Event = Type.Object({
  type: Type.Literal("event"),
  id: Type.String(),
  created_at: Timestamp,
  event_name: Type.String(),
  ...Identifiers,
  metadata: Metadata,
});
export type Event = Static<typeof Event>;

/** `GET /events`: a page of a contact's events, newest first, with links to older and newer ones. */
export const EventList = Type.Object({
  type: Type.Literal("event.list"),
  events: Type.Array(Event),
  pages: Type.Object({ next: Type.Optional(Type.String()), since: Type.Optional(Type.String()) }),
});

/** `GET /events?summary=true`: each event name's count and first and last times (ISO 8601). */
export const EventSummaryList = Type.Object({
  type: Type.Literal("event.summary"),
  ...Identifiers,
  events: Type.Array(
    Type.Object({ name: Type.String(), first: Type.String(), last: Type.String(), count: Type.Integer() }),
  ),
});

export function eventIdentifiers(contact: ContactRow) {
  return {
    ...(contact.external_id !== null && { user_id: contact.external_id }),
    intercom_user_id: contact.id,
    ...(contact.email !== null && { email: contact.email }),
  };
}

export function eventJson(row: DataEventRow, contact: ContactRow): Event {
  return {
    type: "event",
    id: row.id,
    created_at: row.occurred_at,
    event_name: row.event_name,
    ...eventIdentifiers(contact),
    metadata: JSON.parse(row.metadata) as Static<typeof Metadata>,
  };
}
