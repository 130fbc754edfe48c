import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Logger } from "pino";
import type { Services } from "../../domain/services.ts";
import { type DispatcherSettings, WebhookDispatcher } from "../../domain/webhooks/dispatcher.ts";

/**
 * Every serving instance delivers webhooks: it starts once the server is ready and stops, with its
 * attempts in flight recorded, before the database closes.
 */
export const webhookDispatcher = fp(
  async (
    app: FastifyInstance,
    options: { services: Services; settings: DispatcherSettings; logger: Logger },
  ) => {
    const dispatcher = new WebhookDispatcher(options.services, options.settings, options.logger);
    app.addHook("onReady", async () => dispatcher.start());
    app.addHook("onClose", async () => dispatcher.stop());
  },
  { name: "webhook-dispatcher" },
);
