import crypto, { type KeyObject } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createPrivateFile } from "../../../storage/private-files.ts";
import { randomBytes } from "./random-pool.ts";

/**
 * The keys that protect machine secrets (access tokens, client secrets) at rest.
 *
 * Each root key yields, once at start-up, two subkeys by HKDF: one for the HMAC that tokens are
 * looked up by (so a stolen database alone cannot test guesses), one for AES-256-GCM sealing of the
 * copy admins can reveal. The first key is current; later ones are retired keys still accepted
 * during rotation.
 */
export interface Key {
  /** Short public id stored beside each hash and sealed value, so the right key is found again. */
  id: string;
  hmacKey: KeyObject;
  sealKey: KeyObject;
}

export class Keyring {
  readonly current: Key;
  readonly all: readonly Key[];
  readonly #byId: Map<string, Key>;

  constructor(rootKeys: readonly Buffer[]) {
    if (rootKeys.length === 0) throw new Error("a keyring needs at least one key");
    this.all = rootKeys.map(deriveKey);
    this.current = this.all[0] as Key;
    this.#byId = new Map(this.all.map((k) => [k.id, k]));
  }

  key(id: string): Key | undefined {
    return this.#byId.get(id);
  }

  /** Keyed lookup hash of a secret, base64url. */
  hmac(secret: string, key: Key = this.current): string {
    return crypto.createHmac("sha256", key.hmacKey).update(secret).digest("base64url");
  }

  /** `v1.<key id>.<iv|ciphertext|tag>`: AES-256-GCM with a fresh 96-bit nonce. */
  seal(plaintext: string, context: string): string {
    // A fresh 96-bit nonce each time, as GCM requires: the pool never hands the same bytes out twice.
    const iv = randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.current.sealKey, iv);
    // The context (e.g. which table and column) is authenticated, so a sealed value cannot be moved elsewhere.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([iv, cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1.${this.current.id}.${body.toString("base64url")}`;
  }

  unseal(sealed: string, context: string): string {
    const [version, keyId, payload] = sealed.split(".");
    const key = keyId ? this.key(keyId) : undefined;
    if (version !== "v1" || !key || !payload) throw new Error("sealed value has an unknown format or key");
    const body = Buffer.from(payload, "base64url");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.sealKey, body.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  }
}

function deriveKey(root: Buffer): Key {
  const sub = (info: string, length: number) =>
    Buffer.from(crypto.hkdfSync("sha256", root, Buffer.alloc(0), `gatehouse ${info}`, length));
  return {
    id: sub("key id", 6).toString("hex"),
    hmacKey: crypto.createSecretKey(sub("lookup hmac", 32)),
    sealKey: crypto.createSecretKey(sub("seal aes-256-gcm", 32)),
  };
}

const MIN_KEY_BYTES = 32;

/** Reads a root key given as base64, base64url or hex; refuses anything under 256 bits. */
export function parseRootKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes =
    /^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0
      ? Buffer.from(trimmed, "hex")
      : Buffer.from(trimmed, "base64url");
  if (bytes.length < MIN_KEY_BYTES) {
    throw new Error(
      `a secret key must hold at least ${MIN_KEY_BYTES} bytes (got ${bytes.length}); make one with: openssl rand -base64 32`,
    );
  }
  return bytes;
}

export const KEY_FILE_NAME = "secret.keys";

export interface LoadedKeys {
  keyring: Keyring;
  /** Where the keys came from, for the start-up message. */
  source: "environment" | "file" | "generated";
  file?: string;
}

/**
 * Keys from `GATEHOUSE_SECRET_KEY` (comma-separated, newest first) or, failing that, from a key file in
 * the data directory, made on first start with owner-only permissions. One key a line, newest first.
 */
export function loadKeys(configured: readonly string[], dataDir: string): LoadedKeys {
  if (configured.length > 0)
    return { keyring: new Keyring(configured.map(parseRootKey)), source: "environment" };
  const file = path.join(dataDir, KEY_FILE_NAME);
  try {
    const lines = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"));
    return { keyring: new Keyring(lines.map(parseRootKey)), source: "file", file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = crypto.randomBytes(32).toString("base64url");
  const text = `# Gatehouse secret keys, newest first. Losing this file makes every stored token unusable.\n${key}\n`;
  // Never overwrites a key file another process just wrote: that one is read instead.
  if (!createPrivateFile(file, text)) return loadKeys(configured, dataDir);
  return { keyring: new Keyring([parseRootKey(key)]), source: "generated", file };
}
