import { type Static, Type } from "typebox";
import { Metadata } from "./event.ts";

const Text = Type.String({ maxLength: 1000 });
const Seconds = Type.Integer({ minimum: 0, maximum: 1e11 });

/**
 * `POST /events`: an event of a contact named by `id`, `user_id` or `email` (which one is found is the
 * domain's rule), with up to ten metadata values (the keys past the tenth are dropped; a `_date` key's
 * number is a timestamp, a link's url is http(s): the domain's checks).
 */
export const EventBody = Type.Object({
  event_name: Text,
  created_at: Seconds,
  user_id: Type.Optional(Text),
  id: Type.Optional(Text),
  email: Type.Optional(Text),
  metadata: Type.Optional(Type.Union([Metadata, Type.Null()])),
});
export type EventBody = Static<typeof EventBody>;

/** `GET /events?type=user&…`: a contact's events, or their summary. */
export const EventQuery = Type.Object({
  type: Type.Literal("user", { errorMessage: "type must be user" }),
  user_id: Type.Optional(Text),
  intercom_user_id: Type.Optional(Text),
  email: Type.Optional(Text),
  summary: Type.Optional(Type.Boolean()),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 150 })),
  before: Type.Optional(Type.String({ maxLength: 200 })),
  since: Type.Optional(Type.String({ maxLength: 200 })),
});

/**
 * Who `GET /events` (and its summary) is about: a contact by exactly one of Intercom's id, your
 * `user_id`, or email, as `EventQuery` takes them beside `type=user`.
 */
export const EventContact = Type.Union([
  Type.Object({ intercom_user_id: Text }),
  Type.Object({ user_id: Text }),
  Type.Object({ email: Text }),
]);

const Summary = Type.Object({
  event_name: Text,
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1e9 })),
  first: Type.Optional(Seconds),
  last: Type.Optional(Seconds),
});
export type EventSummaryInput = Static<typeof Summary>;

/** `POST /events/summaries`: counts of events that happened outside the API, one summary or a list. */
export const EventSummariesBody = Type.Object({
  user_id: Text,
  event_summaries: Type.Union([Summary, Type.Array(Summary, { minItems: 1, maxItems: 100 })]),
});
export type EventSummariesBody = Static<typeof EventSummariesBody>;
