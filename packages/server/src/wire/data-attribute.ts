import { type Static, Type } from "typebox";
import { toBool } from "../storage/schema.ts";
import type { DataAttributeRow } from "../storage/tables/data-attributes.ts";
import { Nullable, Timestamp } from "./common.ts";

/** One of the data attributes every workspace has: the standard fields of contacts, companies, conversations. */
export interface BuiltInAttributeView {
  model: "contact" | "company" | "conversation";
  name: string;
  full_name: string;
  label: string;
  description: string;
  data_type: "string" | "integer" | "float" | "boolean" | "date" | "datetime";
  api_writable: boolean;
  messenger_writable: boolean;
}

/**
 * Intercom's `data_attribute` (2.14 `data_attribute`): a built-in one has no id, author or dates; a
 * custom one has them, and its description and options when it has any.
 */
export const DataAttribute = Type.Object({
  id: Type.Optional(Type.Integer()),
  type: Type.Literal("data_attribute"),
  name: Type.String(),
  full_name: Type.String(),
  label: Type.String(),
  description: Type.Optional(Type.String()),
  data_type: Type.Enum(["string", "integer", "float", "boolean", "date", "datetime"]),
  options: Type.Optional(Type.Array(Type.String())),
  api_writable: Type.Boolean(),
  ui_writable: Type.Boolean(),
  messenger_writable: Type.Boolean(),
  custom: Type.Boolean(),
  archived: Type.Boolean(),
  admin_id: Type.Optional(Nullable(Type.String())),
  created_at: Type.Optional(Timestamp),
  updated_at: Type.Optional(Timestamp),
  model: Type.Enum(["contact", "company", "conversation"]),
});
export type DataAttribute = Static<typeof DataAttribute>;

export const DataAttributeList = Type.Object({ type: Type.Literal("list"), data: Type.Array(DataAttribute) });

export function builtInAttributeObject(a: BuiltInAttributeView): DataAttribute {
  return {
    type: "data_attribute",
    name: a.name,
    full_name: a.full_name,
    label: a.label,
    description: a.description,
    data_type: a.data_type,
    api_writable: a.api_writable,
    ui_writable: false,
    messenger_writable: a.messenger_writable,
    custom: false,
    archived: false,
    model: a.model,
  };
}

/** A custom attribute: the workspace's own, made over the API. */
export function customAttributeObject(row: DataAttributeRow): DataAttribute {
  return {
    id: row.id,
    type: "data_attribute",
    name: row.name,
    full_name: `custom_attributes.${row.name}`,
    label: row.name,
    ...(row.description !== null && { description: row.description }),
    data_type: row.data_type,
    ...(row.options !== null && { options: JSON.parse(row.options) as string[] }),
    api_writable: true,
    ui_writable: false,
    messenger_writable: toBool(row.messenger_writable),
    custom: true,
    archived: toBool(row.archived),
    admin_id: row.admin_id === null ? null : String(row.admin_id),
    created_at: Math.floor(row.created_at / 1000),
    updated_at: Math.floor(row.updated_at / 1000),
    model: row.model,
  };
}
