import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** Every response carries its request id (the same one `error.list` bodies and the log lines name). */
export const requestIdPlugin = fp(async (app: FastifyInstance) => {
  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Request-Id", request.id);
    reply.header("X-Content-Type-Options", "nosniff");
  });
});
