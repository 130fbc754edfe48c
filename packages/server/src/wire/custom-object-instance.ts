import { type Static, Type } from "typebox";
import type { CustomObjectInstanceRow } from "../storage/tables/custom-objects.ts";
import { Nullable, Timestamp } from "./common.ts";

/**
 * Intercom's `custom_object_instance` (2.14): `type` is its type's identifier, the external times are
 * the caller's Unix seconds as sent, the others Gatehouse's.
 */

const AttributeValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const CustomObjectInstance = Type.Object({
  id: Type.String(),
  type: Type.String(),
  custom_attributes: Type.Record(Type.String(), AttributeValue),
  external_id: Type.String(),
  external_created_at: Nullable(Type.Integer()),
  external_updated_at: Nullable(Type.Integer()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CustomObjectInstance = Static<typeof CustomObjectInstance>;

/** `custom_object_instance_deleted`: `object` is the type's identifier. */
export const CustomObjectInstanceDeleted = Type.Object({
  id: Type.String(),
  object: Type.String(),
  deleted: Type.Boolean(),
});

export function customObjectInstanceJson(row: CustomObjectInstanceRow, type: string): CustomObjectInstance {
  return {
    id: String(row.id),
    type,
    custom_attributes: JSON.parse(row.custom_attributes) as CustomObjectInstance["custom_attributes"],
    external_id: row.external_id,
    external_created_at: row.external_created_at === null ? null : Number(row.external_created_at),
    external_updated_at: row.external_updated_at === null ? null : Number(row.external_updated_at),
    created_at: Math.floor(Number(row.created_at) / 1000),
    updated_at: Math.floor(Number(row.updated_at) / 1000),
  };
}

export function customObjectInstanceDeletedJson(
  row: CustomObjectInstanceRow,
  type: string,
): Static<typeof CustomObjectInstanceDeleted> {
  return { id: String(row.id), object: type, deleted: true };
}
