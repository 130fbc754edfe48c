import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { recordId } from "../../core/validation.ts";
import type { Database, Dialect } from "../../storage/schema.ts";
import {
  type Condition,
  compare,
  compileQuery,
  escapeLike,
  type FieldKind,
  filterValues,
  invalid,
  type SearchField,
  type SearchSchema,
  type Target,
  writtenByAdmins,
} from "../kit/search-query.ts";

type Eb = ExpressionBuilder<Database, "conversations">;
type Field = SearchField<"conversations">;

const ref = (column: keyof Database["conversations"]) => sql.ref(`conversations.${column}`);
const field = (kind: FieldKind, target: Target): Field => ({ kind, target });
const column = (name: keyof Database["conversations"], kind: FieldKind): Field => field(kind, ref(name));

/** `=` and `IN` match when the condition holds; `!=` and `NIN` when it does not. */
function among(operator: string, condition: (eb: Eb) => Expression<SqlBool>): Condition<"conversations"> {
  const negate = operator === "!=" || operator === "NIN";
  return (eb) => (negate ? eb.not(condition(eb)) : condition(eb));
}

function textValues(operator: string, value: unknown, what: string): string[] {
  return filterValues(operator, value).map((v) => {
    if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
    if (typeof v !== "string" || v.length > 100) invalid(`${what} takes ids`);
    return v as string;
  });
}

/** The email or name of whoever wrote the opening message: a contact or an admin. */
function sourceAuthor(attribute: "email" | "name"): Target {
  return sql`coalesce(
    (select ${sql.ref(`contacts.${attribute}`)} from contacts
      where contacts.id = conversations.source_author_id
        and conversations.source_author_type in ('user', 'lead')),
    (select ${sql.ref(`admins.${attribute}`)} from admins
      where cast(admins.id as text) = conversations.source_author_id
        and conversations.source_author_type = 'admin'))`;
}

/**
 * Intercom matches `source.body` word by word: `=` finds a conversation whose opening message has that
 * word, so a value of several words matches nothing. Words are what lies between spaces and punctuation.
 * The text operators (`~`, `^`, ...) read the whole message.
 */
