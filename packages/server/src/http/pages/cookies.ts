import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyRequest } from "fastify";

/**
 * The pages' two cookies, named and flagged once from the public URL. Behind an https public URL both
 * carry the `__Host-` prefix: a browser then accepts them only with `Secure`, `Path=/` and no `Domain`,
 * so neither a sibling subdomain nor a plain-http response can plant or overwrite one. On plain-http
 * local use they keep plain names and work without `Secure`.
 */
export interface PageCookies {
  /** The server-side session's id (random; the database keeps only its HMAC). */
  session: string;
  /** The pre-session secret that the sign-in form's CSRF token is bound to. */
  preSession: string;
  /** The attributes every page cookie is set with; `maxAgeSeconds` makes it outlive the browser. */
  options(request: FastifyRequest, maxAgeSeconds?: number): CookieSerializeOptions;
}

export function pageCookies(publicUrl: string): PageCookies {
  const https = new URL(publicUrl).protocol === "https:";
  const prefix = https ? "__Host-" : "";
  return {
    session: `${prefix}gh_session`,
    preSession: `${prefix}gh_csrf`,
    options: (request, maxAgeSeconds) => ({
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: https || request.protocol === "https",
      ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
    }),
  };
}
