import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { pathId } from "../../core/validation.ts";
import { findJob } from "../../resources/jobs.ts";
import { errorResponses } from "../../wire/common.ts";
import { Job, jobJson } from "../../wire/job.ts";
import { forCaller } from "../api/for-caller.ts";
import { publicOrigin } from "../plugins/public-origin.ts";

/** `/jobs/status/{id}`: how work accepted for later (e.g. `POST /tickets/enqueue`) went, with "Read job status". */
export async function jobRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/jobs/status/:job_id",
    {
      schema: {
        params: Type.Object({ job_id: Type.String({ maxLength: 50 }) }),
        querystring: Type.Object({}),
        response: { 200: Job, ...errorResponses },
      },
      config: { scopes: ["read_job_status"] },
    },
    async (request) =>
      jobJson(await forCaller(request, findJob, pathId(request.params.job_id)), publicOrigin(request)),
  );
}
