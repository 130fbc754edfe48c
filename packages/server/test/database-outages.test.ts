import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import pino from "pino";
import { EVERYTHING, PostgresChangeFeed } from "../src/core/changes.ts";
import { freshPostgresSchema, POSTGRES_URL } from "./support/databases.ts";
import { POSTGRES_MISSING } from "./support/gatehouse.ts";
import { type GatehouseProcess, startProcess } from "./support/process.ts";
import { TcpProxy } from "./support/tcp-proxy.ts";

/** A real Gatehouse process (`npm start`) on `databaseUrl`, known to PostgreSQL as `name`. */
async function startInstance(databaseUrl: string, name: string): Promise<GatehouseProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-outage-"));
  const gh = await startProcess({
    GATEHOUSE_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    GATEHOUSE_DATABASE_APPLICATION_NAME: name,
    // The webhook poller keeps a pooled connection busy or idle all the time, as in production.
    GATEHOUSE_WEBHOOK_POLL_MS: "50",
    // Six workers on a quick machine pass the 1,666 a window of the default budget (a 429, not the
    // outage under test): the budgets are set out of their reach.
    GATEHOUSE_RATE_LIMIT_APP: "1000000",
    GATEHOUSE_RATE_LIMIT_WORKSPACE: "1000000",
  });
  gh.child.once("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return gh;
}

interface Answer {
  what: string;
  status: number;
  retryAfter: string | null;
  body: string;
}

/** One of the requests an integration makes: reads, a search, a write (which also notifies the others). */
async function request(gh: GatehouseProcess, n: number): Promise<Answer> {
  const headers = { authorization: `Bearer ${gh.token}`, accept: "application/json" };
  const json = { ...headers, "content-type": "application/json" };
  const kinds: Array<[string, RequestInit]> = [
    ["GET /me", { headers }],
    ["GET /contacts", { headers }],
    [
      "POST /contacts/search",
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ query: { field: "name", operator: "~", value: "o" } }),
      },
    ],
    [
      "POST /contacts",
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email: `load${n}-${crypto.randomUUID()}@example.com`, name: `Load ${n}` }),
      },
    ],
  ];
  const [what, init] = kinds[n % kinds.length] as [string, RequestInit];
  const response = await fetch(gh.url + what.split(" ")[1], { method: what.split(" ")[0], ...init });
  return {
    what,
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  };
}

/** A refusal while the database is away: 503, Intercom's `error.list` with `service_unavailable`, and Retry-After. */
function assertUnavailable(answer: Answer): void {
  assert.equal(answer.status, 503, `${answer.what}: ${answer.body.slice(0, 300)}`);
  const body = JSON.parse(answer.body);
  assert.equal(body.type, "error.list", answer.body);
  assert.match(body.request_id, /\S/);
  assert.equal(body.errors[0].code, "service_unavailable", answer.body);
  assert.match(answer.retryAfter ?? "", /^[1-9][0-9]*$/, `${answer.what} says when to retry`);
}

/** Waits until `check` holds, for at most `ms`. */
async function eventually(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  assert.fail(`${what} within ${ms} ms`);
}

