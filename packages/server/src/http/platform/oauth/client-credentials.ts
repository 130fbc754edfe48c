import type { FastifyRequest } from "fastify";
import { OAuthError } from "../../../platform/apps/oauth/oauth-error.ts";

/** The form fields the OAuth endpoints read; each must come once, as a string. */
export function readFields<F extends string>(
  body: unknown,
  fields: readonly F[],
): Partial<Record<F, string>> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object")
    throw new OAuthError("invalid_request", "The request body must be a form or a JSON object");
  const out: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length > 4096) {
      throw new OAuthError("invalid_request", `${field} must be sent once, as a string`);
    }
    out[field] = value;
  }
  return out;
}

/**
 * The client's credentials, by HTTP Basic (RFC 6749 §2.3.1, each part form-urlencoded) or in the body,
 * but never both ways at once.
 */
export function readClientCredentials(
  request: FastifyRequest,
  body: { client_id?: string; client_secret?: string },
): { clientId?: string; clientSecret?: string } {
  const basic = readBasic(request.headers.authorization);
  if (!basic) return { clientId: body.client_id, clientSecret: body.client_secret };
  if (body.client_secret !== undefined || (body.client_id !== undefined && body.client_id !== basic.id)) {
    throw new OAuthError(
      "invalid_request",
      "Send client credentials one way only: HTTP Basic or the request body",
    );
  }
  return { clientId: basic.id, clientSecret: basic.secret };
}

function readBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError("invalid_client", "Malformed HTTP Basic client credentials");
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    throw new OAuthError("invalid_client", "Malformed HTTP Basic client credentials");
  }
}

/** What revocation and introspection read (RFC 7009 §2.1, RFC 7662 §2.1): the token, and who asks. */
export function readTokenRequest(request: FastifyRequest) {
  const body = readFields(request.body, ["token", "token_type_hint", "client_id", "client_secret"] as const);
  return { token: body.token, ...readClientCredentials(request, body) };
}
