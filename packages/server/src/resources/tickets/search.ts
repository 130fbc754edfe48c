import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import { errors } from "../../core/errors.ts";
import type { Services } from "../../core/services.ts";
import { recordId } from "../../core/validation.ts";
import type { Database, Dialect } from "../../storage/schema.ts";
import type { TicketCategory, TicketRow } from "../../storage/tables/tickets.ts";
import { checkSearchValues, escapeLike } from "../kit/search-query.ts";
import { DEFAULT_TITLE } from "./types.ts";

/**
 * Intercom's search query language over tickets: `{field, operator, value}` filters joined by
 * `{operator: "AND" | "OR", value: [...]}`, compiled to one SQL condition that means the same on
 * SQLite and PostgreSQL. The fields and their types are those Intercom documents for tickets.
 */
type Eb = ExpressionBuilder<Database, "tickets">;
type Condition = (eb: Eb) => Expression<SqlBool>;
type Kind = "id" | "text" | "boolean" | "date_ms" | "date_s" | "json";

const OPERATORS: Record<Kind, readonly string[]> = {
  id: ["=", "!=", "IN", "NIN"],
  text: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  boolean: ["=", "!="],
  date_ms: ["=", "<", ">", "<=", ">="],
  date_s: ["=", "<", ">", "<=", ">="],
  json: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$", "<", ">", "<=", ">="],
};

/** Intercom's words for the categories in a search, and the categories they mean. */
const CATEGORY_TERMS: Record<string, string> = {
  request: "Customer",
  task: "Back-office",
  tracker: "Tracker",
};

const MAX_FILTERS = 15;
const MAX_DEPTH = 2;

function invalid(message: string): never {
  throw errors.parameterInvalid(message, "query");
}

/**
 * Compiles a query. `defaults` maps the ids of title and description attributes (one pair per ticket
 * type) to the columns that hold them, so `ticket_attribute.{id}` reaches those too.
 */
export function compileTicketSearch(
  query: unknown,
  dialect: Dialect,
  defaults: ReadonlyMap<string, "title" | "description">,
): Condition {
  let filters = 0;
  const build = (node: unknown, depth: number): Condition => {
    if (typeof node !== "object" || node === null || Array.isArray(node))
      invalid("Each query must be an object");
    const { field, operator, value } = node as { field?: unknown; operator?: unknown; value?: unknown };
    if (operator === "AND" || operator === "OR") {
      if (depth >= MAX_DEPTH) invalid(`Queries may nest at most ${MAX_DEPTH} levels deep`);
      if (!Array.isArray(value) || value.length === 0)
        invalid(`${operator} needs a list of queries as its value`);
      if (value.length > MAX_FILTERS) invalid(`An ${operator} group takes at most ${MAX_FILTERS} queries`);
      const parts = value.map((child) => build(child, depth + 1));
      return (eb) => (operator === "AND" ? eb.and(parts.map((p) => p(eb))) : eb.or(parts.map((p) => p(eb))));
    }
    if (typeof field !== "string" || typeof operator !== "string")
      invalid("A filter needs a field, an operator and a value");
    if (++filters > MAX_FILTERS * 4) invalid("This search has too many filters");
    return filter(field, operator, value, dialect, defaults);
  };
  return build(query, 0);
}

function allowed(kind: Kind, field: string, operator: string): void {
  if (!OPERATORS[kind].includes(operator))
    invalid(`${field.slice(0, 60)} does not take the ${operator.slice(0, 5)} operator`);
}

function list(operator: string, value: unknown): unknown[] {
  if (operator === "IN" || operator === "NIN") {
    if (!Array.isArray(value) || value.length === 0 || value.length > 100)
      invalid(`${operator} needs a list of 1 to 100 values`);
    return value;
  }
  return [value];
}

function idValue(v: unknown): number {
  if ((typeof v === "string" && /^[0-9]{1,15}$/.test(v)) || (typeof v === "number" && Number.isInteger(v)))
    return recordId(v);
  return invalid("This field takes ids");
}

