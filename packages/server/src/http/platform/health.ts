import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { Type } from "typebox";
import type { Services } from "../../core/services.ts";
import { HealthStatus } from "../../wire/health.ts";

const schema = { querystring: Type.Object({}), response: { 200: HealthStatus, 503: HealthStatus } };

/**
 * `/healthz`: the process is up (no I/O, also the bench's baseline route).
 * `/readyz`: the database answers.
 */
export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get("/healthz", { schema }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(services.db);
      return { status: "ok" };
    } catch {
      return reply.code(503).send({ status: "unavailable" });
    }
  });
}
