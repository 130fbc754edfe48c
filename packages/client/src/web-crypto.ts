/**
 * The few secrets the OAuth helper makes, with nothing but Web Crypto and the language: the same code runs
 * on Node 20 and later, in browsers, Deno and workers, where `node:crypto` and `Buffer` do not exist.
 */

/** `bytes` random bytes, base64url without padding: 24 make a 32-character `state`, 32 a PKCE verifier. */
export function randomUrlSafe(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** PKCE's S256 challenge (RFC 7636 §4.2): base64url(SHA-256(ASCII(verifier))). */
export async function s256Challenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

/**
 * Whether two strings are equal, taking the same time wherever they first differ (only their lengths can
 * be told apart), so a callback's `state` cannot be guessed a character at a time.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return false;
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return difference === 0;
}

/** RFC 4648 §5 without padding. `btoa` takes a "binary string": one character per byte. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** HMAC-SHA256 of `message` under `key` (both UTF-8), base64url: the revocation feed's token digest. */
export async function hmacSha256(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const imported = await crypto.subtle.importKey(
    "raw",
    encoder.encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", imported, encoder.encode(message))));
}
