import type { Credentials } from "./targets.ts";
import { CALLBACK, type HostileWorld, PASSWORD } from "./world.ts";

/**
 * What each page and OAuth endpoint takes when it succeeds: the fields of its form (or its query), and
 * whose browser sends it. A page missing here is still attacked, as a signed-in GET or an empty form.
 */
export interface FormSample {
  query?: Record<string, string>;
  body?: Record<string, string | string[]>;
  credentials?: Credentials;
  /** Fields that must be new for every request (undefined: left out of it). */
  refresh?: () => Promise<Record<string, string | undefined>>;
}

const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

export function formSamples(world: HostileWorld): Record<string, FormSample> {
  const client = world.client.app;
  const clientAuth = { client_id: client.app.client_id, client_secret: client.clientSecret };
  const authorize = {
    client_id: client.app.client_id,
    redirect_uri: CALLBACK,
    state: "af0ifjsldkj",
    response_type: "code",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
  };
  return {
    "GET /signin": { query: { return_to: "/hub/apps/new" }, credentials: "signed-out" },
    "POST /signin": {
      body: {
        _csrf: world.signedOut.csrf,
        email: world.hub.admin.email,
        password: PASSWORD,
        return_to: "/hub",
      },
      credentials: "signed-out",
    },
    "GET /oauth": { query: authorize },
    "GET /oauth/signup": { query: authorize },
    "POST /oauth": {
      body: { ...authorize, decision: "authorize", workspace: world.hub.workspace.id_code },
    },
    "POST /auth/eagle/token": {
      body: {
        grant_type: "authorization_code",
        code: world.sampleCode.code,
        redirect_uri: CALLBACK,
        code_verifier: world.sampleCode.verifier,
        ...clientAuth,
      },
      // A code of its own for each request; without a challenge, the verifier is left out.
      refresh: async () => {
        const { code, verifier } = await world.freshCode();
        return { code, code_verifier: verifier };
      },
    },
    "POST /oauth/introspect": {
      body: { token: world.oauthToken, token_type_hint: "access_token", ...clientAuth },
    },
    "POST /oauth/revoke": {
      body: { token: world.revocableToken, token_type_hint: "access_token", ...clientAuth },
    },
    "POST /oauth/report-leak": { body: { token: world.spare.token, reason: "seen in a public gist" } },
    "GET /.well-known/oauth-authorization-server": { query: { format: "json" } },
    "POST /hub/apps/new": { body: { name: "A hostile app", workspace: world.hub.workspace.id_code } },
    "POST /hub/apps/:client_id/rename": { body: { name: "Renamed by the suite" } },
    "POST /hub/apps/:client_id/uninstall-url": {
      body: { uninstall_url: "https://hooks.example.com/uninstalled" },
    },
    "POST /hub/apps/:client_id/redirect-urls/add": { body: { uri: "https://hub.example.com/callback" } },
    "POST /hub/apps/:client_id/redirect-urls/remove": { body: { uri: "https://hub.example.com/callback" } },
    "POST /hub/apps/:client_id/redirect-urls/move": { body: { uri: CALLBACK, direction: "down" } },
    "POST /hub/apps/:client_id/scopes": {
      body: { scopes: ["read_tags", "read_admins"], reason: "To show who answered" },
    },
    "POST /hub/apps/:client_id/oauth": { body: { enabled: "true" } },
    "POST /hub/apps/:client_id/canvas-kit": { body: { enabled: "false" } },
    "POST /hub/apps/:client_id/webhooks": {
      body: { url: "https://hooks.example.com/intercom", topics: ["contact.user.created", "ping"] },
    },
    "POST /settings/:id_code/apps/uninstall": { body: { installation: "999999" } },
    "POST /reviews/decide": {
      body: { app: String(client.app.id), scope: "read_admins", decision: "rejected", note: "Not yet" },
    },
    "GET /hub/apps/:client_id": { query: { notice: "renamed" } },
    "GET /hub/apps/:client_id/authentication": { query: { notice: "redirects_saved" } },
    "GET /settings/:id_code/apps": { query: { notice: "uninstalled" } },
  };
}
