import { errors } from "../../core/errors.ts";
import { toBool } from "../../storage/schema.ts";
import type { TicketTypeAttributeRow } from "../../storage/tables/tickets.ts";
import { DEFAULT_TITLE, inputOptions } from "./types.ts";

export type AttributeValue = string | number | boolean | null;

/** A ticket's attribute values: title and description apart (search reads them), the rest by attribute id. */
export interface TicketValues {
  title: string | null;
  description: string | null;
  others: Record<string, AttributeValue>;
}

const MAX_TEXT = 65_535;
const MAX_SECONDS = 1e11;

export function readValues(row: {
  title: string | null;
  description: string | null;
  attributes: string;
}): TicketValues {
  return {
    title: row.title,
    description: row.description,
    others: JSON.parse(row.attributes) as Record<string, AttributeValue>,
  };
}

export function attributeValue(values: TicketValues, attribute: TicketTypeAttributeRow): AttributeValue {
  if (toBool(attribute.is_default))
    return attribute.name === DEFAULT_TITLE ? values.title : values.description;
  return values.others[String(attribute.id)] ?? null;
}

/** What a value reads as: a list item's label, otherwise the value itself. */
export function labelOf(attribute: TicketTypeAttributeRow, value: AttributeValue): AttributeValue {
  if (attribute.data_type !== "list" || typeof value !== "string") return value;
  return inputOptions(attribute)?.list_items?.find((item) => item.id === value)?.label ?? value;
}

/** Checks one value against its attribute's type; null clears it. */
function checkValue(attribute: TicketTypeAttributeRow, value: unknown): AttributeValue {
  const where = `ticket_attributes.${attribute.name.slice(0, 60)}`;
  const wrong = (what: string): never => {
    throw errors.parameterInvalid(`${where} must be ${what}`, "ticket_attributes");
  };
  if (value === null) return null;
  switch (attribute.data_type) {
    case "string":
      if (typeof value !== "string") wrong("a string");
      if ((value as string).length > MAX_TEXT) wrong(`at most ${MAX_TEXT} characters`);
      return value as string;
    case "list": {
      if (typeof value !== "string") wrong("the id of one of its list items");
      const items = (inputOptions(attribute)?.list_items ?? []).filter((item) => !item.archived);
      // The id is what Intercom asks for; the label is accepted too, so a ticket read can be written back.
      const item = items.find((i) => i.id === value) ?? items.find((i) => i.label === value);
      if (!item) wrong("the id of one of its list items");
      return (item as { id: string }).id;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) wrong("a whole number");
      return value as number;
    case "decimal":
      if (typeof value !== "number" || !Number.isFinite(value)) wrong("a number");
      return value as number;
    case "boolean":
      if (typeof value !== "boolean") wrong("true or false");
      return value as boolean;
    case "datetime": {
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_SECONDS)
        return value;
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
        const millis = Date.parse(value);
        if (Number.isFinite(millis) && millis >= 0) return Math.floor(millis / 1000);
      }
      return wrong("a Unix timestamp or an ISO 8601 date");
    }
    case "files":
      throw errors.parameterInvalid(
        `${where} takes uploaded files, which the API cannot attach`,
        "ticket_attributes",
      );
  }
}

export interface AttributeChange {
  attribute: TicketTypeAttributeRow;
  value: AttributeValue;
}

/**
 * Applies `ticket_attributes` from a request to a ticket's values. Keys are the type's attribute names;
 * an unknown or archived attribute is refused. On creation, the attributes teammates must fill in must
 * have a value. Returns the new values and the attributes whose value changed.
 */
export function applyAttributes(
  attributes: readonly TicketTypeAttributeRow[],
  input: unknown,
  before: TicketValues,
  options: { creating: boolean },
): { values: TicketValues; changes: AttributeChange[] } {
  if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input)))
    throw errors.parameterInvalid("ticket_attributes must be an object", "ticket_attributes");
  const values: TicketValues = { ...before, others: { ...before.others } };
  const changes: AttributeChange[] = [];
  for (const [name, raw] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    const attribute =
      attributes.find((a) => a.name === name) ?? attributes.find((a) => a.name_key === name.toLowerCase());
    if (!attribute || toBool(attribute.archived))
      throw errors.parameterInvalid(
        `'${name.slice(0, 60)}' is not an attribute of this ticket type`,
        "ticket_attributes",
      );
    const value = checkValue(attribute, raw);
    if (value === attributeValue(values, attribute)) continue;
    if (toBool(attribute.is_default)) {
      if (attribute.name === DEFAULT_TITLE) values.title = value as string | null;
      else values.description = value as string | null;
    } else if (value === null) delete values.others[String(attribute.id)];
    else values.others[String(attribute.id)] = value;
    changes.push({ attribute, value });
  }
  if (options.creating) {
    const missing = attributes.filter(
      (a) => toBool(a.required_to_create) && !toBool(a.archived) && isEmpty(attributeValue(values, a)),
    );
    if (missing.length > 0) {
      throw errors.parameterInvalid(
        `Missing required ticket attributes: ${missing.map((a) => a.name).join(", ")}`,
        "ticket_attributes",
      );
    }
  }
  return { values, changes };
}

function isEmpty(value: AttributeValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
