import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { KEY_FILE_NAME, Keyring, loadKeys, parseRootKey } from "../src/platform/services/crypto/keyring.ts";

const key = () => crypto.randomBytes(32);

describe("keyring", () => {
  it("seals with AES-256-GCM and opens only with the same context and an untouched value", () => {
    const ring = new Keyring([key()]);
    const sealed = ring.seal("gat_secret", "access_tokens.token_sealed");
    assert.match(sealed, new RegExp(`^v1\\.${ring.current.id}\\.`));
    assert.ok(!sealed.includes("gat_secret"));
    assert.equal(ring.unseal(sealed, "access_tokens.token_sealed"), "gat_secret");
    assert.throws(() => ring.unseal(sealed, "apps.client_secret_sealed"));
    const body = Buffer.from(sealed.split(".")[2] as string, "base64url");
    body[14] = (body[14] as number) ^ 1;
    assert.throws(() =>
      ring.unseal(`v1.${ring.current.id}.${body.toString("base64url")}`, "access_tokens.token_sealed"),
    );
    assert.notEqual(ring.seal("same", "c"), ring.seal("same", "c"), "a fresh nonce every time");
  });

  it("hashes with a key-dependent HMAC, so the database alone cannot test a guess", () => {
    const a = new Keyring([key()]);
    const b = new Keyring([key()]);
    assert.equal(a.hmac("gat_x"), a.hmac("gat_x"));
    assert.notEqual(a.hmac("gat_x"), b.hmac("gat_x"));
    assert.notEqual(a.hmac("gat_x"), crypto.createHash("sha256").update("gat_x").digest("base64url"));
  });

  it("keeps retired keys able to open what they sealed, while sealing with the newest", () => {
    const oldRoot = key();
    const old = new Keyring([oldRoot]);
    const sealed = old.seal("value", "ctx");
    const rotated = new Keyring([key(), oldRoot]);
    assert.equal(rotated.unseal(sealed, "ctx"), "value");
    assert.notEqual(rotated.current.id, old.current.id);
    assert.equal(rotated.hmac("t", rotated.key(old.current.id)), old.hmac("t"));
  });

  it("refuses short keys, and reads hex, base64 and base64url", () => {
    assert.throws(() => parseRootKey("c2hvcnQ"), /at least 32 bytes/);
    const raw = key();
    assert.deepEqual(parseRootKey(raw.toString("hex")), raw);
    assert.deepEqual(parseRootKey(raw.toString("base64url")), raw);
    assert.deepEqual(parseRootKey(raw.toString("base64")), raw);
  });

  it("generates a key file once, readable by its owner only, and reads the same keys back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-keys-"));
    try {
      const first = loadKeys([], dir);
      assert.equal(first.source, "generated");
      const stat = fs.statSync(path.join(dir, KEY_FILE_NAME));
      assert.equal(stat.mode & 0o777, 0o600);
      const second = loadKeys([], dir);
      assert.equal(second.source, "file");
      assert.equal(second.keyring.current.id, first.keyring.current.id);
      const fromEnv = loadKeys([key().toString("base64url")], dir);
      assert.equal(fromEnv.source, "environment");
      assert.notEqual(fromEnv.keyring.current.id, first.keyring.current.id);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
