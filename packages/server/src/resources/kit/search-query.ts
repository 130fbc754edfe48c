import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import { errors } from "../../core/errors.ts";
import type { Database, Dialect } from "../../storage/schema.ts";

/**
 * Intercom's search query language: a filter `{field, operator, value}`, or `{operator: "AND" | "OR",
 * value: [queries]}`, compiled to one SQL condition that means the same on SQLite and PostgreSQL.
 * What can be searched is a resource's field map; which operators a field takes follows its kind, as
 * Intercom documents.
 */
export type SearchQuery =
  | { field: string; operator: string; value: unknown }
  | { operator: "AND" | "OR"; value: SearchQuery[] };

/** How a field's values compare: `date_ms` columns hold milliseconds, `date_s` ones seconds. */
export type FieldKind = "string" | "integer" | "boolean" | "date_ms" | "date_s";

export type Condition<TB extends keyof Database> = (
  eb: ExpressionBuilder<Database, TB>,
) => Expression<SqlBool>;

/** Any SQL expression a filter compares with: a column, or something computed from the row. */
export type Target = RawBuilder<unknown>;

/**
 * A searchable field: an expression compared by its kind's rules, or a field with its own filter
 * (a subquery, a word match) that takes the operators of `kind` ("set": `=`, `!=`, `IN`, `NIN`).
 */
export type SearchField<TB extends keyof Database> =
  | { kind: FieldKind; target: Target }
  | { kind: FieldKind | "set" | "tag"; filter: (operator: string, value: unknown) => Condition<TB> }
  | { operators: readonly string[]; filter: (operator: string, value: unknown) => Condition<TB> };

export interface SearchSchema<TB extends keyof Database> {
  /** What the records are called in messages: "contacts", "conversations". */
  noun: string;
  fields: Readonly<Record<string, SearchField<TB>>>;
  /** The JSON column `custom_attributes.{name}` filters read, if the records have one. */
  customAttributes?: Target;
  /** Fields named by pattern rather than listed (a ticket's `ticket_attribute.{id}`): undefined when none. */
  field?: (name: string) => SearchField<TB> | undefined;
  /**
   * How many filters a search takes in all, and, where the resource's search documents one, in each
   * AND or OR group (15 filters in all, and no group limit, unless given).
   */
  limits?: { filters: number; perGroup?: number };
}

const OPERATORS: Record<FieldKind | "set" | "tag" | "custom", readonly string[]> = {
  string: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  integer: ["=", "!=", "IN", "NIN", "<", ">", "<=", ">="],
  boolean: ["=", "!=", "IN", "NIN"],
  date_ms: ["=", "<", ">"],
  date_s: ["=", "<", ">"],
  set: ["=", "!=", "IN", "NIN"],
  tag: ["=", "!="],
  custom: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$", "<", ">", "<=", ">="],
};

const MAX_FILTERS = 15;
/** The operators that compare numbers and times. */
export const ORDERING = ["<", ">", "<=", ">="];
/** Ids are 32-bit integer columns: a larger number names nothing, and is refused rather than overflowing. */
export const MAX_INT = 2 ** 31 - 1;
const MAX_DEPTH = 2;

/**
 * The longest text any search compares with, in every search compiler. Far above any stored name, email
 * or attribute value (255 characters), far below SQLite's limit on a LIKE pattern (50,000 bytes), which a
 * longer value would otherwise reach as a 500.
 */
export const MAX_SEARCH_VALUE = 1000;

/** Refuses a filter whose value (or any value of its list) is text longer than `MAX_SEARCH_VALUE`. */
export function checkSearchValues(field: string, value: unknown): void {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v === "string" && v.length > MAX_SEARCH_VALUE)
      throw errors.parameterInvalid(
        `Search values are at most ${MAX_SEARCH_VALUE} characters; the one for ${field} has ${v.length}`,
        field,
      );
  }
}

export function invalid(message: string): never {
  throw errors.parameterInvalid(message, "query");
}

