import type { Generated, Selectable } from "kysely";
import type { Flag, Millis } from "./columns.ts";

/** A workspace's custom data attributes of contacts and companies. */
export interface DataAttributesTables {
  data_attributes: DataAttributesTable;
}

export type DataAttributeModel = "contact" | "company";

export type DataAttributeType = "string" | "integer" | "float" | "boolean" | "date" | "datetime";

/** A workspace's custom data attributes; the built-in ones are fixed and live in code. */
export interface DataAttributesTable {
  id: Generated<number>;
  workspace_id: number;
  model: DataAttributeModel;
  name: string;
  /** The name lower-cased: names are unique in a workspace without regard to case. */
  name_key: string;
  description: string | null;
  data_type: DataAttributeType;
  /** JSON array of strings for a list attribute; null otherwise. */
  options: string | null;
  messenger_writable: Flag;
  archived: Flag;
  admin_id: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export type DataAttributeRow = Selectable<DataAttributesTable>;
