import crypto from "node:crypto";
import { sql } from "kysely";
import { errors } from "../core/errors.ts";
import { type Services, write } from "../core/services.ts";
import { requireText } from "../core/validation.ts";
import type { ContactRow } from "../storage/tables/contacts.ts";
import type { DataEventRow } from "../storage/tables/events.ts";
import { eventJson } from "../wire/event.ts";
import type { EventBody, EventSummariesBody } from "../wire/event-input.ts";
import { lookUpContact } from "./contacts/lookup.ts";

/** Intercom tracks the first ten metadata keys of an event, in the order sent, and ignores the rest. */
export const MAX_METADATA_KEYS = 10;
/** Like custom attributes, a metadata text is at most 255 characters. */
const MAX_METADATA_TEXT = 255;
/** Only events of the last 90 days can be listed; summaries count older ones too. */
const LISTABLE_DAYS = 90;
const MAX_SECONDS = 1e11;

/** A summary's time: `first` or `last`, whichever was sent stands for both. */
function seconds(value: number | undefined, field: string): number {
  if (value === undefined) throw errors.parameterNotFound(`${field} is required`, field);
  return value;
}

/**
 * Intercom's metadata value types: text (a link is text too), a number (a `_date` key's number is a
 * timestamp), a rich link `{url, value}` and a monetary amount `{amount, currency}`; nothing nested
 * beyond those two. Keys past the tenth are dropped, as Intercom ignores them.
 */
export function checkMetadata(metadata: EventBody["metadata"]): Record<string, unknown> {
  if (metadata === undefined || metadata === null) return {};
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(metadata).slice(0, MAX_METADATA_KEYS)) {
    const where = `metadata.${key.slice(0, 50)}`;
    if (key.trim() === "" || key.length > MAX_METADATA_TEXT)
      throw errors.parameterInvalid(`${where} is not a valid metadata key`, "metadata");
    if (key.endsWith("_date")) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS)
        throw errors.parameterInvalid(`${where} must be a Unix timestamp`, "metadata");
    } else if (typeof value === "string") {
      if (value.length > MAX_METADATA_TEXT)
        throw errors.parameterInvalid(`${where} must be at most ${MAX_METADATA_TEXT} characters`, "metadata");
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw errors.parameterInvalid(`${where} must be a number`, "metadata");
    } else if ("url" in value && sameKeys(value, ["url", "value"])) {
      if (!/^https?:\/\/\S+$/i.test(value.url))
        throw errors.parameterInvalid(
          `${where} must be a rich link with a http(s) url and a text value`,
          "metadata",
        );
      if (value.url.length > 2000 || value.value.length > MAX_METADATA_TEXT)
        throw errors.parameterInvalid(`${where} is too long`, "metadata");
    } else if ("amount" in value && sameKeys(value, ["amount", "currency"])) {
      if (!Number.isSafeInteger(value.amount) || value.amount < 0)
        throw errors.parameterInvalid(`${where}.amount must be a whole number of cents`, "metadata");
      if (!/^[A-Za-z]{3}$/.test(value.currency))
        throw errors.parameterInvalid(`${where}.currency must be a three-letter currency code`, "metadata");
    } else {
      // The schema takes these shapes with more keys than their own: nothing else is a value.
      throw errors.parameterInvalid(
        `${where} must be a string, a number, a rich link {url, value} or an amount {amount, currency}`,
        "metadata",
      );
    }
    out.push([key, value]);
  }
  // Defined as own properties, so even a key named "__proto__" is kept as sent.
  return Object.fromEntries(out);
}

