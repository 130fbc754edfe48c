import type { DeclaredRoute } from "../../src/http/server.ts";

/**
 * What a route's schema must declare before Fastify checks what it is sent and serialises what it
 * answers: its path parameters where its URL has some, its query string (a GET without one declares an
 * empty object), its body (a POST, PUT or PATCH that takes none says so in `config.takesNoBody`), and
 * its answer for success.
 */
export function missingSchemas(route: DeclaredRoute): string[] {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const missing: string[] = [];
  if (route.url.includes(":") && !schema.params) missing.push("params");
  if (route.method === "GET" && !schema.querystring) missing.push("querystring");
  if (["POST", "PUT", "PATCH"].includes(route.method) && !schema.body && !route.takesNoBody)
    missing.push("body");
  const response = (schema.response ?? {}) as Record<string, unknown>;
  if (!Object.keys(response).some((status) => /^[23]/.test(status))) missing.push("response");
  return missing;
}
