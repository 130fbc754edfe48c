import { hash, verify } from "@node-rs/argon2";

/** People's passwords: argon2id at OWASP's minimum (19 MiB, 2 passes). Machine secrets use HMAC instead. */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, which erasable TypeScript cannot import */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when no admin matches makes "no such email" cost as much as "wrong password".
const DUMMY_HASH = hash("gatehouse-no-such-admin", OPTIONS);

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    const ok = await verify(storedHash ?? (await DUMMY_HASH), password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}