describe("database outages [postgres]", { skip: POSTGRES_MISSING ?? false }, () => {
  const drops: Array<() => Promise<void>> = [];
  let admin: pg.Client;

  /** Terminates every backend PostgreSQL holds for `name`, as a restart or a pooler's idle timeout does. */
  const terminate = async (name: string) =>
    Number(
      (
        await admin.query<{ n: string }>(
          "select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = $1",
          [name],
        )
      ).rows[0]?.n,
    );
  const backends = async (name: string) =>
    (
      await admin.query<{ query: string }>("select query from pg_stat_activity where application_name = $1", [
        name,
      ])
    ).rows;
  const listening = async (name: string) =>
    (await backends(name)).some((b) => /^LISTEN "gatehouse_changes_/.test(b.query));

  async function schema(): Promise<string> {
    const made = await freshPostgresSchema();
    drops.push(made.drop);
    return made.url;
  }

  before(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
  });
  after(async () => {
    await admin.end();
    for (const drop of drops) await drop();
  });

  it("survives its own backends being terminated under load: every answer is a 2xx or a 503, and it serves again", async (t) => {
    const name = `gatehouse-test-${crypto.randomBytes(4).toString("hex")}`;
    const gh = await startInstance(await schema(), name);
    try {
      await eventually("the instance's pool and listener show under its application_name", () =>
        listening(name),
      );
      let running = true;
      const answers: Answer[] = [];
      const failures: string[] = [];
      let n = 0;
      const worker = async () => {
        while (running) {
          try {
            answers.push(await request(gh, n++));
          } catch (error) {
            failures.push(String((error as Error).cause ?? error));
          }
        }
      };
      const workers = Array.from({ length: 6 }, worker);
      let terminated = 0;
      for (let round = 0; round < 20; round++) {
        await sleep(200);
        terminated += await terminate(name);
      }
      running = false;
      await Promise.all(workers);

      assert.ok(terminated >= 20, `backends terminated: ${terminated}`);
      assert.equal(gh.child.exitCode, null, `the process is still running:\n${gh.output().slice(-3000)}`);
      assert.equal(gh.child.signalCode, null);
      assert.deepEqual(failures, [], "every request was answered");
      const ok = answers.filter((a) => a.status >= 200 && a.status < 300);
      for (const answer of answers.filter((a) => !(a.status >= 200 && a.status < 300)))
        assertUnavailable(answer);
      assert.ok(ok.length > 0, `some requests succeeded (${ok.length} of ${answers.length})`);
      t.diagnostic(
        `${answers.length} answers: ${ok.length} 2xx, ${answers.length - ok.length} 503; ${terminated} backends terminated`,
      );

      await eventually("it serves every kind of request again", async () => {
        for (let k = 0; k < 4; k++) if ((await request(gh, k)).status !== 200) return false;
        return true;
      });
      await eventually("the change listener is back", () => listening(name));
      assert.match(gh.output(), /database connection lost/, "a lost connection is logged");
    } finally {
      assert.equal(await gh.stop(), 0, "and it still shuts down cleanly");
    }
  });

  it("answers 503 in Intercom's shape while the database is unreachable, and serves again once it returns, without a restart", async () => {
    const target = new URL(POSTGRES_URL);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const name = `gatehouse-test-${crypto.randomBytes(4).toString("hex")}`;
    const gh = await startInstance(proxy.route(await schema()), name);
    try {
      assert.equal((await request(gh, 1)).status, 200);
      await proxy.stop();
      // Every request that needs the database; `GET /me` may still be answered from the token cache.
      for (const k of [1, 2, 3, 5, 6, 7]) assertUnavailable(await request(gh, k));
      const token = await fetch(`${gh.url}/auth/eagle/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=authorization_code&code=abc&client_id=def&client_secret=ghi",
      });
      assert.equal(token.status, 503);
      assert.match(token.headers.get("retry-after") ?? "", /^[1-9][0-9]*$/);
      assert.equal(((await token.json()) as { error: string }).error, "temporarily_unavailable");
      const page = await fetch(`${gh.url}/oauth?client_id=${crypto.randomUUID()}&state=s`);
      assert.equal(page.status, 503, "a page says so too");
      assert.match(page.headers.get("retry-after") ?? "", /^[1-9][0-9]*$/);
      assert.match(await page.text(), /cannot reach its database/);
      assert.equal((await fetch(`${gh.url}/readyz`)).status, 503);
      assert.equal(gh.child.exitCode, null, "the process is still running");

      await proxy.start();
      await eventually("it serves again", async () => (await request(gh, 1)).status === 200);
      for (let k = 0; k < 4; k++) assert.equal((await request(gh, k)).status, 200);
      await eventually("the change listener is back", () => listening(name));
    } finally {
      assert.equal(await gh.stop(), 0);
      await proxy.stop();
    }
  });

  it("gives each instance's connections its own application_name by default", async () => {
    const gh = await startInstance(await schema(), "");
    try {
      const pid = gh.child.pid;
      const names = (
        await admin.query<{ application_name: string }>(
          "select distinct application_name from pg_stat_activity where application_name like $1",
          [`gatehouse %:${pid}`],
        )
      ).rows.map((r) => r.application_name);
      assert.deepEqual(names, [`gatehouse ${os.hostname()}:${pid}`.slice(0, 63)]);
    } finally {
      assert.equal(await gh.stop(), 0);
    }
  });
});

describe("the change feed on PostgreSQL", { skip: POSTGRES_MISSING ?? false }, () => {
  const drops: Array<() => Promise<void>> = [];
  const logLines: string[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => logLines.push(line) });
  after(async () => {
    for (const drop of drops) await drop();
  });

  async function schema(): Promise<string> {
    const made = await freshPostgresSchema();
    drops.push(made.drop);
    return made.url;
  }

  /** A feed, and every set of tags it delivers. */
  async function feed(url: string) {
    const heard: string[][] = [];
    const changes = await PostgresChangeFeed.start(url, log, "gatehouse-feed-test");
    changes.subscribe((tags) => heard.push([...tags]));
    return { changes, heard };
  }

  it("is named per schema: deployments sharing a server do not hear each other", async () => {
    const [first, second] = [await schema(), await schema()];
    const a = await feed(first);
    const b = await feed(first);
    const elsewhere = await feed(second);
    try {
      await a.changes.publish(["token:1"]);
      await eventually("the same deployment hears it", async () =>
        b.heard.some((tags) => tags.includes("token:1")),
      );
      await elsewhere.changes.publish(["token:2"]);
      await sleep(300);
      assert.deepEqual(elsewhere.heard, [["token:2"]], "the other deployment heard only its own change");
      assert.deepEqual(b.heard, [["token:1"]], "and did not hear the other's");
    } finally {
      for (const f of [a, b, elsewhere]) await f.changes.close();
    }
  });

  it("reconnects after losing its connection and flushes every cache once back, since it may have missed changes", async () => {
    const url = await schema();
    const target = new URL(POSTGRES_URL);
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const cut = await feed(proxy.route(url));
    const publisher = await feed(url);
    try {
      await proxy.stop();
      await eventually("the loss flushes everything", async () =>
        cut.heard.some((tags) => tags.includes(EVERYTHING)),
      );
      const flushes = () => cut.heard.filter((tags) => tags.includes(EVERYTHING)).length;
      const before = flushes();
      await publisher.changes.publish(["token:missed"]);
      await sleep(1500);
      assert.equal(flushes(), before, "nothing is heard while it is down");
      await proxy.start();
      await eventually("once back, it flushes everything again", async () => flushes() > before);
      await publisher.changes.publish(["token:after"]);
      await eventually("and hears changes again", async () =>
        cut.heard.some((tags) => tags.includes("token:after")),
      );
      assert.ok(!cut.heard.some((tags) => tags.includes("token:missed")));
      const logged = logLines.join("");
      assert.match(logged, /change feed connection lost/);
      assert.match(logged, /listening for changes again/);
    } finally {
      await cut.changes.close();
      await publisher.changes.close();
      await proxy.stop();
    }
  });
});
