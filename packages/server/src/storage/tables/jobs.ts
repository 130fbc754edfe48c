import type { ColumnType, Generated, Selectable } from "kysely";
import type { Millis } from "./columns.ts";

/** Work the API accepted and the job runner does later. */
export interface JobsTables {
  jobs: JobsTable;
}

export type JobStatus = "pending" | "success" | "failed";

/**
 * Work accepted by the API and done later by the server's job runner. A pending job whose
 * `run_after` has passed is due; the runner moves `run_after` forward while it works (a lease).
 */
export interface JobsTable {
  id: Generated<number>;
  workspace_id: number;
  /** Who asked: the admin the token acted as, the author of what the job makes. */
  admin_id: number | null;
  kind: string;
  /** JSON: the request, as checked when it was accepted. */
  payload: string;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  resource_type: string;
  resource_id: string | null;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  run_after: Millis;
  created_at: Millis;
  finished_at: Millis | null;
}

export type JobRow = Selectable<JobsTable>;
