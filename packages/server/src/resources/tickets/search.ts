import { type RawBuilder, type SqlBool, sql } from "kysely";
import { type CursorPage, type CursorRequest, pageAfter } from "../../core/paging.ts";
import type { Services } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import type { Dialect } from "../../storage/schema.ts";
import type { TicketCategory, TicketRow } from "../../storage/tables/tickets.ts";
import {
  type Condition,
  compileQuery,
  existsIn,
  filterValues,
  invalid,
  jsonNumber,
  ORDERING,
  type SearchField,
  type SearchSchema,
  textMatch,
  writtenByAdmins,
} from "../kit/search-query.ts";
import { DEFAULT_TITLE } from "./types.ts";

/**
 * Intercom's search query language over tickets, on the shared compiler: the fields and their types
 * are those Intercom documents for tickets, and, as it documents, each AND or OR group takes up to 15
 * queries.
 */
type TicketCondition = Condition<"tickets">;
type TicketField = SearchField<"tickets">;

const TEXT = ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"];
const DATES = ["=", ...ORDERING];
const JSON_VALUE = [...TEXT, ...ORDERING];

/** Intercom's words for the categories in a search, and the categories they mean. */
const CATEGORY_TERMS: Record<string, string> = {
  request: "Customer",
  task: "Back-office",
  tracker: "Tracker",
};

const STATES = ["submitted", "in_progress", "waiting_on_customer", "resolved"];

function idValue(v: unknown): number {
  if ((typeof v === "string" && /^[0-9]{1,15}$/.test(v)) || (typeof v === "number" && Number.isInteger(v)))
    return recordId(v);
  return invalid("This field takes ids");
}

/** `column (not) in (...)` over a set of values, where "not" also keeps rows whose column is null. */
function membership(target: RawBuilder<unknown>, operator: string, values: unknown[]): TicketCondition {
  const inList = sql<SqlBool>`${target} in (${sql.join(values)})`;
  const negate = operator === "!=" || operator === "NIN";
  return () => (negate ? sql<SqlBool>`(${target} is null or not ${inList})` : inList);
}

/** A field of ids, compared with the column (`orNobody`: a null column reads as id 0, "nobody"). */
function ids(column: string, orNobody = false): TicketField {
  const ref = sql.ref(`tickets.${column}`);
  // "0" names nobody (an id is never 0): the unassigned tickets.
  const target = orNobody ? sql`coalesce(${ref}, 0)` : ref;
  return {
    kind: "set",
    filter: (operator, value) => membership(target, operator, filterValues(operator, value).map(idValue)),
  };
}

/**
 * A field matched through another table: the tickets `exists` finds for the values (`=`, `IN`), or
 * (`!=`, `NIN`) those it does not.
 */
function related<T>(read: (value: unknown) => T, exists: (values: T[]) => RawBuilder<SqlBool>): TicketField {
  return {
    kind: "set",
    filter: (operator, value) => {
      const found = exists(filterValues(operator, value).map(read));
      const negate = operator === "!=" || operator === "NIN";
      return () => (negate ? sql<SqlBool>`not ${found}` : found);
    },
  };
}

function dates(column: string, scale: number): TicketField {
  const target = sql.ref(`tickets.${column}`);
  return { operators: DATES, filter: (operator, value) => dateCondition(target, scale, operator, value) };
}

function dateCondition(
  target: RawBuilder<unknown>,
  scale: number,
  operator: string,
  value: unknown,
): TicketCondition {
  const whole = typeof value === "number" || typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(whole) || whole < 0 || whole > 1e11)
    invalid("Dates are Unix timestamps in seconds");
  // A date in seconds covers that whole second.
  const start = whole * scale;
  const end = start + scale;
  switch (operator) {
    case "=":
      return () => sql<SqlBool>`(${target} >= ${start} and ${target} < ${end})`;
    case "<":
      return () => sql<SqlBool>`${target} < ${start}`;
    case "<=":
      return () => sql<SqlBool>`${target} < ${end}`;
    case ">":
      return () => sql<SqlBool>`${target} >= ${end}`;
    default:
      return () => sql<SqlBool>`${target} >= ${start}`;
  }
}

/** Text compared as text: equality and lists by value, the text operators by pattern. */
function text(target: RawBuilder<unknown>, operator: string, value: unknown): TicketCondition {
  const values = filterValues(operator, value).map((v) => {
    if (typeof v !== "string") invalid("This field takes text");
    return v as string;
  });
  if (operator === "IN" || operator === "NIN" || operator === "=" || operator === "!=")
    return membership(target, operator, values);
  return textMatch(target, operator as "~", values[0] as string);
}

function textField(column: string): TicketField {
  const target = sql.ref(`tickets.${column}`);
  return { kind: "string", filter: (operator, value) => text(target, operator, value) };
}

