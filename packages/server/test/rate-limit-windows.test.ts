import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createApp } from "../src/platform/apps/apps.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  POSTGRES_MISSING,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { roomInWindow } from "./support/rate-windows.ts";
import { freshRedisPrefix, REDIS_MISSING, REDIS_URL } from "./support/redis.ts";

/**
 * Issue 13, item 5: Intercom's rate limits are per-minute figures counted a sixth per 10-second window;
 * the three headers describe the budget that binds; a refusal draws on no budget; a 429 says when to
 * come back. Counted alike in memory and, across instances, in Redis.
 */
async function me(gh: Gatehouse, token: string) {
  const response = await gh.server.inject({ method: "GET", url: "/me", headers: bearer(token) });
  const h = response.headers;
  return {
    status: response.statusCode,
    limit: h["x-ratelimit-limit"],
    remaining: h["x-ratelimit-remaining"],
    reset: Number(h["x-ratelimit-reset"]),
    retryAfter: h["retry-after"],
  };
}

async function secondApp(gh: Gatehouse, tenant: Tenant): Promise<string> {
  const app = await createApp(gh.services, {
    workspaceId: tenant.workspace.id,
    adminId: tenant.admin.id,
    name: `Another ${crypto.randomUUID()}`,
    scopes: [],
  });
  return app.accessToken.token;
}

/** App: 30 a minute (5 a window); workspace: 42 a minute (7 a window). */
const BUDGETS = { GATEHOUSE_RATE_LIMIT_APP: "30", GATEHOUSE_RATE_LIMIT_WORKSPACE: "42" };

/** The same story on any limiter: the headers follow the budget with the least left, to the 429. */
async function headersFollowTheBindingBudget(gh: Gatehouse) {
  const tenant = await createTenant(gh.services);
  const other = await secondApp(gh, tenant);
  await roomInWindow(6000);
  for (const left of [4, 3, 2]) {
    const answer = await me(gh, tenant.token);
    assert.deepEqual([answer.status, answer.limit, answer.remaining], [200, "5", String(left)]);
  }
  // The workspace has 4 left, the second app 5: the workspace's budget binds from its first request.
  for (const left of [3, 2, 1, 0]) {
    const answer = await me(gh, other);
    assert.deepEqual([answer.status, answer.limit, answer.remaining], [200, "7", String(left)]);
  }
  for (const token of [other, tenant.token]) {
    const refused = await me(gh, token);
    assert.deepEqual(
      [refused.status, refused.limit, refused.remaining],
      [429, "7", "0"],
      "the 429 names the budget Remaining counted down",
    );
    assert.ok(Number(refused.retryAfter) >= 1 && Number(refused.retryAfter) <= 10, "Retry-After");
    assert.equal(refused.reset % 10, 0);
    assert.ok(refused.reset * 1000 > Date.now() && refused.reset * 1000 <= Date.now() + 10_000);
  }
}

/** An app that keeps calling after its 429s spends nothing of its workspace's budget. */
async function refusalsDrawOnNothing(gh: Gatehouse) {
  const tenant = await createTenant(gh.services);
  const other = await secondApp(gh, tenant);
  await roomInWindow(6000);
  for (let i = 0; i < 5; i++) assert.equal((await me(gh, tenant.token)).status, 200);
  for (let i = 0; i < 10; i++) assert.equal((await me(gh, tenant.token)).status, 429);
  const next = await me(gh, other);
  assert.deepEqual(
    [next.status, next.limit, next.remaining],
    [200, "7", "1"],
    "7 - 5 - 1: no refusal counted",
  );
}

describe("rate limits in 10-second windows (in memory)", () => {
  let gh: Gatehouse;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" }, { env: BUDGETS });
  });
  after(() => gh.close());

  it("reports the binding budget in all three headers, down to its 429", () =>
    headersFollowTheBindingBudget(gh));

  it("draws nothing from any budget for a refused request", () => refusalsDrawOnNothing(gh));

  it("admits again when the window named by X-RateLimit-Reset and Retry-After ends, not a minute later", async () => {
    const tenant = await createTenant(gh.services);
    await roomInWindow(6000);
    for (let i = 0; i < 5; i++) await me(gh, tenant.token);
    const refused = await me(gh, tenant.token);
    assert.equal(refused.status, 429);
    await sleep(Number(refused.retryAfter) * 1000);
    assert.ok(Date.now() >= refused.reset * 1000, "Retry-After waits out the window X-RateLimit-Reset names");
    const again = await me(gh, tenant.token);
    assert.deepEqual([again.status, again.remaining], [200, "4"]);
  });
});

const SHARED_MISSING = POSTGRES_MISSING ?? REDIS_MISSING;

describe("rate limits in 10-second windows across instances (Redis)", {
  skip: SHARED_MISSING ?? false,
}, () => {
  let a: Gatehouse;
  let b: Gatehouse;
  before(async () => {
    const env = {
      ...BUDGETS,
      GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
      REDIS_URL,
      GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
    };
    a = await startGatehouse({ dialect: "postgres" }, { env });
    b = await startGatehouse({ dialect: "postgres" }, { env, sharing: a });
  });
  after(async () => {
    await b.stop();
    await a.close();
  });

  it("reports the binding budget in all three headers, down to its 429", () =>
    headersFollowTheBindingBudget(a));

  it("draws nothing from any budget for a refused request", () => refusalsDrawOnNothing(b));

  it("cannot be overdrawn by 20 parallel requests on two instances", async () => {
    const tenant = await createTenant(a.services);
    await roomInWindow(6000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => me(i % 2 === 0 ? a : b, tenant.token)),
    );
    const admitted = answers.filter((x) => x.status === 200);
    assert.equal(admitted.length, 5, "exactly the window's five");
    assert.deepEqual(admitted.map((x) => x.remaining).sort(), ["0", "1", "2", "3", "4"]);
    assert.ok(answers.every((x) => x.status === 200 || (x.status === 429 && x.retryAfter)));
  });
});
