import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { CLI, startProcess, UMASK_0 } from "./support/process.ts";

const run = promisify(execFile);

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const octal = (mode: number) => mode.toString(8).padStart(3, "0");

/** `npm start` run by a user whose umask is 0, on SQLite in `dataDir`. */
const start = (dataDir: string) => startProcess({ GATEHOUSE_DATA_DIR: dataDir }, { umask0: true });

/** Every entry of the data directory with its mode, for messages. */
const listing = (dir: string) =>
  fs
    .readdirSync(dir)
    .map((name) => `${name} ${octal(modeOf(path.join(dir, name)))}`)
    .join(", ");

describe("data at rest", () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-rest-"));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A data directory `gatehouse migrate` made, under umask 0. */
  async function migrated(name: string): Promise<string> {
    const dataDir = path.join(root, name, "data");
    await run("sh", [...UMASK_0, CLI, "migrate"], {
      env: { ...process.env, GATEHOUSE_DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    });
    return dataDir;
  }

  it("under umask 0, the server makes its data directory 0700 and every file in it 0600", async () => {
    const dataDir = path.join(root, "server", "data");
    const gh = await start(dataDir);
    try {
      // A write, so the write-ahead log holds something while the server runs.
      const made = await fetch(`${gh.url}/contacts`, {
        method: "POST",
        headers: { authorization: `Bearer ${gh.token}`, "content-type": "application/json" },
        body: JSON.stringify({ email: "private@example.com", name: "Kept private" }),
      });
      assert.equal(made.status, 200);
      const files = fs.readdirSync(dataDir).sort();
      for (const name of ["gatehouse.db", "gatehouse.db-shm", "gatehouse.db-wal", "secret.keys"])
        assert.ok(files.includes(name), `${name} exists (${files.join(", ")})`);
      for (const name of files)
        assert.equal(octal(modeOf(path.join(dataDir, name))), "600", `${name}: ${listing(dataDir)}`);
      assert.equal(octal(modeOf(dataDir)), "700", "the data directory");
      assert.equal(octal(modeOf(path.dirname(dataDir))), "700", "a parent Gatehouse made for it");
      assert.doesNotMatch(gh.output(), /other users of this machine/);
    } finally {
      assert.equal(await gh.stop(), 0);
    }
    for (const name of fs.readdirSync(dataDir))
      assert.equal(octal(modeOf(path.join(dataDir, name))), "600", `${name} after shutdown`);
  });

  it("under umask 0, the command line makes the same private directory and files", async () => {
    const dataDir = await migrated("cli");
    const files = fs.readdirSync(dataDir);
    assert.ok(files.includes("gatehouse.db") && files.includes("secret.keys"), files.join(", "));
    for (const name of files)
      assert.equal(octal(modeOf(path.join(dataDir, name))), "600", `${name}: ${listing(dataDir)}`);
    assert.equal(octal(modeOf(dataDir)), "700");
  });

  it("warns at start, naming each path others can read and the chmod that fixes it, until it is fixed", async () => {
    const dataDir = await migrated("exposed");
    const database = path.join(dataDir, "gatehouse.db");
    const keys = path.join(dataDir, "secret.keys");
    // As an older Gatehouse, or a careless copy, left them.
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(database, 0o644);
    fs.chmodSync(keys, 0o640);
    const exposed = await start(dataDir);
    try {
      const text = exposed.output();
      for (const [target, fix] of [
        [dataDir, `chmod 700 ${dataDir}`],
        [database, `chmod 600 ${database}`],
        [keys, `chmod 600 ${keys}`],
      ] as const) {
        const banner = text.split("\n").find((line) => line.startsWith("  Warning:") && line.includes(fix));
        assert.ok(banner, `the banner names ${target} and "${fix}":\n${text}`);
        const logged = text
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as { level: number; path?: string; fix?: string })
          .find((entry) => entry.path === target);
        assert.equal(logged?.level, 40, `a warning is logged for ${target}:\n${text}`);
        assert.equal(logged?.fix, fix);
      }
      assert.equal(octal(modeOf(database)), "644", "Gatehouse leaves the operator's own modes alone");
    } finally {
      assert.equal(await exposed.stop(), 0);
    }

    fs.chmodSync(dataDir, 0o700);
    for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o600);
    const fixed = await start(dataDir);
    try {
      assert.doesNotMatch(fixed.output(), /Warning:|other users of this machine/);
    } finally {
      assert.equal(await fixed.stop(), 0);
    }
  });
});
