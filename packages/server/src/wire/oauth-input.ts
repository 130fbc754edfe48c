import { Type } from "typebox";

/**
 * What the OAuth endpoints read, as form fields (urlencoded, multipart on the token endpoint) or JSON:
 * each field once, as a string. Anything else is dropped; a field sent twice is refused.
 */
const Field = (maxLength = 4096) => Type.Optional(Type.String({ maxLength }));

/** `POST /auth/eagle/token` (seed 002: `code`, `client_id`, `client_secret`; RFC 6749 §4.1.3, 7636 §4.5). */
export const TokenRequestBody = Type.Object({
  grant_type: Field(100),
  code: Field(),
  client_id: Field(),
  client_secret: Field(),
  redirect_uri: Field(),
  code_verifier: Field(),
});

/** `POST /oauth/revoke` (RFC 7009 §2.1) and `POST /oauth/introspect` (RFC 7662 §2.1). */
export const TokenQueryBody = Type.Object({
  token: Field(),
  token_type_hint: Field(100),
  client_id: Field(),
  client_secret: Field(),
});

/** `POST /oauth/report-leak`: the token found, and optionally where. */
export const LeakReportBody = Type.Object({
  token: Field(),
  reason: Field(2000),
});
