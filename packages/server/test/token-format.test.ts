import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  generateSecret,
  parseSecret,
  SECRET_KINDS,
  secretHint,
} from "../src/platform/apps/tokens/token-format.ts";

describe("secret format", () => {
  it("makes prefixed secrets of 30 random and 6 checksum base62 characters that parse back to their kind", () => {
    for (const kind of Object.keys(SECRET_KINDS) as Array<keyof typeof SECRET_KINDS>) {
      const secret = generateSecret(kind);
      assert.match(secret, new RegExp(`^${SECRET_KINDS[kind]}_[0-9A-Za-z]{36}$`));
      assert.equal(parseSecret(secret), kind);
    }
  });

  it("carries at least 160 bits: no two of many secrets share their random part", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(generateSecret("access").slice(4, 34));
    assert.equal(seen.size, 20_000);
    // 30 characters from 62 symbols is log2(62) * 30 ≈ 178.6 bits.
    assert.ok(Math.log2(62) * 30 >= 160);
  });

  it("uses every base62 symbol about equally (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const ch of generateSecret("access").slice(4, 34)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    assert.equal(counts.size, 62);
    const expected = (4000 * 30) / 62;
    for (const [ch, n] of counts) assert.ok(Math.abs(n - expected) < expected * 0.15, `${ch}: ${n}`);
  });

  it("refuses every single-character change, by checksum, without any lookup", () => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 39 }), fc.integer({ min: 1, max: 61 }), (position, shift) => {
        const secret = generateSecret("access");
        const original = secret[position] as string;
        const replaced = alphabet[(alphabet.indexOf(original) + shift) % 62] as string;
        const typo = secret.slice(0, position) + replaced + secret.slice(position + 1);
        return parseSecret(typo) === undefined;
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => parseSecret(s) === undefined || s.length === 40),
    );
    for (const bad of [
      "",
      "gat_",
      "gat_短い",
      `xyz_${"a".repeat(36)}`,
      `gat_${"a".repeat(35)}`,
      `gat_${"a".repeat(37)}`,
    ]) {
      assert.equal(parseSecret(bad), undefined, bad);
    }
  });

  it("hints show only the prefix and the last four characters", () => {
    const secret = generateSecret("access");
    assert.equal(secretHint(secret), `gat_…${secret.slice(-4)}`);
  });
});