/** Compiles a query against a resource's fields; anything it cannot mean is a `parameter_invalid`. */
export function compileQuery<TB extends keyof Database>(
  query: unknown,
  schema: SearchSchema<TB>,
  dialect: Dialect,
): Condition<TB> {
  const limits = schema.limits ?? { filters: MAX_FILTERS };
  let filters = 0;
  const build = (node: unknown, depth: number): Condition<TB> => {
    if (typeof node !== "object" || node === null || Array.isArray(node))
      invalid("Each query must be an object");
    const { field, operator, value } = node as { field?: unknown; operator?: unknown; value?: unknown };
    if (operator === "AND" || operator === "OR") {
      if (depth >= MAX_DEPTH) invalid(`Queries may nest at most ${MAX_DEPTH} levels deep`);
      if (!Array.isArray(value) || value.length === 0)
        invalid(`${operator} needs a list of queries as its value`);
      if (limits.perGroup !== undefined && value.length > limits.perGroup)
        invalid(`An ${operator} group takes at most ${limits.perGroup} queries`);
      const parts = value.map((child) => build(child, depth + 1));
      return (eb) => (operator === "AND" ? eb.and(parts.map((p) => p(eb))) : eb.or(parts.map((p) => p(eb))));
    }
    if (typeof field !== "string" || typeof operator !== "string")
      invalid("A filter needs a field, an operator and a value");
    if (++filters > limits.filters) invalid(`A search takes at most ${limits.filters} filters`);
    return filter(schema, field, operator, value, dialect);
  };
  return build(query, 0);
}

function filter<TB extends keyof Database>(
  schema: SearchSchema<TB>,
  field: string,
  operator: string,
  value: unknown,
  dialect: Dialect,
): Condition<TB> {
  checkSearchValues(field.slice(0, 200), value);
  if (schema.customAttributes && field.startsWith("custom_attributes.")) {
    const name = field.slice("custom_attributes.".length);
    if (!/^[A-Za-z0-9_ -]{1,190}$/.test(name))
      invalid(`'${field.slice(0, 60)}' is not a custom attribute name`);
    if (!OPERATORS.custom.includes(operator)) invalid(`Unknown operator ${operator.slice(0, 5)}`);
    // Text operators read the value as text even when it is a number ("seats ends with 0").
    const textual = ["~", "!~", "^", "$"].includes(operator);
    const numeric =
      !textual &&
      (typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "number")));
    const column = schema.customAttributes;
    const path = `$."${name}"`;
    // Numbers compare as numbers only where the stored value is a JSON number; anything else is no match.
    const target = numeric
      ? jsonNumber(column, name, dialect)
      : dialect === "postgres"
        ? sql`(${column}::jsonb ->> ${name})`
        : sql`cast(json_extract(${column}, ${path}) as text)`;
    return compare(target, "custom", operator, value);
  }
  // Own keys only: a field named "constructor" is not a field.
  const spec =
    (Object.hasOwn(schema.fields, field) ? schema.fields[field] : undefined) ?? schema.field?.(field);
  if (!spec) invalid(`'${field.slice(0, 60)}' is not a field ${schema.noun} can be searched by`);
  const operators = "operators" in spec ? spec.operators : OPERATORS[spec.kind];
  if (!operators.includes(operator)) invalid(`${field} does not take the ${operator.slice(0, 5)} operator`);
  if ("filter" in spec) return spec.filter(operator, value);
  return compare(spec.target, spec.kind, operator, value);
}

/** A whole number: given as a JSON number, or as digits in a string (Intercom's own examples send both). */
function wholeNumber(v: unknown): number | undefined {
  const n = typeof v === "string" && /^-?[0-9]{1,12}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && Math.abs(n) < 1e12 ? n : undefined;
}

/** The values of a filter: a list of 1 to 100 for `IN` and `NIN`, otherwise the one value. */
export function filterValues(operator: string, value: unknown): unknown[] {
  if (operator === "IN" || operator === "NIN") {
    if (!Array.isArray(value) || value.length === 0 || value.length > 100)
      invalid(`${operator} needs a list of 1 to 100 values`);
    return value;
  }
  return [value];
}

