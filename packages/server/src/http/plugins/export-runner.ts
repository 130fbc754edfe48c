import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import { ContentExportRunner } from "../../domain/content-exports.ts";
import type { Services } from "../../domain/services.ts";

/**
 * Every serving instance works the content export queue: it starts once the server is ready and
 * stops, with the job in hand finished, before the database closes.
 */
export const exportRunner = fp(
  async (app: FastifyInstance, options: { services: Services; logger: Logger }) => {
    const runner = new ContentExportRunner(options.services, options.logger);
    app.addHook("onReady", async () => runner.start());
    app.addHook("onClose", async () => runner.stop());
  },
  { name: "export-runner" },
);