function sameKeys(value: object, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

/**
 * Records an event of a workspace's contact. The same contact, name and second is the same event:
 * a repeat is accepted and changes nothing, as Intercom's de-duplication does.
 */
export async function trackEvent(s: Services, workspaceId: number, input: EventBody): Promise<void> {
  const eventName = requireText(input.event_name, "event_name", 255);
  const occurredAt = input.created_at;
  const metadata = checkMetadata(input.metadata);
  const contact = await lookUpContact(s.db, workspaceId, input);
  await write(s, async (trx) => {
    const row = await trx
      .insertInto("data_events")
      .values({
        id: crypto.randomUUID(),
        workspace_id: workspaceId,
        contact_seq: contact.seq,
        event_name: eventName,
        occurred_at: occurredAt,
        metadata: JSON.stringify(metadata),
        received_at: s.now(),
      })
      .onConflict((oc) => oc.columns(["contact_seq", "event_name", "occurred_at"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    // A repeat is no new event, so it notifies no one either.
    if (row)
      await s.outbox.raise(trx, { workspaceId, topic: "event.created", item: eventJson(row, contact) });
  });
}

/** A position in a contact's event list, newest first: the event's time and then its order of arrival. */
export interface EventCursor {
  at: number;
  seq: number;
}

/**
 * A page of a contact's listable events, newest first: those before `before`, or those after `since`
 * (still newest first); and whether more lie beyond the page.
 */
export async function listEvents(
  s: Services,
  contact: ContactRow,
  page: { size: number; before?: EventCursor; since?: EventCursor },
): Promise<{ rows: DataEventRow[]; hasMore: boolean }> {
  const oldest = Math.floor(s.now() / 1000) - LISTABLE_DAYS * 86_400;
  let query = s.db
    .selectFrom("data_events")
    .selectAll()
    .where("contact_seq", "=", contact.seq)
    .where("occurred_at", ">=", oldest);
  const { before, since } = page;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb("occurred_at", "<", before.at),
        eb.and([eb("occurred_at", "=", before.at), eb("seq", "<", before.seq)]),
      ]),
    );
  }
  if (since) {
    query = query.where((eb) =>
      eb.or([
        eb("occurred_at", ">", since.at),
        eb.and([eb("occurred_at", "=", since.at), eb("seq", ">", since.seq)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("occurred_at", "desc")
    .orderBy("seq", "desc")
    .limit(page.size + 1)
    .execute();
  return { rows: rows.slice(0, page.size), hasMore: rows.length > page.size };
}

export interface EventSummary {
  name: string;
  count: number;
  /** Unix seconds. */
  first: number;
  last: number;
}

/** Per event name: how often, first and last, over every event tracked and every summary imported. */
export async function summarizeEvents(s: Services, contact: ContactRow): Promise<EventSummary[]> {
  const tracked = await s.db
    .selectFrom("data_events")
    .select((eb) => [
      "event_name",
      eb.fn.countAll<number>().as("count"),
      eb.fn.min<number>("occurred_at").as("first"),
      eb.fn.max<number>("occurred_at").as("last"),
    ])
    .where("contact_seq", "=", contact.seq)
    .groupBy("event_name")
    .execute();
  const imported = await s.db
    .selectFrom("data_event_summaries")
    .selectAll()
    .where("contact_seq", "=", contact.seq)
    .execute();
  const byName = new Map<string, EventSummary>();
  const add = (name: string, count: number, first: number, last: number) => {
    const known = byName.get(name);
    if (!known) byName.set(name, { name, count, first, last });
    else {
      known.count += count;
      known.first = Math.min(known.first, first);
      known.last = Math.max(known.last, last);
    }
  };
  for (const row of tracked) add(row.event_name, Number(row.count), Number(row.first), Number(row.last));
  for (const row of imported) add(row.event_name, row.count, row.first_at, row.last_at);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Intercom's `POST /events/summaries`: counts of events that happened outside the API (an import),
 * for the user with that `user_id`. One summary or a list; each adds to what is known of its event.
 */
export async function importEventSummaries(
  s: Services,
  workspaceId: number,
  input: EventSummariesBody,
): Promise<void> {
  const list = Array.isArray(input.event_summaries) ? input.event_summaries : [input.event_summaries];
  const summaries = list.map((item): EventSummary => {
    const name = requireText(item.event_name, "event_name", 255);
    const count = item.count ?? 1;
    const first = item.first ?? item.last;
    const last = item.last ?? item.first;
    const firstAt = seconds(first, "first");
    const lastAt = seconds(last, "last");
    if (firstAt > lastAt) throw errors.parameterInvalid("first must not be after last", "first");
    return { name, count, first: firstAt, last: lastAt };
  });
  const contact = await lookUpContact(s.db, workspaceId, { user_id: input.user_id });
  await write(s, async (trx) => {
    for (const summary of summaries) {
      await trx
        .insertInto("data_event_summaries")
        .values({
          contact_seq: contact.seq,
          event_name: summary.name,
          count: summary.count,
          first_at: summary.first,
          last_at: summary.last,
          updated_at: s.now(),
        })
        .onConflict((oc) =>
          oc.columns(["contact_seq", "event_name"]).doUpdateSet({
            count: sql`data_event_summaries.count + ${summary.count}`,
            first_at: sql`case when data_event_summaries.first_at < ${summary.first} then data_event_summaries.first_at else ${summary.first} end`,
            last_at: sql`case when data_event_summaries.last_at > ${summary.last} then data_event_summaries.last_at else ${summary.last} end`,
            updated_at: s.now(),
          }),
        )
        .execute();
    }
  });
}
