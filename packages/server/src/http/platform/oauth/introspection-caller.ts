import type { FastifyRequest } from "fastify";
import type { Services } from "../../../core/services.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import { authenticateClient } from "../../../platform/apps/oauth/token-exchange.ts";
import type { Principal } from "../../../platform/apps/principals/principal.ts";
import {
  authenticateResourceServer,
  RESOURCE_SERVER_ID_PREFIX,
} from "../../../platform/apps/resource-servers/resource-servers.ts";
import type { AppRow } from "../../../storage/tables/apps.ts";
import type { ResourceServerRow } from "../../../storage/tables/resource-servers.ts";
import { clientBudgetKey } from "./oauth-endpoint.ts";

/**
 * Who asks `POST /oauth/introspect` about a token: an app, about its own tokens only; or a resource
 * server (an API tokens are presented to, RFC 7662 §2.1), about any app's.
 */
export type IntrospectionCaller =
  | { kind: "app"; app: AppRow }
  | { kind: "resource_server"; server: ResourceServerRow };

export async function authenticateIntrospectionCaller(
  s: Services,
  clientId: string | undefined,
  clientSecret: string | undefined,
): Promise<IntrospectionCaller> {
  if (clientId?.startsWith(RESOURCE_SERVER_ID_PREFIX)) {
    return { kind: "resource_server", server: await requireResourceServer(s, clientId, clientSecret) };
  }
  // Confidential clients only: a public client's id is no proof of who is asking.
  return { kind: "app", app: await authenticateClient(s, clientId, clientSecret) };
}

/** A resource server's client credentials, or invalid_client (RFC 6749 §5.2), whichever way they fail. */
export async function requireResourceServer(
  s: Services,
  clientId: string | undefined,
  clientSecret: string | undefined,
): Promise<ResourceServerRow> {
  if (!clientId || !clientSecret)
    throw new OAuthError("invalid_client", "Client authentication failed: send client_id and client_secret");
  const server = await authenticateResourceServer(s, clientId, clientSecret);
  if (!server) throw new OAuthError("invalid_client", "Client authentication failed");
  return server;
}

export function callerBudgetKey(caller: IntrospectionCaller, request: FastifyRequest): string {
  return caller.kind === "app" ? clientBudgetKey(caller.app, request) : caller.server.client_id;
}

/**
 * What the answer says of whom the token is for, or undefined when this caller may not learn of the
 * token at all (an app asking about another app's). `client_id` is always the token's app (the
 * principal carries it, cached with it); a resource server's answer adds `aud`, naming it.
 */
export function audienceFor(
  caller: IntrospectionCaller,
  principal: Principal,
): { client_id: string; aud?: string } | undefined {
  if (caller.kind === "app") {
    return principal.appId === caller.app.id ? { client_id: caller.app.client_id } : undefined;
  }
  return { client_id: principal.clientId, aud: caller.server.client_id };
}
