import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
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

async function me(gh: Gatehouse, token: string) {
  const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

// Budgets are per minute, counted as Intercom counts them: a sixth in each 10-second window. The figures
// below are six times what a window allows (30 a minute: 5 per window), and the bursts wait for room in
// one window.
describe("API rate limits (in memory)", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let second: string;
  before(async () => {
    gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_RATE_LIMIT_APP: "30", GATEHOUSE_RATE_LIMIT_WORKSPACE: "48" } },
    );
    tenant = await createTenant(gh.services);
    const another = await createApp(gh.services, {
      workspaceId: tenant.workspace.id,
      adminId: tenant.admin.id,
      name: "Second app",
      scopes: [],
    });
    second = another.accessToken.token;
  });
  after(() => gh.close());

  it("counts each app's requests with Intercom's headers, then answers 429 rate_limit_exceeded", async () => {
    await roomInWindow(6000);
    for (let i = 1; i <= 5; i++) {
      const { status, headers } = await me(gh, tenant.token);
      assert.equal(status, 200);
      // Intercom's rate-limiting reference: "a rate limit of 1000 per minute, which is 167 per 10-second
      // window" answers X-RateLimit-Limit: 167, the window's figure that Remaining counts down from.
      assert.equal(headers.get("x-ratelimit-limit"), "5", "the window's figure: 30 a minute");
      assert.equal(headers.get("x-ratelimit-remaining"), String(5 - i));
      const reset = Number(headers.get("x-ratelimit-reset"));
      assert.ok(
        reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 10,
        "a Unix timestamp within ten seconds: the window's end",
      );
      assert.equal(reset % 10, 0, "windows are aligned to the epoch");
    }
    const refused = await me(gh, tenant.token);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.type, "error.list");
    assert.equal(refused.body.errors[0].code, "rate_limit_exceeded");
    assert.equal(refused.body.errors[0].message, "Exceeded rate limit of 5 in 10_seconds");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
  });

  it("gives another app its own budget, within the workspace's", async () => {
    // The workspace allows 8 a window: five went to the first app, and its refused request drew on
    // neither budget (it drew on the workspace's before Intercom's counting was adopted), so the second
    // app gets three. The workspace's budget binds, and the headers say so.
    for (let left = 2; left >= 0; left--) {
      const admitted = await me(gh, second);
      assert.equal(admitted.status, 200);
      assert.equal(admitted.headers.get("x-ratelimit-limit"), "8", "the workspace's budget binds");
      assert.equal(admitted.headers.get("x-ratelimit-remaining"), String(left));
    }
    const refused = await me(gh, second);
    assert.equal(refused.status, 429, "the workspace budget is spent");
    assert.equal(refused.headers.get("x-ratelimit-limit"), "8");
  });

  it("does not count requests without a valid token against anyone", async () => {
    const other = await createTenant(gh.services);
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${gh.url}/me`, { headers: bearer(`gat_${"x".repeat(36)}`) });
      assert.equal(response.status, 401);
    }
    assert.equal((await me(gh, other.token)).headers.get("x-ratelimit-remaining"), "4");
  });
});

describe("token endpoint rate limit", () => {
  it("limits token requests per authenticated client", async () => {
    const gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT: "3" } },
    );
    try {
      const tenant = await createTenant(gh.services);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${gh.url}/auth/eagle/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            code: "gac_nope",
            client_id: tenant.app.app.client_id,
            client_secret: tenant.app.clientSecret,
          }),
        });
        statuses.push(response.status);
        if (response.status === 429) assert.equal((await response.json()).error, "rate_limit_exceeded");
      }
      // An unknown code is invalid_grant: 401 "Unauthorized Code", as Intercom answers it (issue 13, item 2).
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      // Someone else sending the victim's public client_id with a wrong secret spends nothing of its budget.
      const victim = await createTenant(gh.services);
      for (let i = 0; i < 5; i++) {
        const forged = await fetch(`${gh.url}/auth/eagle/token`, {
          method: "POST",
          body: new URLSearchParams({
            code: "gac_nope",
            client_id: victim.app.app.client_id,
            client_secret: "gcs_wrong",
          }),
        });
        assert.equal(forged.status, 401);
      }
      const own = await fetch(`${gh.url}/auth/eagle/token`, {
        method: "POST",
        body: new URLSearchParams({
          code: "gac_nope",
          client_id: victim.app.app.client_id,
          client_secret: victim.app.clientSecret,
        }),
      });
      // Not a 429: the unknown code is looked at (invalid_grant, 401 "Unauthorized Code").
      assert.equal(own.status, 401, "the real client still has its whole budget");
    } finally {
      await gh.close();
    }
  });
});

const SHARED_MISSING = POSTGRES_MISSING ?? REDIS_MISSING;

describe("two instances on one PostgreSQL and one Redis", { skip: SHARED_MISSING ?? false }, () => {
  it("share one rate-limit budget", async () => {
    const env = {
      GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
      REDIS_URL,
      GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
      GATEHOUSE_RATE_LIMIT_APP: "36",
    };
    const a = await startGatehouse({ dialect: "postgres" }, { env });
    const b = await startGatehouse({ dialect: "postgres" }, { env, sharing: a });
    try {
      const tenant = await createTenant(a.services);
      const statuses: number[] = [];
      await roomInWindow(6000);
      for (let i = 0; i < 8; i++) statuses.push((await me(i % 2 === 0 ? a : b, tenant.token)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
      const last = await me(b, tenant.token);
      assert.equal(last.headers.get("x-ratelimit-limit"), "6");
    } finally {
      await b.stop();
      await a.close();
    }
  });
});
