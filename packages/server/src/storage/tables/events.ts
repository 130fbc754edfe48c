import type { Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Events contacts did, and the counts imported as summaries. */
export interface EventsTables {
  data_events: DataEventsTable;
  data_event_summaries: DataEventSummariesTable;
}

export interface DataEventsTable {
  seq: Generated<number>;
  /** The event's public id. */
  id: string;
  workspace_id: number;
  contact_seq: number;
  event_name: string;
  /** Unix seconds: the `created_at` the caller sent, part of the de-duplication key. */
  occurred_at: number;
  /** JSON object: at most ten keys, scalars or Intercom's rich link and monetary amount objects. */
  metadata: string;
  received_at: Millis;
}

export type DataEventRow = Selectable<DataEventsTable>;

/** Counts imported with `POST /events/summaries`, added to what the tracked events say. */
export interface DataEventSummariesTable {
  contact_seq: number;
  event_name: string;
  count: number;
  /** Unix seconds. */
  first_at: number;
  last_at: number;
  updated_at: Millis;
}
