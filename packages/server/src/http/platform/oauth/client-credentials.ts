import crypto from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Static } from "typebox";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";
import type { TokenQueryBody } from "../../../wire/oauth-input.ts";

/**
 * The client's credentials, by HTTP Basic (RFC 6749 §2.3.1, each part form-urlencoded) or in the body.
 * §2.3.1 forbids using both; some clients send both anyway (Basic from their HTTP library, the body
 * from Intercom's docs), so both are taken when they say the same, and refused as `invalid_request`
 * only when they differ: a tolerance recorded in docs/compatibility.md.
 */
export function readClientCredentials(
  request: FastifyRequest,
  body: { client_id?: string; client_secret?: string },
): { clientId?: string; clientSecret?: string } {
  const basic = readBasic(request.headers.authorization);
  if (!basic) return { clientId: body.client_id, clientSecret: body.client_secret };
  const differs = (sent: string | undefined, expected: string) =>
    sent !== undefined && !sameText(sent, expected);
  if (differs(body.client_id, basic.id) || differs(body.client_secret, basic.secret)) {
    throw new OAuthError(
      "invalid_request",
      "The client credentials in HTTP Basic and in the request body differ: send them one way",
    );
  }
  return { clientId: basic.id, clientSecret: basic.secret };
}

/** Compares in constant time, so a secret sent twice tells nothing of how much of it matched. */
function sameText(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

function readBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? BASIC.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "Malformed HTTP Basic client credentials");
  try {
    return { id: formDecoded(decoded.slice(0, colon)), secret: formDecoded(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError("invalid_client", "Malformed HTTP Basic client credentials");
  }
}

const BASIC = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i;
const FORM_ENCODED = /[%+]/;

/** A form-urlencoded part (RFC 6749 §2.3.1); most are plain, and are taken as they are (every request reads one). */
function formDecoded(part: string): string {
  return FORM_ENCODED.test(part) ? decodeURIComponent(part.replace(/\+/g, " ")) : part;
}

/** What revocation and introspection read (RFC 7009 §2.1, RFC 7662 §2.1): the token, and who asks. */
export function readTokenRequest(request: FastifyRequest<{ Body: Static<typeof TokenQueryBody> }>) {
  const body = request.body;
  return { token: body.token, ...readClientCredentials(request, body) };
}
