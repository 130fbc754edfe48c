import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Dialect } from "../storage/database.ts";
import type { Database } from "../storage/schema.ts";
import { errors } from "./errors.ts";

/**
 * Intercom's search query language for contacts: a filter `{field, operator, value}`, or `{operator:
 * "AND" | "OR", value: [queries]}`, compiled to one SQL condition that means the same on SQLite and
 * PostgreSQL. Which operators a field takes follows its type, as Intercom documents.
 */
export type SearchQuery =
  | { field: string; operator: string; value: unknown }
  | { operator: "AND" | "OR"; value: SearchQuery[] };

type Kind = "string" | "integer" | "boolean" | "date_ms" | "date_s";
type Eb = ExpressionBuilder<Database, "contacts">;

const FIELDS: Record<string, { column: keyof Database["contacts"]; kind: Kind }> = {
  id: { column: "id", kind: "string" },
  external_id: { column: "external_id", kind: "string" },
  email: { column: "email", kind: "string" },
  name: { column: "name", kind: "string" },
  phone: { column: "phone", kind: "string" },
  role: { column: "role", kind: "string" },
  owner_id: { column: "owner_id", kind: "integer" },
  unsubscribed_from_emails: { column: "unsubscribed_from_emails", kind: "boolean" },
  created_at: { column: "created_at", kind: "date_ms" },
  updated_at: { column: "updated_at", kind: "date_ms" },
  signed_up_at: { column: "signed_up_at", kind: "date_s" },
  last_seen_at: { column: "last_seen_at", kind: "date_s" },
};

const OPERATORS: Record<Kind | "custom" | "tag", readonly string[]> = {
  string: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
  integer: ["=", "!=", "IN", "NIN", "<", ">", "<=", ">="],
  boolean: ["=", "!=", "IN", "NIN"],
  date_ms: ["=", "<", ">"],
  date_s: ["=", "<", ">"],
  custom: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$", "<", ">", "<=", ">="],
  tag: ["=", "!="],
};

const MAX_FILTERS = 15;
/** Ids are 32-bit integer columns: a larger number names nothing, and is refused rather than overflowing. */
const MAX_INT = 2 ** 31 - 1;
const MAX_DEPTH = 2;

function invalid(message: string): never {
  throw errors.parameterInvalid(message, "query");
}

export function compileSearch(query: unknown, dialect: Dialect): (eb: Eb) => Expression<SqlBool> {
  let filters = 0;
  const build = (node: unknown, depth: number): ((eb: Eb) => Expression<SqlBool>) => {
    if (typeof node !== "object" || node === null || Array.isArray(node))
      invalid("Each query must be an object");
    const { field, operator, value } = node as { field?: unknown; operator?: unknown; value?: unknown };
    if (operator === "AND" || operator === "OR") {
      if (depth >= MAX_DEPTH) invalid(`Queries may nest at most ${MAX_DEPTH} levels deep`);
      if (!Array.isArray(value) || value.length === 0)
        invalid(`${operator} needs a list of queries as its value`);
      const parts = value.map((child) => build(child, depth + 1));
      return (eb) => (operator === "AND" ? eb.and(parts.map((p) => p(eb))) : eb.or(parts.map((p) => p(eb))));
    }
    if (typeof field !== "string" || typeof operator !== "string")
      invalid("A filter needs a field, an operator and a value");
    if (++filters > MAX_FILTERS) invalid(`A search takes at most ${MAX_FILTERS} filters`);
    return filter(field, operator, value, dialect);
  };
  return build(query, 0);
}

function filter(
  field: string,
  operator: string,
  value: unknown,
  dialect: Dialect,
): (eb: Eb) => Expression<SqlBool> {
  if (field === "tag_id") {
    if (!OPERATORS.tag.includes(operator)) invalid("tag_id takes = and != only");
    const tagId = Number(value);
    if (!Number.isInteger(tagId) || tagId < 1 || tagId > MAX_INT) invalid("tag_id needs a tag id");
    return (eb) => {
      const tagged = eb.exists(
        eb
          .selectFrom("contact_tags")
          .select("contact_tags.tag_id")
          .whereRef("contact_tags.contact_seq", "=", "contacts.seq")
          .where("contact_tags.tag_id", "=", tagId),
      );
      return operator === "=" ? tagged : eb.not(tagged);
    };
  }
  if (field.startsWith("custom_attributes.")) {
    const name = field.slice("custom_attributes.".length);
    if (!/^[A-Za-z0-9_ -]{1,190}$/.test(name))
      invalid(`'${field.slice(0, 60)}' is not a custom attribute name`);
    if (!OPERATORS.custom.includes(operator)) invalid(`Unknown operator ${operator}`);
    // Text operators read the value as text even when it is a number ("seats ends with 0").
    const textual = ["~", "!~", "^", "$"].includes(operator);
    const numeric =
      !textual &&
      (typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "number")));
    const column = sql.ref("contacts.custom_attributes");
    const path = `$."${name}"`;
    // Numbers compare as numbers only where the stored value is a JSON number; anything else is no match.
    const target =
      dialect === "postgres"
        ? numeric
          ? sql`(case when jsonb_typeof(${column}::jsonb -> ${name}) = 'number' then (${column}::jsonb ->> ${name})::numeric end)`
          : sql`(${column}::jsonb ->> ${name})`
        : numeric
          ? sql`(case when json_type(${column}, ${path}) in ('integer', 'real') then json_extract(${column}, ${path}) end)`
          : sql`cast(json_extract(${column}, ${path}) as text)`;
    return compare(target, "custom", operator, value);
  }
  const spec = FIELDS[field];
  if (!spec) invalid(`'${field.slice(0, 60)}' is not a field contacts can be searched by`);
  if (!OPERATORS[spec.kind].includes(operator)) invalid(`${field} does not take the ${operator} operator`);
  return compare(sql.ref(`contacts.${spec.column}`), spec.kind, operator, value);
}

function compare(
  target: ReturnType<typeof sql.ref> | ReturnType<typeof sql>,
  kind: Kind | "custom",
  operator: string,
  value: unknown,
): (eb: Eb) => Expression<SqlBool> {
  const scalar = (v: unknown): string | number | boolean | null => {
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      const whole = typeof v === "number" && Number.isSafeInteger(v) && Math.abs(v) < 1e12;
      if (kind === "integer" && !(whole && Math.abs(v as number) <= MAX_INT))
        invalid("This field takes whole numbers");
      if ((kind === "date_ms" || kind === "date_s") && !whole)
        invalid("Dates are Unix timestamps in seconds");
      if (kind === "boolean" && typeof v !== "boolean") invalid("This field takes true or false");
      return v;
    }
    invalid("A filter's value must be a string, a number, a boolean, null or a list of them");
  };
  if (operator === "IN" || operator === "NIN") {
    if (!Array.isArray(value) || value.length === 0 || value.length > 100)
      invalid(`${operator} needs a list of 1 to 100 values`);
    const list = value.map(scalar);
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
  const like = (pattern: string) => sql<SqlBool>`lower(${target}) like ${pattern.toLowerCase()} escape '\\'`;
  const escaped = String(v).replace(/[\\%_]/g, (c) => `\\${c}`);
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
      return () => like(`%${escaped}%`);
    case "!~":
      return () => sql<SqlBool>`(${target} is null or not ${like(`%${escaped}%`)})`;
    case "^":
      return () => like(`${escaped}%`);
    case "$":
      return () => like(`%${escaped}`);
  }
  invalid(`Unknown operator ${operator}`);
}
