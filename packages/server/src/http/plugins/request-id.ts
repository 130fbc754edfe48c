import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * Every response carries its request id (the same one `error.list` bodies and the log lines name).
 * A callback hook, not an async one: every request runs it, and an async hook costs a promise and a
 * trip through the microtask queue for two header writes.
 */
export const requestIdPlugin = fp(async (app: FastifyInstance) => {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("X-Request-Id", request.id);
    reply.header("X-Content-Type-Options", "nosniff");
    done();
  });
});
