import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { chooseLogFormat } from "../src/terminal-logging.ts";

const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, "../src/main.ts");
const REPO = path.resolve(import.meta.dirname, "../../..");
const HAVE_CURL = fs.existsSync("/usr/bin/curl")
  ? undefined
  : "curl is not installed (apt-get install -y curl)";

/** Runs `npm start`'s entry point as a user would, and collects what it prints until it is ready. */
async function start(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      GATEHOUSE_DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      HOST: "127.0.0.1",
      GATEHOUSE_PUBLIC_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Stop with Ctrl-C.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

describe("npm start", { skip: HAVE_CURL ?? false }, () => {
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-start-"));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("creates a demo on first run and prints a curl that returns the seed's /me shape", async () => {
    const { child, output } = await start(dataDir);
    try {
      assert.match(output, /Admin sign-in: {2}admin@demo\.gatehouse\.test/);
      assert.match(output, /migrations applied: \d{2} \(0001_foundation … \d{4}_\w+\)\n/);
      assert.match(output, /Password: {7}\S{12,}/);
      const token = /Access token: {3}(gat_[0-9A-Za-z]{36})/.exec(output)?.[1];
      assert.ok(token, "a token is printed");
      const curl = /^ {2}(curl -s .*)$/m.exec(output)?.[1];
      assert.ok(curl, "a ready curl is printed");
      assert.ok(curl.includes(token));
      const { stdout } = await run("bash", ["-c", curl]);
      const me = JSON.parse(stdout);
      assert.deepEqual(Object.keys(me), [
        "type",
        "id",
        "email",
        "name",
        "email_verified",
        "app",
        "avatar",
        "has_inbox_seat",
      ]);
      assert.equal(me.email, "admin@demo.gatehouse.test");
      assert.equal(me.app.type, "app");
      assert.equal(me.app.name, "Demo workspace");
      assert.doesNotMatch(output, /Warning/, "on loopback, nothing to warn about");
    } finally {
      assert.equal(await stop(child), 0, "SIGTERM shuts down cleanly");
    }
    const mode = fs.statSync(path.join(dataDir, "secret.keys")).mode & 0o777;
    assert.equal(mode, 0o600, "the generated key file is private to its owner");
  });

  it("on later starts, creates nothing and says where to find the demo again", async () => {
    const { child, output } = await start(dataDir);
    try {
      assert.doesNotMatch(output, /gat_[0-9A-Za-z]{36}/, "no secret is printed again");
      assert.match(output, /already set up/);
      assert.match(output, /sign in: +http:\/\/127\.0\.0\.1:\d+\/signin/);
      assert.match(output, /hub: +http:\/\/127\.0\.0\.1:\d+\/hub/);
      // The two lines it prints, run as a person would paste them, from the repository.
      const setToken = /^ {2}(TOKEN=\$\(.*npx gatehouse token show --raw --app [0-9a-f-]{36}\))$/m.exec(
        output,
      )?.[1];
      const curl = /^ {2}(curl -s .*\$TOKEN.*)$/m.exec(output)?.[1];
      assert.ok(setToken && curl, output);
      const { stdout } = await run("bash", ["-c", `${setToken}\n${curl}`], {
        cwd: REPO,
        env: {
          ...process.env,
          PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
          LOG_LEVEL: "silent",
        },
      });
      assert.equal(JSON.parse(stdout).email, "admin@demo.gatehouse.test");
    } finally {
      assert.equal(await stop(child), 0);
    }
  });

  it("logs JSON lines when stdout is not a terminal, one readable line per request when it is", async () => {
    for (const format of ["json", "pretty"]) {
      const env = { LOG_LEVEL: "info", ...(format === "pretty" && { LOG_FORMAT: "pretty" }) };
      const { child, output } = await start(dataDir, env);
      let logged = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        logged += chunk.toString();
      });
      try {
        const base = /Gatehouse is listening on (\S+)/.exec(output)?.[1];
        await (await fetch(`${base}/me`)).arrayBuffer();
        const deadline = Date.now() + 5000;
        while (!/request completed|GET \/me/.test(logged) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 25));
        if (format === "json") {
          const lines = logged
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line));
          assert.ok(lines.some((line) => line.msg === "request completed" && line.res.statusCode === 401));
        } else {
          assert.match(output, /^\nGatehouse is listening on /, "the banner comes first");
          assert.doesNotMatch(output + logged, /"level"|incoming request|Server listening/);
          assert.match(logged, /INFO.*: GET \/me 401 \d+ ms\n/);
          assert.equal(logged.trim().split("\n").length, 1, "one line for the request");
        }
      } finally {
        assert.equal(await stop(child), 0);
      }
    }
  });

  it("warns when listening beyond loopback without a public URL, since links would follow each request's Host", async () => {
    const { child, output } = await start(dataDir, { HOST: "0.0.0.0" });
    try {
      assert.match(output, /Warning: listening on 0\.0\.0\.0 without GATEHOUSE_PUBLIC_URL/);
    } finally {
      assert.equal(await stop(child), 0);
    }
    const configured = await start(dataDir, {
      HOST: "0.0.0.0",
      GATEHOUSE_PUBLIC_URL: "https://auth.example.com",
    });
    try {
      assert.doesNotMatch(configured.output, /Warning/);
      assert.match(configured.output, /Gatehouse is listening on https:\/\/auth\.example\.com\n/);
    } finally {
      assert.equal(await stop(configured.child), 0);
    }
  });
});

describe("the start log's format", () => {
  it("is readable at a terminal, JSON lines through a pipe, unless LOG_FORMAT says which", () => {
    assert.equal(chooseLogFormat(undefined, true), "pretty");
    assert.equal(chooseLogFormat(undefined, false), "json");
    assert.equal(chooseLogFormat(undefined, undefined), "json");
    assert.equal(chooseLogFormat("json", true), "json");
    assert.equal(chooseLogFormat(" Pretty ", false), "pretty");
    assert.equal(chooseLogFormat("yaml", true), "pretty");
  });
});
