/**
 * Intercom's `data_attribute`. Built-in attributes have no `id`, `admin_id` or timestamps; custom
 * ones have all three, and `options` when they are a list.
 */
export interface DataAttribute {
  type: "data_attribute";
  id?: number;
  model: "contact" | "company" | "conversation";
  name: string;
  full_name: string;
  label: string;
  description?: string;
  data_type: "string" | "integer" | "float" | "boolean" | "date" | "datetime";
  options?: string[];
  api_writable: boolean;
  ui_writable: boolean;
  messenger_writable: boolean;
  custom: boolean;
  archived: boolean;
  admin_id?: string | null;
  created_at?: number;
  updated_at?: number;
}

export interface DataAttributeList {
  type: "list";
  data: DataAttribute[];
}

/** `POST /data_attributes`: a custom attribute of contacts or companies (`options` for a list one). */
export interface DataAttributeCreate {
  name: string;
  model: "contact" | "company";
  data_type: "string" | "integer" | "float" | "boolean" | "date" | "datetime" | "options";
  description?: string | null;
  messenger_writable?: boolean;
  options?: Array<{ value: string }>;
}

/** `PUT /data_attributes/{id}`. */
export interface DataAttributeUpdate {
  archived?: boolean;
  description?: string | null;
  messenger_writable?: boolean;
  options?: Array<{ value: string }>;
}
