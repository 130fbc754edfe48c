import type { DataEvent, DataEventPage, DataEventSummary, EventContact, EventTrack } from "../wire/index.ts";

import { type PageOptions, paginate, query, type Requester } from "./shared.ts";

/** `/events`: what contacts did, by name and time. */
export function eventsApi(http: Requester) {
  return {
    /** `POST /events`. Tracking the same contact, name and `created_at` twice records one event. */
    track: (body: EventTrack): Promise<void> => http.request("POST", "/events", body),

    /**
     * `GET /events?type=user`: every event of the contact, newest first. Each page's `next` is a whole
     * URL; its `before` cursor is what the next request sends, so a `baseUrl` with a path still works.
     */
    list: (contact: EventContact, options: PageOptions = {}): AsyncIterable<DataEvent> =>
      paginate(
        (before: string | undefined) =>
          http.request<DataEventPage>(
            "GET",
            `/events${query({ type: "user", ...contact, per_page: options.perPage, before })}`,
          ),
        (page) => ({
          items: page.events,
          next: page.pages.next
            ? (new URL(page.pages.next).searchParams.get("before") ?? undefined)
            : undefined,
        }),
      ),

    /** `GET /events?summary=true`: how many times the contact did each thing, first and last. */
    summaries: (contact: EventContact): Promise<DataEventSummary> =>
      http.request("GET", `/events${query({ type: "user", ...contact, summary: true })}`),
  };
}
