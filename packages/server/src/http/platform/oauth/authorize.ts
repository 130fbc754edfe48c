import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { Config } from "../../../config.ts";
import { type Services, write } from "../../../core/services.ts";
import {
  type AuthorizationRequest,
  grantableScopes,
  issueAuthorizationCode,
  redirectWith,
  resolveAuthorizationRequest,
} from "../../../platform/apps/oauth/authorization.ts";
import { AuthorizationRequestError } from "../../../platform/apps/oauth/oauth-error.ts";
import { listAdminWorkspaces } from "../../../platform/identity/admins.ts";
import { recordActivity } from "../../../platform/services/audit.ts";
import { HtmlPage, Redirect } from "../../../wire/oauth.ts";
import { ConsentPage } from "../../pages/consent-view.ts";
import { setUpPages } from "../../pages/page-setup.ts";
import { publicOrigin } from "../../plugins/public-origin.ts";

/** The authorization request's own parameters, carried from the link through the consent form. */
const AuthorizeParams = Type.Object({
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  state: Type.Optional(Type.String({ maxLength: 2000 })),
  redirect_uri: Type.Optional(Type.String({ maxLength: 2000 })),
  response_type: Type.Optional(Type.String({ maxLength: 50 })),
  code_challenge: Type.Optional(Type.String({ maxLength: 200 })),
  code_challenge_method: Type.Optional(Type.String({ maxLength: 20 })),
});
type AuthorizeParams = Type.Static<typeof AuthorizeParams>;

const ConsentBody = Type.Intersect([
  AuthorizeParams,
  Type.Object({
    _csrf: Type.String(),
    decision: Type.String({ maxLength: 20 }),
    workspace: Type.Optional(Type.String({ maxLength: 50 })),
  }),
]);

/**
 * `GET /oauth` shows the consent screen; `POST /oauth` records the decision and sends the browser back
 * to the app with a code (or `access_denied`), by 303 so the form is not re-posted (RFC 9700 §4.12).
 * Every answer sent to the app names the issuer (`iss`, RFC 9207), so a client of several servers can
 * tell which one answered (the mix-up attack, RFC 9700 §4.4).
 */
export async function authorizeRoutes(
  app: FastifyInstance,
  { services, config }: { services: Services; config: Config },
) {
  // A page like the hub's: signed in through the same session, its form guarded by the same CSRF token.
  await setUpPages(app, { services, config });
  const start = async (request: FastifyRequest<{ Querystring: AuthorizeParams }>, reply: FastifyReply) => {
    const params = request.query;
    // The client and its redirect URL are checked before sign-in, so a bad link never gets further.
    const authz = await resolveAuthorizationRequest(services, params);
    const refusal = checkRequestParameters(authz, params);
    if (refusal) return reply.redirect(answerClient(request, authz, refusal), 303);
    if (!request.admin) return reply.redirect(`/signin?return_to=${encodeURIComponent(request.url)}`, 303);
    return showConsent(request, reply, authz, params);
  };
  const startSchema = { querystring: AuthorizeParams, response: { 200: HtmlPage, 303: Redirect } };
  app.get("/oauth", { config: { signedOut: true }, schema: startSchema }, start);
  // OmniAuth's intercom strategy sends its `signup` option here: the same flow, as sign-up happens
  // elsewhere (an admin is made by the workspace's owner or the CLI).
  app.get("/oauth/signup", { config: { signedOut: true }, schema: startSchema }, start);

  app.post<{ Body: Type.Static<typeof ConsentBody> }>(
    "/oauth",
    { schema: { body: ConsentBody, response: { 200: HtmlPage, 303: Redirect } } },
    async (request, reply) => {
      const body = request.body;
      const authz = await resolveAuthorizationRequest(services, body);
      const refusal = checkRequestParameters(authz, body);
      if (refusal) return reply.redirect(answerClient(request, authz, refusal), 303);
      const admin = request.admin;
      if (!admin) throw new AuthorizationRequestError("Sign in first.", 401);
      if (body.decision !== "authorize") {
        await write(services, (trx) =>
          recordActivity(services, trx, {
            workspaceId: null,
            adminId: admin.id,
            action: "oauth.denied",
            details: { app_id: authz.app.id, app_name: authz.app.name },
            ip: request.ip,
          }),
        );
        return reply.redirect(
          answerClient(request, authz, { error: "access_denied", state: body.state }),
          303,
        );
      }
      const workspaces = await adminWorkspaces(services, admin.id);
      const chosen =
        workspaces.find((w) => w.idCode === body.workspace) ??
        (workspaces.length === 1 ? workspaces[0] : undefined);
      if (!chosen) {
        return showConsent(
          request,
          reply,
          authz,
          body,
          "Choose one of your workspaces to install the app on.",
        );
      }
      const code = await issueAuthorizationCode(services, {
        request: authz,
        workspaceId: chosen.id,
        adminId: admin.id,
        codeChallenge: body.code_challenge ?? null,
        codeChallengeMethod: body.code_challenge ? "S256" : null,
      });
      await write(services, (trx) =>
        recordActivity(services, trx, {
          workspaceId: chosen.id,
          adminId: admin.id,
          action: "oauth.authorized",
          details: { app_id: authz.app.id, app_name: authz.app.name },
          ip: request.ip,
        }),
      );
      return reply.redirect(answerClient(request, authz, { code, state: body.state }), 303);
    },
  );

  async function showConsent(
    request: FastifyRequest,
    reply: FastifyReply,
    authz: AuthorizationRequest,
    params: AuthorizeParams,
    error?: string,
  ) {
    const admin = request.admin;
    if (!admin) throw new AuthorizationRequestError("Sign in first.", 401);
    const [workspaces, scopes, builder] = await Promise.all([
      adminWorkspaces(services, admin.id),
      grantableScopes(services, authz.app.id),
      services.db
        .selectFrom("workspaces")
        .select("name")
        .where("id", "=", authz.app.workspace_id)
        .executeTakeFirstOrThrow(),
    ]);
    if (workspaces.length === 0) {
      throw new AuthorizationRequestError(
        "You are not an admin of any workspace, so there is nowhere to install this app.",
        403,
      );
    }
    // The consent form's answer is a redirect to the app, which `form-action` must allow.
    reply.header(
      "Content-Security-Policy",
      `default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self' ${new URL(authz.redirectUri).origin}; frame-ancestors 'none'; base-uri 'none'`,
    );
    return reply.page(
      ConsentPage({
        viewer: { name: admin.name, email: admin.email },
        csrf: request.csrf,
        app: {
          name: authz.app.name,
          iconUrl: authz.app.icon_url,
          description: authz.app.description,
          builder: builder.name,
        },
        workspaces: workspaces.map((w) => ({ idCode: w.idCode, name: w.name })),
        scopes,
        catalog: services.scopes,
        hidden: {
          client_id: params.client_id,
          redirect_uri: params.redirect_uri,
          state: params.state,
          response_type: params.response_type,
          code_challenge: params.code_challenge,
          code_challenge_method: params.code_challenge_method,
        },
        requestPath: authorizationPath(params),
        ...(error && { error }),
      }),
      error ? 400 : 200,
    );
  }
}

