import { Type } from "typebox";

/**
 * What the OAuth endpoints answer (they are not in Intercom's 2.14 description: seed 002 names the token
 * endpoint's fields; the rest are the RFCs' shapes).
 */

/** `POST /auth/eagle/token` (seed 002): the token twice, as Intercom's clients read either name. */
export const TokenResponse = Type.Object({
  token_type: Type.Literal("Bearer"),
  token: Type.String(),
  access_token: Type.String(),
});

/** RFC 6749 §5.2's error, with Intercom's `error.list` beside it: what every OAuth endpoint refuses with. */
export const OAuthErrorBody = Type.Object({
  error: Type.String(),
  error_description: Type.String(),
  type: Type.Literal("error.list"),
  request_id: Type.String(),
  errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** Refusals of the OAuth endpoints, for a route's `response` beside its success: spread it in. */
export const oauthErrorResponses = { "4xx": OAuthErrorBody, "5xx": OAuthErrorBody } as const;

/** `POST /oauth/revoke` (RFC 7009 §2.2): an empty object, whatever the token was. */
export const RevocationResponse = Type.Object({});

/** `POST /oauth/introspect` (RFC 7662 §2.2): `active: false` alone, or what the live token holds. */
export const IntrospectionResponse = Type.Union([
  Type.Object({ active: Type.Literal(false) }),
  Type.Object({
    active: Type.Literal(true),
    scope: Type.String(),
    client_id: Type.String(),
    // Present when a resource server asks (RFC 7662 §2.2): the API the answer was made for.
    aud: Type.Optional(Type.String()),
    token_type: Type.Literal("Bearer"),
    sub: Type.String(),
    username: Type.String(),
    workspace_id: Type.String(),
    admin_id: Type.String(),
    email_verified: Type.Boolean(),
    iss: Type.String(),
  }),
]);

/** `GET /.well-known/oauth-authorization-server` (RFC 8414 §2). */
export const ServerMetadata = Type.Object({
  issuer: Type.String(),
  authorization_endpoint: Type.String(),
  token_endpoint: Type.String(),
  revocation_endpoint: Type.String(),
  introspection_endpoint: Type.String(),
  response_types_supported: Type.Array(Type.String()),
  response_modes_supported: Type.Array(Type.String()),
  grant_types_supported: Type.Array(Type.String()),
  code_challenge_methods_supported: Type.Array(Type.String()),
  token_endpoint_auth_methods_supported: Type.Array(Type.String()),
  revocation_endpoint_auth_methods_supported: Type.Array(Type.String()),
  introspection_endpoint_auth_methods_supported: Type.Array(Type.String()),
  scopes_supported: Type.Array(Type.String()),
  authorization_response_iss_parameter_supported: Type.Optional(Type.Boolean()),
});

/** `POST /auth/uninstall` and `/oauth/uninstall`: the installation the token reached, now gone. */
export const UninstallResponse = Type.Object({
  type: Type.Literal("installation"),
  uninstalled: Type.Literal(true),
  workspace_id: Type.String(),
});

/** `POST /oauth/report-leak`: the same answer whatever the token was. */
export const LeakReportResponse = Type.Object({
  type: Type.Literal("leak_report"),
  status: Type.Literal("received"),
});

/** A page (the consent screen): HTML, sent as text and never serialised. */
export const HtmlPage = Type.String({ contentMediaType: "text/html" });

/** A redirect (`Location` says where): no body. */
export const Redirect = Type.Null();
