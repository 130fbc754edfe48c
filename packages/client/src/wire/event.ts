/** Intercom's `event`, as a contact's event list shows it. */
export interface DataEvent {
  type: "event";
  id: string;
  /** When it happened, in Unix seconds. */
  created_at: number;
  event_name: string;
  user_id?: string;
  intercom_user_id: string;
  email?: string;
  metadata: Record<string, unknown>;
}

/** Whose events: a contact named by Intercom's id, your `user_id`, or their email. */
export type EventContact = { intercom_user_id: string } | { user_id: string } | { email: string };

/** `POST /events`: `created_at` (Unix seconds) and one of the contact's identifiers name the event. */
export type EventTrack = {
  event_name: string;
  created_at?: number;
  metadata?: Record<string, unknown> | null;
} & ({ id: string } | { user_id: string } | { email: string });

/** A page of `GET /events`: `next` lists older events, `since` newer ones (both whole URLs). */
export interface DataEventPage {
  type: "event.list";
  events: DataEvent[];
  pages: { next?: string; since?: string };
}

/** `GET /events?summary=true`: each event name's count and first and last times (ISO 8601). */
export interface DataEventSummary {
  type: "event.summary";
  user_id?: string;
  intercom_user_id: string;
  email?: string;
  events: Array<{ name: string; first: string; last: string; count: number; description?: string }>;
}