function bodyWords(operator: string, value: unknown): Condition<"conversations"> {
  if (!["=", "!=", "IN", "NIN"].includes(operator))
    return compare(ref("source_body"), "string", operator, value);
  let text: Target = sql`lower(${ref("source_body")})`;
  for (const mark of [".", ",", ";", ":", "!", "?", "(", ")", "<", ">", "/", '"', "'", "\n", "\t", "\r"])
    text = sql`replace(${text}, ${mark}, ' ')`;
  const words = filterValues(operator, value).map((v) => {
    if (typeof v !== "string") invalid("source.body takes text");
    return (v as string).trim().toLowerCase();
  });
  const matches = words
    .filter((word) => word !== "" && !/[\s.,;:!?()<>/"']/.test(word))
    .map((word) => sql<SqlBool>`(' ' || ${text} || ' ') like ${`% ${escapeLike(word)} %`} escape '\\'`);
  return among(operator, () =>
    matches.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(matches, sql` or `)})`,
  );
}

/** The conversation fields Intercom's search takes, and how each compares, as of `now`. */
function conversationFields(now: number): SearchSchema<"conversations"> {
  // A snooze that has run out reads as open, whether or not a write has recorded its waking yet.
  const woken = sql<SqlBool>`(${ref("state")} = 'snoozed' and ${ref("snoozed_until")} <= ${now})`;
  const state = sql`(case when ${woken} then 'open' else ${ref("state")} end)`;
  return {
    noun: "conversations",
    customAttributes: ref("custom_attributes"),
    fields: {
      id: field("string", sql`cast(${ref("id")} as text)`),
      created_at: column("created_at", "date_ms"),
      updated_at: column("updated_at", "date_ms"),
      title: column("title", "string"),
      "source.type": column("source_type", "string"),
      "source.id": field("string", sql`cast(${ref("id")} as text)`),
      "source.delivered_as": column("source_delivered_as", "string"),
      "source.subject": column("source_subject", "string"),
      "source.body": { kind: "string", filter: bodyWords },
      "source.author.id": column("source_author_id", "string"),
      "source.author.type": column("source_author_type", "string"),
      "source.author.name": field("string", sourceAuthor("name")),
      "source.author.email": field("string", sourceAuthor("email")),
      "source.url": column("source_url", "string"),
      contact_ids: {
        kind: "set",
        filter: (operator, value) => {
          const ids = textValues(operator, value, "contact_ids");
          return among(operator, (eb) =>
            eb.exists(
              eb
                .selectFrom("conversation_contacts")
                .innerJoin("contacts", "contacts.seq", "conversation_contacts.contact_seq")
                .select("contacts.seq")
                .whereRef("conversation_contacts.conversation_id", "=", "conversations.id")
                .where("contacts.id", "in", ids),
            ),
          );
        },
      },
      teammate_ids: {
        kind: "set",
        filter: (operator, value) => {
          const ids = textValues(operator, value, "teammate_ids");
          return among(operator, (eb) =>
            eb.or([
              eb.and([
                eb("conversations.source_author_type", "=", "admin"),
                eb("conversations.source_author_id", "in", ids),
              ]),
              writtenByAdmins(
                "conversation_parts",
                { key: "conversation_id", owner: "conversations.id" },
                ids,
              ),
            ]),
          );
        },
      },
      // Unassigned reads as 0, as Intercom's "assigned to nobody" does.
      admin_assignee_id: field("integer", sql`coalesce(${ref("admin_assignee_id")}, 0)`),
      team_assignee_id: field("integer", sql`coalesce(${ref("team_assignee_id")}, 0)`),
      open: field("boolean", sql`(${state} <> 'closed')`),
      read: column("read", "boolean"),
      state: field("string", state),
      waiting_since: column("waiting_since", "date_ms"),
      snoozed_until: field("date_ms", sql`(case when ${woken} then null else ${ref("snoozed_until")} end)`),
      // A conversation matches when it carries any of the tags; an id that is no tag's matches none.
      tag_ids: {
        kind: "set",
        filter: (operator, value) => {
          const ids = textValues(operator, value, "tag_ids")
            .map((id) => (/^[0-9]{1,15}$/.test(id) ? recordId(id) : 0))
            .filter((id) => id !== 0);
          return among(operator, (eb) =>
            ids.length === 0
              ? sql<SqlBool>`1 = 0`
              : eb.exists(
                  eb
                    .selectFrom("conversation_tags")
                    .select("conversation_tags.tag_id")
                    .whereRef("conversation_tags.conversation_id", "=", "conversations.id")
                    .where("conversation_tags.tag_id", "in", ids),
                ),
          );
        },
      },
      priority: field("string", sql`cast('not_priority' as text)`),
      ai_agent_participated: field("boolean", sql`(1 = 0)`),
      "statistics.time_to_assignment": column("time_to_assignment", "integer"),
      "statistics.time_to_admin_reply": column("time_to_admin_reply", "integer"),
      "statistics.time_to_first_close": column("time_to_first_close", "integer"),
      "statistics.time_to_last_close": column("time_to_last_close", "integer"),
      "statistics.first_contact_reply_at": column("first_contact_reply_at", "date_ms"),
      "statistics.first_assignment_at": column("first_assignment_at", "date_ms"),
      "statistics.first_admin_reply_at": column("first_admin_reply_at", "date_ms"),
      "statistics.first_close_at": column("first_close_at", "date_ms"),
      "statistics.last_assignment_at": column("last_assignment_at", "date_ms"),
      "statistics.last_assignment_admin_reply_at": column("last_assignment_admin_reply_at", "date_ms"),
      "statistics.last_contact_reply_at": column("last_contact_reply_at", "date_ms"),
      "statistics.last_admin_reply_at": column("last_admin_reply_at", "date_ms"),
      "statistics.last_close_at": column("last_close_at", "date_ms"),
      "statistics.last_closed_by_id": field("string", sql`cast(${ref("last_closed_by_id")} as text)`),
      "statistics.count_reopens": column("count_reopens", "integer"),
      "statistics.count_assignments": column("count_assignments", "integer"),
      "statistics.count_conversation_parts": column("count_conversation_parts", "integer"),
    },
  };
}

/** A conversation search as one SQL condition on `conversations`. */
export function compileConversationSearch(query: unknown, dialect: Dialect, now: number) {
  return compileQuery(query, conversationFields(now), dialect);
}
