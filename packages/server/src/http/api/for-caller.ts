import type { FastifyRequest } from "fastify";
import type { Services } from "../../core/services.ts";

/**
 * Calls a resource function for the caller: every resource function takes the services and a workspace
 * first, and on the API that workspace is always the caller's (its token's), never one the request
 * names. Routes pass through here rather than each spelling out where the two come from.
 */
export function forCaller<A extends unknown[], R>(
  request: FastifyRequest,
  run: (s: Services, workspaceId: number, ...args: A) => R,
  ...args: A
): R {
  return run(request.server.services, request.principal.workspaceId, ...args);
}
