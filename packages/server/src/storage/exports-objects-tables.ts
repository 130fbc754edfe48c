import type { ColumnType, Generated, Selectable } from "kysely";

/** The tables of migration 0010, kept beside `schema.ts` and merged into its `Database`. */
export interface ExportsObjectsTables {
  content_exports: ContentExportsTable;
  custom_object_types: CustomObjectTypesTable;
  custom_object_instances: CustomObjectInstancesTable;
  phone_call_redirects: PhoneCallRedirectsTable;
  content_import_sources: ContentImportSourcesTable;
  external_pages: ExternalPagesTable;
  data_connectors: DataConnectorsTable;
  canvas_kit_submissions: CanvasKitSubmissionsTable;
}

type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
type Millis = number;
/** A JSON document kept as text. */
type Json = ColumnType<string, string | undefined, string>;

/** Intercom's export job states; `pending` and `in_progress` are the active ones, the rest are final. */
export type ExportStatus = "pending" | "in_progress" | "completed" | "no_data" | "failed" | "canceled";

/**
 * A content data export job: a row with a state machine that every serving instance's runner works.
 * `run_after` is when a pending job is due, or, while it is in progress, when its runner's lease ends
 * (a job whose lease ran out was left by a crashed or stopped instance, and is taken up again).
 */
export interface ContentExportsTable {
  id: Generated<number>;
  /** Intercom's public `job_identifier`. */
  job_identifier: string;
  workspace_id: number;
  status: ColumnType<ExportStatus, ExportStatus | undefined, ExportStatus>;
  /** The requested range, Unix seconds, both ends included. */
  created_at_after: number;
  created_at_before: number;
  run_after: Millis;
  attempts: ColumnType<number, number | undefined, number>;
  row_count: number | null;
  /** The exported CSV, gzipped by the runner that made it; cleared once the download has expired. */
  file: Uint8Array | null;
  error: string | null;
  created_at: Millis;
  updated_at: Millis;
  finished_at: Millis | null;
  download_expires_at: Millis | null;
}

export type ContentExportRow = Selectable<ContentExportsTable>;

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

/** A phone call deflected to the Messenger: the number, the contact it reached, and its link's token. */
export interface PhoneCallRedirectsTable {
  id: Generated<number>;
  workspace_id: number;
  contact_seq: number | null;
  /** E.164, as normalised from the request. */
  phone: string;
  token: string;
  custom_attributes: Json;
  created_at: Millis;
}

export type PhoneCallRedirectRow = Selectable<PhoneCallRedirectsTable>;

export type SyncBehavior = "api" | "automatic" | "manual";

export interface ContentImportSourcesTable {
  id: Generated<number>;
  workspace_id: number;
  url: string;
  sync_behavior: SyncBehavior;
  status: "active" | "deactivated";
  last_synced_at: Millis;
  created_at: Millis;
  updated_at: Millis;
}

export type ContentImportSourceRow = Selectable<ContentImportSourcesTable>;

export interface ExternalPagesTable {
  id: Generated<number>;
  workspace_id: number;
  source_id: number;
  external_id: string;
  title: string;
  html: string;
  url: string | null;
  ai_agent_availability: Flag;
  ai_copilot_availability: Flag;
  locale: string;
  created_at: Millis;
  updated_at: Millis;
  last_ingested_at: Millis;
}

export type ExternalPageRow = Selectable<ExternalPagesTable>;

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** An HTTP action a workspace's workflows and AI agent may call (Intercom's "data connector"). */
export interface DataConnectorsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  description: string | null;
  state: "draft" | "live";
  http_method: HttpMethod;
  url: string;
  /** JSON array of `{name, value}`. */
  headers: Json;
  body: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export type DataConnectorRow = Selectable<DataConnectorsTable>;

/**
 * What a contact entered into an app's Canvas Kit components, kept for the app it was entered into:
 * the parts of Canvas Kit's submit request that are not read live from other tables.
 */
export interface CanvasKitSubmissionsTable {
  id: Generated<number>;
  workspace_id: number;
  app_id: number;
  contact_seq: number;
  component_id: string;
  /** JSON object: component id → value entered. */
  input_values: Json;
  /** JSON object the app asked to have returned (the current canvas's `stored_data`). */
  stored_data: Json;
  /** JSON object: Canvas Kit's context (location, locale, conversation_id). */
  context: Json;
  created_at: Millis;
}

export type CanvasKitSubmissionRow = Selectable<CanvasKitSubmissionsTable>;
