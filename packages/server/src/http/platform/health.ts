import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Services } from "../../core/services.ts";

/**
 * `/healthz`: the process is up (no I/O, also the bench's baseline route).
 * `/readyz`: the database answers.
 */
export async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    try {
      await sql`select 1`.execute(services.db);
      return { status: "ok" };
    } catch {
      return reply.code(503).send({ status: "unavailable" });
    }
  });
}
