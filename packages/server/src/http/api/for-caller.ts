import type { FastifyRequest } from "fastify";
import type { Services } from "../../core/services.ts";
import { pathId } from "../../core/validation.ts";

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

/**
 * The request of `PUT /things/:thing_id`: the path names the record, the body holds its changes, and the
 * query (where the route takes one) how to show the result.
 */
type UpdateRequest<K extends string, C, Q> = FastifyRequest & {
  params: Record<K, string>;
  body: C;
  query: Q;
};

type Present<K extends string, C, R, O, Q> = (updated: R, request: UpdateRequest<K, C, Q>) => O | Promise<O>;

/**
 * The handler of `PUT /things/:thing_id` where the update is the whole story: the caller's `update` of
 * the record the path's `param` names, with the request's body as the changes, answered with `present`
 * of what it returns. Routes register it under their own URL, so each stays where its path says; only
 * the reading of the path, the body and the caller is written once. `id` reads the path's id: a route
 * whose ids were always read as `recordId` keeps that reading.
 */
export function updatesRecord<K extends string, C, R, O, Q = unknown>(
  param: K,
  update: (s: Services, workspaceId: number, id: number, changes: C) => Promise<R>,
  present: Present<K, C, R, O, Q>,
  id: (value: string) => number = pathId,
) {
  return async (request: UpdateRequest<K, C, Q>) =>
    present(await forCaller(request, update, id(request.params[param]), request.body), request);
}

/**
 * The same for an update that records which admin made it (a conversation's or a ticket's changes
 * show in its history under their author): the caller's admin goes between the id and the changes.
 */
export function updatesRecordByAdmin<K extends string, C, R, O, Q = unknown>(
  param: K,
  update: (s: Services, workspaceId: number, id: number, adminId: number, changes: C) => Promise<R>,
  present: Present<K, C, R, O, Q>,
) {
  return async (request: UpdateRequest<K, C, Q>) => {
    const id = pathId(request.params[param]);
    return present(await forCaller(request, update, id, request.principal.admin.id, request.body), request);
  };
}