/** A custom attribute's value in the ticket's JSON: numbers compare as numbers, text as text, booleans as such. */
function json(id: string, operator: string, value: unknown, dialect: Dialect): TicketCondition {
  const column = sql.ref("tickets.attributes");
  const path = `$."${id}"`;
  const values = filterValues(operator, value);
  if (values.every((v) => typeof v === "boolean")) {
    if (operator !== "=" && operator !== "!=") invalid("true and false take = and != only");
    const wanted = (values[0] as boolean) === (operator === "=");
    const target =
      dialect === "postgres"
        ? sql`(case when jsonb_typeof(${column}::jsonb -> ${id}) = 'boolean' then (${column}::jsonb ->> ${id}) end)`
        : sql`json_type(${column}, ${path})`;
    return () => sql<SqlBool>`${target} = ${wanted ? "true" : "false"}`;
  }
  const textual = ["~", "!~", "^", "$"].includes(operator);
  const numeric = !textual && values.every((v) => typeof v === "number" && Number.isFinite(v));
  if (numeric) {
    const target = jsonNumber(column, id, dialect);
    if (ORDERING.includes(operator))
      return () => sql<SqlBool>`${target} ${sql.raw(operator)} ${values[0] as number}`;
    return membership(target, operator, values);
  }
  if (ORDERING.includes(operator)) invalid(`${operator} compares numbers only`);
  const target =
    dialect === "postgres"
      ? sql`(case when jsonb_typeof(${column}::jsonb -> ${id}) = 'string' then (${column}::jsonb ->> ${id}) end)`
      : sql`(case when json_type(${column}, ${path}) = 'text' then json_extract(${column}, ${path}) end)`;
  return text(target, operator, value);
}

/**
 * What tickets can be searched by. `defaults` maps the ids of title and description attributes (one
 * pair per ticket type) to the columns that hold them, so `ticket_attribute.{id}` reaches those too.
 */
function ticketSearch(
  dialect: Dialect,
  defaults: ReadonlyMap<string, "title" | "description">,
): SearchSchema<"tickets"> {
  return {
    noun: "tickets",
    limits: { filters: 60, perGroup: 15 },
    fields: {
      id: ids("id"),
      ticket_type_id: ids("ticket_type_id"),
      admin_assignee_id: ids("admin_assignee_id", true),
      team_assignee_id: ids("team_assignee_id", true),
      contact_ids: related(
        (v) => {
          if (typeof v !== "string" || v.length > 100) invalid("contact_ids takes contact ids");
          return v as string;
        },
        (values) => existsIn("contacts", { key: "seq", owner: "tickets.contact_seq" }, "id", values),
      ),
      teammate_ids: related(
        (v) => String(idValue(v)),
        (values) => writtenByAdmins("ticket_parts", { key: "ticket_id", owner: "tickets.id" }, values),
      ),
      category: related(
        (v) => {
          const category = typeof v === "string" ? CATEGORY_TERMS[v.toLowerCase()] : undefined;
          if (!category) invalid("category takes request, task or tracker");
          return category as TicketCategory;
        },
        (values) =>
          existsIn("ticket_types", { key: "id", owner: "tickets.ticket_type_id" }, "category", values),
      ),
      state: related(
        (v) => {
          if (typeof v !== "string" || !STATES.includes(v))
            invalid("state takes submitted, in_progress, waiting_on_customer or resolved");
          return v as "submitted";
        },
        (values) =>
          existsIn("ticket_states", { key: "id", owner: "tickets.ticket_state_id" }, "category", values),
      ),
      open: {
        operators: ["=", "!="],
        filter: (operator, value) => {
          if (typeof value !== "boolean") invalid("open takes true or false");
          const wanted = operator === "=" ? value : !value;
          return (eb) => eb("tickets.open", "=", wanted);
        },
      },
      created_at: dates("created_at", 1000),
      updated_at: dates("updated_at", 1000),
      snoozed_until: dates("snoozed_until", 1),
      title: textField("title"),
      description: textField("description"),
    },
    field: (name) => {
      if (!name.startsWith("ticket_attribute.")) return undefined;
      const id = name.slice("ticket_attribute.".length);
      if (!/^[0-9]{1,15}$/.test(id)) invalid(`'${name.slice(0, 60)}' is not a ticket attribute`);
      const column = defaults.get(id);
      if (column) return textField(column);
      return { operators: JSON_VALUE, filter: (operator, value) => json(id, operator, value, dialect) };
    },
  };
}

/** Compiles a ticket search; anything it cannot mean is a `parameter_invalid` naming the query. */
export function compileTicketSearch(
  query: unknown,
  dialect: Dialect,
  defaults: ReadonlyMap<string, "title" | "description">,
): TicketCondition {
  return compileQuery(query, ticketSearch(dialect, defaults), dialect);
}

/**
 * A page of the workspace's tickets that a query matches, oldest first, after the cursor's ticket;
 * and how many match in all.
 */
export async function searchTickets(
  s: Services,
  workspaceId: number,
  query: unknown,
  page: CursorRequest,
): Promise<CursorPage<TicketRow>> {
  const defaults = await s.db
    .selectFrom("ticket_type_attributes")
    .innerJoin("ticket_types", "ticket_types.id", "ticket_type_attributes.ticket_type_id")
    .select(["ticket_type_attributes.id", "ticket_type_attributes.name"])
    .where("ticket_types.workspace_id", "=", workspaceId)
    .where("ticket_type_attributes.is_default", "=", true)
    .execute();
  const columns = new Map(
    defaults.map((d) => [
      String(d.id),
      d.name === DEFAULT_TITLE ? ("title" as const) : ("description" as const),
    ]),
  );
  const matches = compileTicketSearch(query, s.dialect, columns);
  const base = () =>
    s.db.selectFrom("tickets").where("tickets.workspace_id", "=", workspaceId).where(matches);
  return pageAfter(base, "tickets.id", page);
}
