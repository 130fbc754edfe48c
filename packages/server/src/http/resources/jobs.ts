import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../core/validation.ts";
import { findJob } from "../../resources/jobs.ts";
import type { JobRow } from "../../storage/tables/jobs.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** Intercom's `job`, with absolute links at the public origin. */
export function presentJob(job: JobRow, request: FastifyRequest) {
  const base = publicOrigin(request);
  return {
    type: "job",
    id: String(job.id),
    url: `${base}/jobs/status/${job.id}`,
    status: job.status,
    resource_type: job.resource_type,
    resource_id: job.resource_id,
    resource_url: job.resource_id === null ? null : `${base}/${job.resource_type}s/${job.resource_id}`,
  };
}

/** `/jobs/status/{id}`: how work accepted for later (e.g. `POST /tickets/enqueue`) went, with "Read job status". */
export async function jobRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/jobs/status/:job_id",
    {
      schema: { params: Type.Object({ job_id: Type.String({ maxLength: 50 }) }) },
      config: { scopes: ["read_job_status"] },
    },
    async (request) =>
      presentJob(
        await findJob(app.services, request.principal.workspaceId, pathId(request.params.job_id)),
        request,
      ),
  );
}
