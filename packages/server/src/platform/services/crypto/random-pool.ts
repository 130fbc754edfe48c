import crypto from "node:crypto";

/** How many bytes the CSPRNG fills at once. */
export const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let used = 0;

/**
 * `size` bytes from the CSPRNG, for secrets and AES-GCM nonces. Each call to `crypto.randomBytes`
 * costs a few microseconds whatever its size (the code-for-token exchange made two, a tenth of its
 * time), so bytes are drawn a pool at a time, as Node does for `randomUUID`. Every draw is a copy of
 * bytes no other draw ever had (the pool only moves forward, and a refill is a new buffer), and the
 * pool forgets what it handed out.
 */
export function randomBytes(size: number): Buffer {
  if (!Number.isInteger(size) || size < 0)
    throw new RangeError(`randomBytes: size ${size} is not a count of bytes`);
  if (size > POOL_BYTES / 4) return crypto.randomBytes(size);
  if (used + size > pool.length) {
    pool = crypto.randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    used = 0;
  }
  // A copy, not a view: a view would keep, and let its holder reach, the rest of the pool's bytes.
  const drawn = Buffer.from(pool.subarray(used, used + size));
  pool.fill(0, used, used + size);
  used += size;
  return drawn;
}
