/**
 * The ONE list of places where Intercom's 2.14 description contradicts what Intercom actually sends, so
 * that Gatehouse (which follows Intercom) is checked against the truth there and against the description
 * everywhere else. The default assumption is that Gatehouse is wrong: an entry needs a reason that names
 * Intercom's own evidence, preferably the description contradicting itself (its examples, its parameters,
 * its prose).
 *
 * An entry either checks one operation's answer against other component schemas than the one 2.14 names
 * (`operation` + `schemas`: the answer must match one of them), or corrects a component schema where it is
 * wrong for every operation that uses it (`schema` + `pointer`, a JSON pointer into the component as
 * 2.14 writes it, then `set` keywords, `drop` keywords, or `replace` the whole node).
 */
export type DescriptionException =
  | { operation: string; status: string; schemas: string[]; reason: string }
  | {
      schema: string;
      pointer: string | string[];
      set?: Record<string, unknown>;
      drop?: string[];
      replace?: Record<string, unknown>;
      reason: string;
    };

const STATISTICS_SET_ON_EVENT = [
  "handling_time",
  "adjusted_handling_time",
  "assigned_team_first_response_time",
  "assigned_team_first_response_time_in_office_hours",
  "time_to_assignment",
  "time_to_admin_reply",
  "time_to_first_close",
  "time_to_last_close",
  "median_time_to_reply",
  "first_contact_reply_at",
  "first_assignment_at",
  "first_admin_reply_at",
  "first_close_at",
  "last_assignment_at",
  "last_assignment_admin_reply_at",
  "last_contact_reply_at",
  "last_admin_reply_at",
  "last_close_at",
  "last_closed_by_id",
];

export const EXCEPTIONS: DescriptionException[] = [
  {
    operation: "GET /events",
    status: "200",
    schemas: ["data_event_list", "data_event_summary"],
    reason:
      "2.14 names only `data_event_summary` (the answer to `summary=true`), but listing a user's events " +
      "answers `event.list` with `events` and `pages`: the same description defines `data_event_list` for it",
  },
  {
    operation: "GET /companies",
    status: "200",
    schemas: ["company_list", "company"],
    reason:
      "2.14's own text for this operation: 'You can fetch a single company by passing in `company_id` or " +
      "`name`', which answers the company, not a list",
  },
  {
    schema: "conversation_statistics",
    pointer: STATISTICS_SET_ON_EVENT.map((p) => `/properties/${p}`),
    set: { nullable: true },
    reason:
      "each time and timestamp is null until its event happens (no reply, no assignment, no close yet); " +
      "2.14's own conversation examples answer `statistics` with nulls",
  },
  {
    schema: "admin",
    pointer: "/properties/avatar",
    replace: {
      type: "object",
      properties: {
        type: { type: "string", enum: ["avatar"] },
        image_url: { type: "string", format: "uri", nullable: true },
      },
    },
    reason:
      "2.14 types it as a URL string, but its own `display_avatar` parameter of GET /admins says 'the " +
      "response will include the admin's avatar object containing the image URL', the object /me answers",
  },
  {
    schema: "contact_tags",
    pointer: "/properties/url",
    drop: ["format"],
    reason: "2.14's own example is a relative path (`/contacts/5ba682d23d7cf92bef87bfd4/tags`), not a URI",
  },
  {
    schema: "contact_notes",
    pointer: "/properties/url",
    drop: ["format"],
    reason: "2.14's own example is a relative path (`/contacts/5ba682d23d7cf92bef87bfd4/notes`), not a URI",
  },
  {
    schema: "contact_companies",
    pointer: "/properties/url",
    drop: ["format"],
    reason:
      "2.14's own example is a relative path (`/contacts/5ba682d23d7cf92bef87bfd4/companies`), not a URI",
  },
  {
    schema: "addressable_list",
    pointer: ["/properties/type", "/properties/url"],
    drop: ["format"],
    reason:
      "2.14's own examples are `note` and `/contacts/5ba682d23d7cf92bef87bfd4/notes`: an object type and a " +
      "relative path, neither a URI",
  },
  {
    schema: "company_data",
    pointer: "/properties/url",
    drop: ["format"],
    reason: "2.14 calls it 'The relative URL of the company' (example `/companies/5ba682d23d7cf92bef87bfd4`)",
  },
  {
    schema: "company",
    pointer: "/properties/custom_attributes",
    drop: ["additionalProperties"],
    reason:
      "2.14 says every value is a string, but its own example holds `true`, `155.5` and `9`: custom data " +
      "attributes are typed (data_attribute.data_type: integer, float, boolean, date…)",
  },
  {
    schema: "visitor",
    pointer: "/properties/custom_attributes",
    drop: ["additionalProperties"],
    reason: "as for companies: custom data attributes are typed (data_attribute.data_type), not all strings",
  },
  {
    schema: "custom_object_instance",
    pointer: "/properties/custom_attributes",
    drop: ["additionalProperties"],
    reason: "as for companies: custom data attributes are typed (data_attribute.data_type), not all strings",
  },
  {
    schema: "data_attribute",
    pointer: "/properties/model",
    set: { enum: ["contact", "company", "conversation"] },
    reason:
      "GET /data_attributes's own `model` parameter offers `conversation`, whose attributes it then lists",
  },
  {
    schema: "data_event",
    pointer: "/properties/metadata",
    drop: ["additionalProperties"],
    reason:
      "2.14 says every value is a string, but POST /events's own table of metadata types has numbers, " +
      "dates, rich links (`{url, value}`) and monetary amounts (`{amount, currency}`), listed back as sent",
  },
  {
    schema: "visitor",
    pointer: "/properties/email",
    drop: ["format"],
    reason: '2.14\'s own PUT /visitors example answers `"email": ""` for a visitor without an email',
  },
  {
    schema: "ticket_type_attribute",
    pointer: "/properties/input_options",
    set: { nullable: true },
    reason:
      '2.14\'s own GET /ticket_types example answers `"input_options": null` for an attribute without options',
  },
  {
    schema: "article_content",
    pointer: "/properties/url",
    set: { nullable: true },
    reason:
      "a draft has no address: 2.14's article_list_item.url, 'the URL of the default language's content', " +
      "is nullable, and a translation's content is the same field",
  },
  ...[
    "article_list",
    "collection_list",
    "internal_article_list",
    "paginated_response",
    "company_list",
    "note_list",
  ].map((schema) => ({
    schema,
    pointer: "/properties/pages",
    replace: { $ref: "#/components/schemas/pages_link" },
    reason:
      "these lists page by number (`page`, `per_page`), so `next` is 2.14's own pages_link ('A link to the " +
      "next page of results'), not a cursor_pages `starting_after` object, which they cannot take",
  })),
];