/** Compares an expression with a filter's value by the rules of the field's kind. */
export function compare<TB extends keyof Database>(
  target: Target,
  kind: FieldKind | "custom",
  operator: string,
  value: unknown,
): Condition<TB> {
  const scalar = (v: unknown): string | number | boolean | null => {
    if (kind === "integer" || kind === "date_ms" || kind === "date_s") {
      const whole = wholeNumber(v);
      if (kind === "integer" && (whole === undefined || Math.abs(whole) > MAX_INT))
        invalid("This field takes whole numbers");
      if (whole === undefined) invalid("Dates are Unix timestamps in seconds");
      return whole;
    }
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      if (kind === "boolean" && typeof v !== "boolean") invalid("This field takes true or false");
      // Text fields compare as text: a number given for one means its digits.
      return kind === "string" && typeof v === "number" ? String(v) : v;
    }
    invalid("A filter's value must be a string, a number, a boolean, null or a list of them");
  };
  if (operator === "IN" || operator === "NIN") {
    const list = filterValues(operator, value).map(scalar);
    const inList = sql<SqlBool>`${target} in (${sql.join(list)})`;
    return () => (operator === "IN" ? inList : sql<SqlBool>`(${target} is null or not ${inList})`);
  }
  const v = scalar(value);
  if (kind === "date_ms" || kind === "date_s") {
    // A date given in seconds covers that whole second; timestamps kept in milliseconds are compared so.
    const scale = kind === "date_ms" ? 1000 : 1;
    const start = (v as number) * scale;
    const end = start + scale;
    if (operator === "=") return () => sql<SqlBool>`(${target} >= ${start} and ${target} < ${end})`;
    return () => (operator === "<" ? sql<SqlBool>`${target} < ${start}` : sql<SqlBool>`${target} >= ${end}`);
  }
  if (v === null) {
    if (operator === "=") return () => sql<SqlBool>`${target} is null`;
    if (operator === "!=") return () => sql<SqlBool>`${target} is not null`;
    invalid(`${operator} cannot compare with null`);
  }
  switch (operator) {
    case "=":
      return () => sql<SqlBool>`${target} = ${v}`;
    case "!=":
      return () => sql<SqlBool>`(${target} is null or ${target} <> ${v})`;
    case "<":
    case ">":
    case "<=":
    case ">=":
      return () => sql<SqlBool>`${target} ${sql.raw(operator)} ${v}`;
    case "~":
    case "!~":
    case "^":
    case "$":
      return textMatch(target, operator, String(v));
  }
  invalid(`Unknown operator ${operator.slice(0, 5)}`);
}

/**
 * A text operator: contains (`~`), does not contain (`!~`, which a null also satisfies), starts with
 * (`^`) or ends with (`$`) the text, ignoring case; the text's own `%` and `_` match themselves.
 */
export function textMatch(
  target: Target,
  operator: "~" | "!~" | "^" | "$",
  text: string,
): () => RawBuilder<SqlBool> {
  const escaped = escapeLike(text);
  const like = (pattern: string) => sql<SqlBool>`lower(${target}) like ${pattern.toLowerCase()} escape '\\'`;
  switch (operator) {
    case "~":
      return () => like(`%${escaped}%`);
    case "!~":
      return () => sql<SqlBool>`(${target} is null or not ${like(`%${escaped}%`)})`;
    case "^":
      return () => like(`${escaped}%`);
    case "$":
      return () => like(`%${escaped}`);
  }
}

/** A key of a JSON column as a number where it holds a JSON number, else null (no comparison matches). */
export function jsonNumber(column: Target, key: string, dialect: Dialect): Target {
  const path = `$."${key}"`;
  return dialect === "postgres"
    ? sql`(case when jsonb_typeof(${column}::jsonb -> ${key}) = 'number' then (${column}::jsonb ->> ${key})::numeric end)`
    : sql`(case when json_type(${column}, ${path}) in ('integer', 'real') then json_extract(${column}, ${path}) end)`;
}

/** A value made safe to put inside a LIKE pattern: its wildcards and the escape character match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Column<T extends keyof Database> = keyof Database[T] & string;

/**
 * A filter matched through another table: some row of `table` belongs to the searched row (its `key`
 * equals `owner`, e.g. `tickets.contact_seq`) and has its `column` among the values.
 */
export function existsIn<T extends keyof Database>(
  table: T,
  link: { key: Column<T>; owner: string },
  column: Column<T>,
  values: readonly unknown[],
): RawBuilder<SqlBool> {
  return existsWhere(table, link, sql`${sql.ref(`${table}.${column}`)} in (${sql.join(values)})`);
}

/** Whether one of the admins wrote a part of the searched conversation or ticket (`link` names its parts). */
export function writtenByAdmins<T extends "conversation_parts" | "ticket_parts">(
  parts: T,
  link: { key: Column<T>; owner: string },
  adminIds: readonly unknown[],
): RawBuilder<SqlBool> {
  return existsWhere(
    parts,
    link,
    sql`${sql.ref(`${parts}.author_type`)} = ${"admin"} and ${sql.ref(`${parts}.author_id`)} in (${sql.join(adminIds)})`,
  );
}

function existsWhere(
  table: string,
  link: { key: string; owner: string },
  condition: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  const key = sql.ref(`${table}.${link.key}`);
  return sql<SqlBool>`exists (select 1 from ${sql.table(table)} where ${key} = ${sql.ref(link.owner)} and ${condition})`;
}
