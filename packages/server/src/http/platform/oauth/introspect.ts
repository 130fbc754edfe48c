import type { FastifyInstance } from "fastify";
import type { Static } from "typebox";
import type { Services } from "../../../core/services.ts";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import type { TokenAuthenticator } from "../../../platform/apps/principals/authenticate.ts";
import { IntrospectionResponse, oauthErrorResponses } from "../../../wire/oauth.ts";
import { TokenQueryBody } from "../../../wire/oauth-input.ts";
import { publicOrigin } from "../../plugins/public-origin.ts";
import { readTokenRequest } from "./client-credentials.ts";
import { audienceFor, authenticateIntrospectionCaller, callerBudgetKey } from "./introspection-caller.ts";
import { oauthEndpoint, withinBudget } from "./oauth-endpoint.ts";

/**
 * `POST /oauth/introspect` (RFC 7662), for resource servers other than Gatehouse: an app, authenticated
 * with its client credentials, asks about a token issued to it; a resource server (`gatehouse
 * resource-server create`) about any app's, and its answers add `aud`. Anything unknown, revoked,
 * uninstalled, or issued to another app than the asking one is simply `{"active": false}`.
 */
export async function introspectRoutes(
  app: FastifyInstance,
  { services, authenticator }: { services: Services; authenticator: TokenAuthenticator },
) {
  await oauthEndpoint(app);

  app.post<{ Body: Static<typeof TokenQueryBody> }>(
    "/oauth/introspect",
    { schema: { body: TokenQueryBody, response: { 200: IntrospectionResponse, ...oauthErrorResponses } } },
    async (request, reply): Promise<Static<typeof IntrospectionResponse>> => {
      reply.header("Cache-Control", "no-store");
      const { token, clientId, clientSecret } = readTokenRequest(request);
      const caller = await authenticateIntrospectionCaller(services, clientId, clientSecret);
      await withinBudget(
        reply,
        services.limits.introspectionBy(callerBudgetKey(caller, request)),
        "introspections",
      );
      if (!token) throw new OAuthError("invalid_request", "The token parameter is required");
      const principal = await authenticator.authenticate(token);
      const audience = principal && audienceFor(caller, principal);
      if (!principal || !audience) return { active: false };
      return {
        active: true,
        scope: scopeText(principal.scopes),
        ...audience,
        token_type: "Bearer",
        sub: String(principal.admin.id),
        username: principal.admin.email,
        // Gatehouse tokens never expire (seed 004), so there is no `exp`.
        workspace_id: principal.workspace.idCode,
        admin_id: String(principal.admin.id),
        email_verified: principal.admin.emailVerified,
        iss: publicOrigin(request),
      };
    },
  );
}

/**
 * A principal's scopes as the answer's space-separated list. Principals of one installation share one
 * set, which never changes (principal-lookup.ts), so the text is made once per set, not per request.
 */
const scopeTexts = new WeakMap<ReadonlySet<string>, string>();

function scopeText(scopes: ReadonlySet<string>): string {
  let text = scopeTexts.get(scopes);
  if (text === undefined) {
    text = [...scopes].sort().join(" ");
    scopeTexts.set(scopes, text);
  }
  return text;
}