/** `column (not) in (...)` over a set of values, where "not" also keeps rows whose column is null. */
function membership(target: RawBuilder<unknown>, operator: string, values: unknown[]): Condition {
  const inList = sql<SqlBool>`${target} in (${sql.join(values)})`;
  const negate = operator === "!=" || operator === "NIN";
  return () => (negate ? sql<SqlBool>`(${target} is null or not ${inList})` : inList);
}

/** A subquery condition: whether the ticket is among those `ids` selects, or not. */
function among(subquery: (eb: Eb) => Expression<SqlBool>, operator: string): Condition {
  const negate = operator === "!=" || operator === "NIN";
  return (eb) => (negate ? eb.not(subquery(eb)) : subquery(eb));
}

function filter(
  field: string,
  operator: string,
  value: unknown,
  dialect: Dialect,
  defaults: ReadonlyMap<string, "title" | "description">,
): Condition {
  checkSearchValues(field.slice(0, 200), value);
  switch (field) {
    case "id":
    case "ticket_type_id": {
      allowed("id", field, operator);
      return membership(sql.ref(`tickets.${field}`), operator, list(operator, value).map(idValue));
    }
    case "admin_assignee_id":
    case "team_assignee_id": {
      allowed("id", field, operator);
      // "0" names nobody (an id is never 0): the unassigned tickets.
      const target = sql`coalesce(${sql.ref(`tickets.${field}`)}, 0)`;
      return membership(target, operator, list(operator, value).map(idValue));
    }
    case "contact_ids": {
      allowed("id", field, operator);
      const ids = list(operator, value).map((v) => {
        if (typeof v !== "string" || v.length > 100) invalid("contact_ids takes contact ids");
        return v as string;
      });
      return among(
        (eb) =>
          eb.exists(
            eb
              .selectFrom("contacts")
              .select("contacts.seq")
              .whereRef("contacts.seq", "=", "tickets.contact_seq")
              .where("contacts.id", "in", ids),
          ),
        operator,
      );
    }
    case "teammate_ids": {
      allowed("id", field, operator);
      const ids = list(operator, value).map((v) => String(idValue(v)));
      return among(
        (eb) =>
          eb.exists(
            eb
              .selectFrom("ticket_parts")
              .select("ticket_parts.id")
              .whereRef("ticket_parts.ticket_id", "=", "tickets.id")
              .where("ticket_parts.author_type", "=", "admin")
              .where("ticket_parts.author_id", "in", ids),
          ),
        operator,
      );
    }
    case "category": {
      allowed("id", field, operator);
      const categories = list(operator, value).map((v) => {
        const category = typeof v === "string" ? CATEGORY_TERMS[v.toLowerCase()] : undefined;
        if (!category) invalid("category takes request, task or tracker");
        return category as TicketCategory;
      });
      return among(
        (eb) =>
          eb.exists(
            eb
              .selectFrom("ticket_types")
              .select("ticket_types.id")
              .whereRef("ticket_types.id", "=", "tickets.ticket_type_id")
              .where("ticket_types.category", "in", categories),
          ),
        operator,
      );
    }
    case "state": {
      allowed("id", field, operator);
      const categories = list(operator, value).map((v) => {
        if (
          typeof v !== "string" ||
          !["submitted", "in_progress", "waiting_on_customer", "resolved"].includes(v)
        )
          invalid("state takes submitted, in_progress, waiting_on_customer or resolved");
        return v as "submitted";
      });
      return among(
        (eb) =>
          eb.exists(
            eb
              .selectFrom("ticket_states")
              .select("ticket_states.id")
              .whereRef("ticket_states.id", "=", "tickets.ticket_state_id")
              .where("ticket_states.category", "in", categories),
          ),
        operator,
      );
    }
    case "open": {
      allowed("boolean", field, operator);
      if (typeof value !== "boolean") invalid("open takes true or false");
      const wanted = operator === "=" ? value : !value;
      return (eb) => eb("tickets.open", "=", wanted);
    }
    case "created_at":
    case "updated_at":
      allowed("date_ms", field, operator);
      return dates(sql.ref(`tickets.${field}`), 1000, operator, value);
    case "snoozed_until":
      allowed("date_s", field, operator);
      return dates(sql.ref("tickets.snoozed_until"), 1, operator, value);
    case "title":
    case "description":
      allowed("text", field, operator);
      return text(sql.ref(`tickets.${field}`), operator, value);
  }
  if (field.startsWith("ticket_attribute.")) {
    const id = field.slice("ticket_attribute.".length);
    if (!/^[0-9]{1,15}$/.test(id)) invalid(`'${field.slice(0, 60)}' is not a ticket attribute`);
    const column = defaults.get(id);
    if (column) {
      allowed("text", field, operator);
      return text(sql.ref(`tickets.${column}`), operator, value);
    }
    allowed("json", field, operator);
    return json(id, operator, value, dialect);
  }
  return invalid(`'${field.slice(0, 60)}' is not a field tickets can be searched by`);
}

