import type { Generated, Selectable } from "kysely";
import type { Json, Millis } from "./columns.ts";

/** A workspace's custom object types and their instances. */
export interface CustomObjectsTables {
  custom_object_types: CustomObjectTypesTable;
  custom_object_instances: CustomObjectInstancesTable;
}

/** A workspace's custom object types (Intercom defines them in its settings, not over the API). */
export interface CustomObjectTypesTable {
  id: Generated<number>;
  workspace_id: number;
  /** The type's identifier as the API's path names it, e.g. "Order"; matched exactly. */
  identifier: string;
  created_at: Millis;
}

export type CustomObjectTypeRow = Selectable<CustomObjectTypesTable>;

export interface CustomObjectInstancesTable {
  id: Generated<number>;
  workspace_id: number;
  type_id: number;
  external_id: string;
  /** JSON object of scalar values. */
  custom_attributes: Json;
  /** Unix seconds, as the caller sent them. */
  external_created_at: number | null;
  external_updated_at: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export type CustomObjectInstanceRow = Selectable<CustomObjectInstancesTable>;
