import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setClientType } from "../src/platform/apps/apps.ts";
import {
  createTenant,
  type Gatehouse,
  POSTGRES_MISSING,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { freshRedisPrefix, REDIS_MISSING, REDIS_URL } from "./support/redis.ts";

type Endpoint = "/oauth/introspect" | "/oauth/revoke";

async function post(gh: Gatehouse, path: Endpoint, fields: Record<string, string>, remoteAddress?: string) {
  const response = await gh.server.inject({
    method: "POST",
    url: path,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(fields).toString(),
    ...(remoteAddress && { remoteAddress }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

const credentials = (tenant: Tenant) => ({
  client_id: tenant.app.app.client_id,
  client_secret: tenant.app.clientSecret,
});

/**
 * A resource server may introspect on every request it serves, so these budgets are sized like the
 * API's rather than the token endpoint's; but they are budgets, per client, answered in RFC 6749's shape.
 */
describe("introspection and revocation rate limits", () => {
  let gh: Gatehouse;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" }, { env: { GATEHOUSE_RATE_LIMIT_INTROSPECT: "3" } });
  });
  after(() => gh.close());

  for (const path of ["/oauth/introspect", "/oauth/revoke"] as const) {
    it(`limits ${path} per authenticated client with a 429, Retry-After and an RFC 6749 error body`, async () => {
      const client = await createTenant(gh.services);
      const other = await createTenant(gh.services);
      // Someone sending the client's public id with a wrong secret spends none of its budget.
      for (let i = 0; i < 5; i++) {
        const forged = await post(gh, path, {
          token: "gao_whatever",
          client_id: client.app.app.client_id,
          client_secret: "gcs_wrong",
        });
        assert.equal(forged.status, 401);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const answer = await post(gh, path, { token: other.token, ...credentials(client) });
        statuses.push(answer.status);
        if (answer.status !== 429) continue;
        assert.equal(answer.body.error, "rate_limit_exceeded");
        assert.equal(answer.body.type, "error.list");
        assert.equal(answer.body.errors[0].code, "rate_limit_exceeded");
        assert.ok(Number(answer.headers["retry-after"]) >= 1, "Retry-After in seconds");
        assert.equal(answer.headers["cache-control"], "no-store");
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const own = await post(gh, path, { token: client.token, ...credentials(other) });
      assert.equal(own.status, 200, "another client keeps its own budget");
    });
  }

  it("counts a public client (known by its id alone) per address, so nobody can spend its budget from elsewhere", async () => {
    const pub = await createTenant(gh.services);
    await setClientType(gh.services, pub.app.app.id, "public");
    const fields = { token: "gao_whatever", client_id: pub.app.app.client_id };
    const flood: number[] = [];
    for (let i = 0; i < 4; i++) flood.push((await post(gh, "/oauth/revoke", fields, "203.0.113.9")).status);
    assert.deepEqual(flood, [200, 200, 200, 429]);
    assert.equal((await post(gh, "/oauth/revoke", fields, "198.51.100.7")).status, 200);
  });
});

describe("introspection budget by default", () => {
  it("is sized like the API's, not the token endpoint's sixty a minute", async () => {
    const gh = await startGatehouse({ dialect: "sqlite" });
    try {
      const client = await createTenant(gh.services);
      const statuses = new Set<number>();
      for (let i = 0; i < 120; i++)
        statuses.add(
          (await post(gh, "/oauth/introspect", { token: client.token, ...credentials(client) })).status,
        );
      assert.deepEqual([...statuses], [200]);
    } finally {
      await gh.close();
    }
  });
});

const SHARED_MISSING = POSTGRES_MISSING ?? REDIS_MISSING;

describe("introspection budget across instances", { skip: SHARED_MISSING ?? false }, () => {
  it("is one budget for every instance sharing a Redis", async () => {
    const env = {
      GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
      REDIS_URL,
      GATEHOUSE_REDIS_PREFIX: freshRedisPrefix(),
      GATEHOUSE_RATE_LIMIT_INTROSPECT: "4",
    };
    const a = await startGatehouse({ dialect: "postgres" }, { env });
    const b = await startGatehouse({ dialect: "postgres" }, { env, sharing: a });
    try {
      const client = await createTenant(a.services);
      for (const path of ["/oauth/introspect", "/oauth/revoke"] as const) {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++)
          statuses.push(
            (await post(i % 2 === 0 ? a : b, path, { token: "gao_x", ...credentials(client) })).status,
          );
        assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429], path);
      }
    } finally {
      await b.stop();
      await a.close();
    }
  });
});
