import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import { JobRunner } from "../../domain/jobs.ts";
import type { Services } from "../../domain/services.ts";

/**
 * Every serving instance works the job queue: it starts once the server is ready and stops, with the
 * job in hand finished, before the database closes.
 */
export const jobRunner = fp(
  async (app: FastifyInstance, options: { services: Services; logger: Logger }) => {
    const runner = new JobRunner(options.services, options.logger);
    app.addHook("onReady", async () => runner.start());
    app.addHook("onClose", async () => runner.stop());
  },
  { name: "job-runner" },
);
