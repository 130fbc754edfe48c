import { type Static, Type } from "typebox";
import type { JobRow } from "../storage/tables/jobs.ts";
import { Nullable } from "./common.ts";

/** Intercom's `job` (2.14 `#/components/schemas/jobs`): work accepted for later, and how it went. */
export const Job = Type.Object({
  type: Type.Literal("job"),
  id: Type.String(),
  url: Type.String(),
  status: Type.Union([Type.Literal("pending"), Type.Literal("success"), Type.Literal("failed")]),
  resource_type: Type.String(),
  resource_id: Nullable(Type.String()),
  resource_url: Nullable(Type.String()),
});
export type Job = Static<typeof Job>;

/** The job with absolute links at `origin`, the API's public origin. */
export function jobJson(job: JobRow, origin: string): Job {
  return {
    type: "job",
    id: String(job.id),
    url: `${origin}/jobs/status/${job.id}`,
    status: job.status,
    resource_type: job.resource_type,
    resource_id: job.resource_id,
    resource_url: job.resource_id === null ? null : `${origin}/${job.resource_type}s/${job.resource_id}`,
  };
}
