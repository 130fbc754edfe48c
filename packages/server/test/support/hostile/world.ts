import crypto from "node:crypto";
import { setOAuthEnabled, setRequestedScopes } from "../../../src/platform/apps/apps.ts";
import {
  issueAuthorizationCode,
  resolveAuthorizationRequest,
} from "../../../src/platform/apps/oauth/authorization.ts";
import { setRedirectUris } from "../../../src/platform/apps/oauth/redirect-uris.ts";
import { setPlatformReviewer } from "../../../src/platform/identity/admins.ts";
import { Browser, csrfOf, hiddenFields } from "../browser.ts";
import { createTenant, type Gatehouse, TENANT_PASSWORD, type Tenant, tenantHolding } from "../gatehouse.ts";

/** The tenants' admins' password, as the hostile run signs in with it. */
export const PASSWORD = TENANT_PASSWORD;

export const CALLBACK = "https://client.example.com/cb";

/**
 * The accounts a hostile run works with, kept apart so that what one part of the run breaks on purpose
 * (a revoked token, a rotated secret, an uninstalled app) does not blind the rest of it:
 * - `api`: its token calls the resource API; it never signs in;
 * - `hub`: the signed-in admin (a platform reviewer) whose app and workspace the hub's forms change;
 * - `client`: an OAuth app (confidential), installed on the hub's workspace through consent;
 * - `spare`: tokens the run may lose (reported as leaked, revoked).
 */
export interface HostileWorld {
  gh: Gatehouse;
  api: Tenant;
  hub: Tenant;
  client: Tenant;
  spare: Tenant;
  /** The hub admin's browser, as a Cookie header, and the token its forms carry. */
  session: { cookie: string; csrf: string };
  /** A browser that has not signed in, for the sign-in form. */
  signedOut: { cookie: string; csrf: string };
  /** An OAuth token of `client` on the hub's workspace (for introspection), and one to revoke. */
  oauthToken: string;
  revocableToken: string;
  /** A fresh authorization code for `client`, with the verifier when it carries a PKCE challenge. */
  freshCode(): Promise<{ code: string; verifier?: string }>;
  /** One such code with its verifier, as the token endpoint's sample (each request gets its own). */
  sampleCode: { code: string; verifier: string };
}

export async function buildHostileWorld(gh: Gatehouse): Promise<HostileWorld> {
  const api = await tenantHolding(
    gh.services,
    gh.services.scopes.all().map((scope) => scope.id),
  );
  const hub = await createTenant(gh.services, { name: "Hostile hub" });
  const client = await createTenant(gh.services, { name: "Hostile client", scopes: ["read_tags"] });
  const spare = await createTenant(gh.services, { name: "Hostile spare" });
  await setPlatformReviewer(gh.services, hub.admin.id, true);
  for (const app of [client, hub]) {
    await setOAuthEnabled(gh.services, app.app.app.id, true);
    await setRedirectUris(gh.services, app.app.app.id, [CALLBACK]);
  }
  // A pending extended-scope request, so the reviewers' form has something to decide.
  await setRequestedScopes(gh.services, client.app.app.id, ["read_tags", "read_admins"], "for the suite");

  const browser = new Browser(gh.url);
  await browser.signIn(hub.admin.email, PASSWORD);
  const consent = await browser.get(`/oauth?client_id=${client.app.app.client_id}&state=s`);
  const session = { cookie: cookieHeader(browser), csrf: csrfOf(consent.body) };
  const code = async () => {
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
      workspace: hub.workspace.id_code,
    });
    return new URL(answer.location as string).searchParams.get("code") as string;
  };
  const exchange = async (value: string) => {
    const response = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({
        code: value,
        client_id: client.app.app.client_id,
        client_secret: client.app.clientSecret,
      }),
    });
    return ((await response.json()) as { token: string }).token;
  };
  const oauthToken = await exchange(await code());
  const revocableToken = await exchange(await code());

  const stranger = new Browser(gh.url);
  const signIn = await stranger.get("/signin");
  const signedOut = { cookie: cookieHeader(stranger), csrf: csrfOf(signIn.body) };

  const request = await resolveAuthorizationRequest(gh.services, { client_id: client.app.app.client_id });
  let issued = 0;
  async function freshCode() {
    // Every other code carries a PKCE challenge, so both branches of the exchange are reached.
    const verifier = issued++ % 2 === 0 ? crypto.randomBytes(32).toString("base64url") : undefined;
    const value = await issueAuthorizationCode(gh.services, {
      request,
      workspaceId: hub.workspace.id,
      adminId: hub.admin.id,
      ...(verifier && {
        codeChallenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
        codeChallengeMethod: "S256",
      }),
    });
    return verifier ? { code: value, verifier } : { code: value };
  }

  const sampleCode = (await freshCode()) as { code: string; verifier: string };
  return {
    gh,
    api,
    hub,
    client,
    spare,
    session,
    signedOut,
    oauthToken,
    revocableToken,
    freshCode,
    sampleCode,
  };
}

function cookieHeader(browser: Browser): string {
  return [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}
