import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { readIpAllowlist, updateIpAllowlist } from "../../platform/identity/ip-allowlist.ts";
import { answers } from "../../wire/common.ts";
import { IpAllowlist, IpAllowlistChanges, ipAllowlistJson } from "../../wire/ip-allowlist.ts";
import { forCaller } from "../api/for-caller.ts";

/** Reading the list and changing it both take "Manage IP allowlist", as Intercom's do. */
const MANAGE = ["manage_ip_allowlist"] as const;

/**
 * `/ip_allowlist` (Intercom 2.14): the REST API IP allowlist of the token's workspace. The caller's
 * address, which a change must leave on the list, is the one the door checks (`request.ip`: the
 * socket's, or a trusted proxy's X-Forwarded-For).
 */
export async function ipAllowlistRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    "/ip_allowlist",
    { schema: { querystring: Type.Object({}), response: answers(IpAllowlist) }, config: { scopes: MANAGE } },
    async (request) => ipAllowlistJson(await readIpAllowlist(app.services.db, request.principal.workspaceId)),
  );
  app.put(
    "/ip_allowlist",
    { schema: { body: IpAllowlistChanges, response: answers(IpAllowlist) }, config: { scopes: MANAGE } },
    async (request) =>
      ipAllowlistJson(
        await forCaller(request, updateIpAllowlist, request.body, {
          adminId: request.principal.admin.id,
          ip: request.ip,
        }),
      ),
  );
}
