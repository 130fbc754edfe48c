import crypto from "node:crypto";
import type { Keyring } from "../../platform/services/crypto/keyring.ts";

/**
 * CSRF tokens for every form of the pages: OWASP's synchronizer token, derived rather than stored.
 *
 * - Signed in, the token is a keyed HMAC of the session id itself. It is bound to the session: a token
 *   made in another browser, or planted there with a cookie, is refused beside the victim's session,
 *   and a new sign-in makes every older token useless.
 * - Signed out (the sign-in form), it is a keyed HMAC of a random pre-session cookie, the signed
 *   double-submit pattern; with `__Host-` cookies (https) nobody else can plant that cookie.
 *
 * A small module rather than @fastify/csrf-protection: that plugin keeps a secret of its own in a cookie
 * or a session store and would need binding to our server-side sessions anyway; two HMACs do the job.
 */
export type CsrfBinding = { session: string } | { preSession: string };

export function csrfToken(keys: Keyring, binding: CsrfBinding): string {
  return "session" in binding
    ? keys.hmac(`csrf:session:${binding.session}`)
    : keys.hmac(`csrf:pre-session:${binding.preSession}`);
}

/** A new pre-session secret, for a browser that has none (or a malformed one). */
export function newPreSessionSecret(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function csrfMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
