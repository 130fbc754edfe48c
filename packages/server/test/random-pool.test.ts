import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { POOL_BYTES, randomBytes } from "../src/platform/services/crypto/random-pool.ts";

/**
 * Random bytes for secrets and AES-GCM nonces drawn from a pool the CSPRNG fills a few kilobytes at a
 * time: every draw is bytes never handed out before, whatever the draws around it and across refills.
 */
describe("the random-byte pool", () => {
  it("never hands out the same bytes twice: 100,000 twelve-byte nonces, across many refills, all distinct", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(randomBytes(12).toString("hex"));
    assert.equal(seen.size, 100_000);
  });

  it("gives each draw its own bytes: a refill does not change what was drawn before it", () => {
    const before = randomBytes(60);
    const copy = Buffer.from(before);
    for (let drawn = 0; drawn < POOL_BYTES * 3; drawn += 60) randomBytes(60);
    assert.deepEqual(before, copy);
    before.fill(0);
    assert.notDeepEqual(randomBytes(60), Buffer.alloc(60), "zeroing a draw touches no later one");
  });

  it("serves a draw larger than the pool straight from the CSPRNG, and refuses a negative or fractional size", () => {
    assert.equal(randomBytes(POOL_BYTES * 2).length, POOL_BYTES * 2);
    assert.equal(randomBytes(0).length, 0);
    assert.throws(() => randomBytes(-1), RangeError);
    assert.throws(() => randomBytes(1.5), RangeError);
  });

  it("spreads its bytes evenly (no stuck or repeated region)", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2_000; i++)
      for (const byte of randomBytes(64)) counts[byte] = (counts[byte] ?? 0) + 1;
    const expected = (2_000 * 64) / 256;
    for (const n of counts) assert.ok(Math.abs(n - expected) < expected * 0.25, String(n));
  });
});