function dates(target: RawBuilder<unknown>, scale: number, operator: string, value: unknown): Condition {
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

function text(target: RawBuilder<unknown>, operator: string, value: unknown): Condition {
  const values = list(operator, value).map((v) => {
    if (typeof v !== "string") invalid("This field takes text");
    return v as string;
  });
  if (operator === "IN" || operator === "NIN" || operator === "=" || operator === "!=")
    return membership(target, operator, values);
  const escaped = escapeLike(values[0] as string);
  const like = (pattern: string) => sql<SqlBool>`lower(${target}) like ${pattern.toLowerCase()} escape '\\'`;
  switch (operator) {
    case "~":
      return () => like(`%${escaped}%`);
    case "!~":
      return () => sql<SqlBool>`(${target} is null or not ${like(`%${escaped}%`)})`;
    case "^":
      return () => like(`${escaped}%`);
    default:
      return () => like(`%${escaped}`);
  }
}

/** A custom attribute's value in the ticket's JSON: numbers compare as numbers, text as text, booleans as such. */
function json(id: string, operator: string, value: unknown, dialect: Dialect): Condition {
  const column = sql.ref("tickets.attributes");
  const path = `$."${id}"`;
  const values = list(operator, value);
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
    const target =
      dialect === "postgres"
        ? sql`(case when jsonb_typeof(${column}::jsonb -> ${id}) = 'number' then (${column}::jsonb ->> ${id})::numeric end)`
        : sql`(case when json_type(${column}, ${path}) in ('integer', 'real') then json_extract(${column}, ${path}) end)`;
    if (["<", ">", "<=", ">="].includes(operator))
      return () => sql<SqlBool>`${target} ${sql.raw(operator)} ${values[0] as number}`;
    return membership(target, operator, values);
  }
  if (["<", ">", "<=", ">="].includes(operator)) invalid(`${operator} compares numbers only`);
  const target =
    dialect === "postgres"
      ? sql`(case when jsonb_typeof(${column}::jsonb -> ${id}) = 'string' then (${column}::jsonb ->> ${id}) end)`
      : sql`(case when json_type(${column}, ${path}) = 'text' then json_extract(${column}, ${path}) end)`;
  return text(target, operator, value);
}

/**
 * A page of the workspace's tickets that a query matches, oldest first, after the cursor's ticket;
 * and how many match in all.
 */
export async function searchTickets(
  s: Services,
  workspaceId: number,
  query: unknown,
  page: { size: number; afterId?: number },
): Promise<{ rows: TicketRow[]; hasMore: boolean; total: number }> {
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
  let rowsQuery = base().selectAll();
  if (page.afterId !== undefined) rowsQuery = rowsQuery.where("tickets.id", ">", page.afterId);
  const rows = await rowsQuery
    .orderBy("tickets.id")
    .limit(page.size + 1)
    .execute();
  const total = await base()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows: rows.slice(0, page.size), hasMore: rows.length > page.size, total: Number(total.n) };
}
