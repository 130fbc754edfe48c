import zlib from "node:zlib";
import { randomBytes } from "../../services/crypto/random-pool.ts";

/**
 * Gatehouse's secret formats, on GitHub's model: `<prefix>_<30 random base62><6 base62 CRC32>`.
 * 30 base62 characters carry 178 bits from the CSPRNG. The prefix tells a reader (and a secret
 * scanner) what leaked; the checksum lets the server refuse a mistyped or made-up token before
 * any hashing or database work.
 */
export const SECRET_KINDS = {
  /** An app's access token for its own workspace (a private app's token). */
  access: "gat",
  /** A token issued through OAuth to a public app, for the workspace that installed it. */
  oauth: "gao",
  clientSecret: "gcs",
  /** A resource server's secret, for introspection and the revocation feed. */
  resourceServerSecret: "grs",
  authorizationCode: "gac",
} as const;

export type SecretKind = keyof typeof SECRET_KINDS;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const BODY_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
const KIND_BY_PREFIX = new Map<string, SecretKind>(
  Object.entries(SECRET_KINDS).map(([kind, prefix]) => [prefix, kind as SecretKind]),
);
const BASE62 = new Uint8Array(128).fill(0);
for (const ch of ALPHABET) BASE62[ch.charCodeAt(0)] = 1;

export function generateSecret(kind: SecretKind): string {
  const prefix = SECRET_KINDS[kind];
  let random = "";
  // Rejection sampling keeps every character uniform: 248 is the largest multiple of 62 under 256.
  while (random.length < RANDOM_LENGTH) {
    for (const byte of randomBytes(RANDOM_LENGTH * 2)) {
      if (byte < 248 && random.length < RANDOM_LENGTH) random += ALPHABET[byte % 62];
    }
  }
  const head = `${prefix}_${random}`;
  return head + checksum(head);
}

/** The kind of a well-formed secret with a correct checksum; undefined for anything else. */
export function parseSecret(value: string): SecretKind | undefined {
  const underscore = value.indexOf("_");
  if (underscore < 0 || value.length !== underscore + 1 + BODY_LENGTH) return undefined;
  const kind = KIND_BY_PREFIX.get(value.slice(0, underscore));
  if (!kind) return undefined;
  for (let i = underscore + 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 127 || BASE62[code] === 0) return undefined;
  }
  const head = value.slice(0, value.length - CHECKSUM_LENGTH);
  return checksum(head) === value.slice(value.length - CHECKSUM_LENGTH) ? kind : undefined;
}

/** How a secret is shown in lists: its prefix and last four characters. */
export function secretHint(value: string): string {
  return `${value.slice(0, value.indexOf("_") + 1)}…${value.slice(-4)}`;
}

function checksum(head: string): string {
  let n = zlib.crc32(head);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}
