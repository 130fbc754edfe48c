import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Services } from "../core/services.ts";
import { codePurger } from "../platform/apps/oauth/code-purge.ts";
import { feedPurger } from "../platform/apps/resource-servers/revocation-feed.ts";
import { WebhookDispatcher } from "../platform/webhooks/dispatcher.ts";
import { snoozeTimer } from "../resources/conversations/snooze-timer.ts";
import { contentExportRunner } from "../resources/exports.ts";
import { JobRunner } from "../resources/jobs.ts";

/**
 * Every serving instance works the queues kept in the database: webhook deliveries, jobs, content
 * exports, the snoozes that run out, and the authorization codes and revocation-feed entries past
 * keeping. Each claims its items
 * (by a lease, or a locked write), so instances share the work; all start once the server is ready and
 * stop, with what they hold recorded, before the database closes.
 */
export const backgroundWork = fp(
  async (app: FastifyInstance, options: { services: Services; config: Config; logger: Logger }) => {
    const { services, config, logger } = options;
    const workers = [
      new WebhookDispatcher(services, config.webhooks, logger),
      new JobRunner(services, logger),
      contentExportRunner(services, logger),
      snoozeTimer(services, logger, config.snoozePollMs),
      codePurger(services, logger, config.oauthCodes),
      feedPurger(services, logger, config.revocationFeed),
    ];
    app.addHook("onReady", async () => {
      for (const worker of workers) worker.start();
    });
    app.addHook("onClose", async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
    });
  },
  { name: "background-work" },
);
