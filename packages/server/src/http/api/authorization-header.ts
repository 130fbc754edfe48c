/**
 * What an `Authorization` header offers, read without touching the database:
 * - `Bearer <token>` (RFC 6750; the scheme is case-insensitive);
 * - `Basic base64("<token>:")`, as `curl -u '<token>':` sends, and `Basic base64("<token>")` with no
 *   colon, as the passport-intercom strategy sends (seed 003: the token is the user name);
 * - `Basic base64("<app_id>:<api_key>")`, the retired API-key credentials (seeds 003, 004).
 */
export type Credentials =
  | { type: "none" }
  | { type: "token"; token: string }
  | { type: "api_key" }
  | { type: "malformed" };

/** Gatehouse token prefixes: a Basic user name that starts with one of these is meant as a token. */
const TOKEN_PREFIXES = ["gat_", "gao_"];

/** The everyday form, `Bearer <token>` with one space: read without a regular expression. */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] $/;

export function readAuthorization(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === "") return { type: "none" };
  if (header.length > 7 && BEARER.test(header.slice(0, 7))) {
    const token = header.slice(7);
    if (token.length <= 128 && /^[!-~]+$/.test(token)) return { type: "token", token };
  }
  const match = /^\s*([A-Za-z]+)(?: +(.*?))?\s*$/.exec(header);
  if (!match) return { type: "malformed" };
  const scheme = match[1]?.toLowerCase();
  const value = match[2] ?? "";
  if (scheme === "bearer")
    return value && !/\s/.test(value) ? { type: "token", token: value } : { type: "malformed" };
  if (scheme !== "basic") return { type: "malformed" };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return { type: "malformed" };
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  if (user === "") return { type: "malformed" };
  const looksLikeToken = TOKEN_PREFIXES.some((p) => user.startsWith(p));
  if (looksLikeToken) return password === "" ? { type: "token", token: user } : { type: "malformed" };
  // A bare user name with no password is a token attempt (of some other format); a pair is an API key.
  return password === "" ? { type: "token", token: user } : { type: "api_key" };
}
