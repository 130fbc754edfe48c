// A consumer's TypeScript, type-checked against the installed package (tsconfig.json beside it):
// the declarations resolve under `moduleResolution: nodenext`, and are precise enough to refuse misuse.
import {
  Client,
  GatehouseApiError,
  type Me,
  OAuthHelper,
  type PendingAuthorization,
} from "@gatehouse/client";

export async function whoAmI(token: string): Promise<string> {
  const me: Me = await new Client({ token, baseUrl: "http://127.0.0.1:8080" }).me();
  // @ts-expect-error: /me has no password field
  me.password;
  return `${me.name} <${me.email}> of ${me.app.name}`;
}

export async function link(): Promise<PendingAuthorization & { url: string }> {
  // @ts-expect-error: an OAuth helper needs the app's client_id
  new OAuthHelper({ clientSecret: "secret" });
  return new OAuthHelper({ clientId: "id", redirectUri: "https://app.example/callback" }).authorizationUrl();
}

export async function callback(url: URL, pending: PendingAuthorization): Promise<string> {
  const oauth = new OAuthHelper({ clientId: "id", clientSecret: "secret" });
  // @ts-expect-error: connect needs the verifier as well as the state
  await oauth.connect(url, pending.state);
  try {
    return (await oauth.connect(url, pending)).admin.email;
  } catch (error) {
    if (error instanceof GatehouseApiError) return `${error.status} ${error.code} ${error.requestId ?? ""}`;
    throw error;
  }
}

// The framework subpaths resolve, with their declarations, without Fastify's or Express's types.
import { gatehouse as expressGate, type GatehousePrincipal } from "@gatehouse/client/express";
import { requireScopes } from "@gatehouse/client/fastify";

export function middleware(): GatehousePrincipal | undefined {
  const gate = expressGate({
    gatehouseUrl: "http://127.0.0.1:8080",
    clientId: "rs_x",
    clientSecret: "grs_x",
  });
  // @ts-expect-error: scopes are strings
  gate.requireScopes(42);
  requireScopes("read_orders");
  gate.close();
  return undefined;
}