/** The authorization request as a `/oauth` path, every parameter kept (state, PKCE), for "not you?". */
function authorizationPath(params: AuthorizeParams): string {
  const query = new URLSearchParams();
  // In the schema's order, whatever order the form or link had: one request, one path.
  for (const name of Object.keys(AuthorizeParams.properties) as (keyof AuthorizeParams)[]) {
    const value = params[name];
    if (typeof value === "string") query.set(name, value);
  }
  return `/oauth?${query}`;
}

type ClientAnswer = Record<string, string | undefined>;

/** The authorization response: `answer` at the app's (already verified) redirect URL, with `iss`. */
function answerClient(request: FastifyRequest, authz: AuthorizationRequest, answer: ClientAnswer): string {
  return redirectWith(authz.redirectUri, { ...answer, iss: publicOrigin(request) });
}

/**
 * Errors the client should hear about at its (already verified) redirect URL, per RFC 6749 §4.1.2.1:
 * a response type other than `code`, and PKCE other than S256 (RFC 7636; `plain` is refused).
 */
function checkRequestParameters(
  authz: AuthorizationRequest,
  params: AuthorizeParams,
): ClientAnswer | undefined {
  if (params.response_type !== undefined && params.response_type !== "code") {
    return {
      error: "unsupported_response_type",
      error_description: "Only response_type=code is supported",
      state: params.state,
    };
  }
  if (authz.app.client_type === "public" && params.code_challenge === undefined) {
    return {
      error: "invalid_request",
      error_description: "This app is a public client: it must use PKCE (code_challenge with S256)",
      state: params.state,
    };
  }
  if (params.code_challenge !== undefined || params.code_challenge_method !== undefined) {
    const validChallenge = /^[A-Za-z0-9_-]{43}$/.test(params.code_challenge ?? "");
    if (params.code_challenge_method !== "S256" || !validChallenge) {
      return {
        error: "invalid_request",
        error_description: "PKCE needs code_challenge_method=S256 and a base64url SHA-256 code_challenge",
        state: params.state,
      };
    }
  }
  return undefined;
}

async function adminWorkspaces(services: Services, adminId: number) {
  const rows = await listAdminWorkspaces(services, adminId);
  return rows.map((r) => ({ id: r.id, idCode: r.id_code, name: r.name }));
}
