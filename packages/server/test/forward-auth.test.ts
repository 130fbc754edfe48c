import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { revokeToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { updateIpAllowlist } from "../src/platform/identity/ip-allowlist.ts";
import {
  basic,
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { roomInWindow } from "./support/rate-windows.ts";

/**
 * Issue 14, forward auth: `/oauth/verify` as a proxy calls it (nginx `auth_request`, Traefik
 * `ForwardAuth`, Envoy `ext_authz`). The real nginx in front of it is in forward-auth-nginx.test.ts.
 */
type Method = "GET" | "HEAD" | "POST" | "DELETE";

describeEachDatabase("forward auth: /oauth/verify", (database) => {
  let gh: Gatehouse;
  before(async () => {
    // 60 a minute: 10 per window for the app, 20 for the workspace.
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_RATE_LIMIT_APP: "60", GATEHOUSE_RATE_LIMIT_WORKSPACE: "120" },
    });
  });

  /** Each test's own app: its budget (10 a window) is its own. */
  const fresh = (): Promise<Tenant> =>
    createTenant(gh.services, { scopes: ["read_users_companies", "read_tags"] });
  after(() => gh.close());

  const verify = (headers: Record<string, string>, url = "/oauth/verify", method: Method = "GET") =>
    gh.server.inject({ method, url, headers });

  const challenge = (r: LightMyRequestResponse) => String(r.headers["www-authenticate"]);

  it("answers 200 for a live token, naming who it speaks for in headers for the upstream", async () => {
    const tenant = await fresh();
    const ok = await verify({ ...bearer(tenant.token), "x-forwarded-uri": "/orders/7" });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, "");
    assert.equal(ok.headers["x-gatehouse-workspace-id"], tenant.workspace.id_code);
    assert.equal(ok.headers["x-gatehouse-admin-id"], String(tenant.admin.id));
    assert.equal(ok.headers["x-gatehouse-admin-email"], tenant.admin.email);
    assert.equal(ok.headers["x-gatehouse-client-id"], tenant.app.app.client_id);
    assert.equal(ok.headers["x-gatehouse-scopes"], "read_tags read_users_companies");
    assert.equal(ok.headers["cache-control"], "no-store");
    assert.ok(ok.headers["x-ratelimit-limit"], "with Intercom's rate-limit headers");
    // Basic with the token as user name, as the API takes it.
    assert.equal((await verify(basic(`${tenant.token}:`))).statusCode, 200);
  });

  it("answers HEAD, and any method on any path below it (Envoy appends the original path)", async () => {
    const tenant = await fresh();
    const head = await verify(bearer(tenant.token), "/oauth/verify", "HEAD");
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers["x-gatehouse-client-id"], tenant.app.app.client_id);
    for (const method of ["GET", "HEAD", "POST", "DELETE"] as const) {
      const below = await verify(bearer(tenant.token), "/oauth/verify/api/orders/7?expand=lines", method);
      assert.equal(below.statusCode, 200, method);
      assert.equal(below.headers["x-gatehouse-admin-id"], String(tenant.admin.id));
    }
    // A proxy that keeps the client's Content-Type but sends no body is not refused for it.
    const empty = await gh.server.inject({
      method: "POST",
      url: "/oauth/verify/api/orders",
      headers: { ...bearer(tenant.token), "content-type": "application/json" },
    });
    assert.equal(empty.statusCode, 200);
  });

  it("answers 401 with a Bearer challenge for a missing, malformed, unknown or revoked token", async () => {
    const missing = await verify({ "x-original-uri": "/orders" });
    assert.equal(missing.statusCode, 401);
    assert.equal(challenge(missing), 'Bearer realm="Intercom API"');
    assert.equal(missing.json().errors[0].code, "unauthorized");
    for (const headers of [
      { authorization: "Bearer" },
      { authorization: "Token abc" },
      bearer(`gat_${"x".repeat(36)}`),
      basic("app_id:api_key"),
    ]) {
      const refused = await verify(headers);
      assert.equal(refused.statusCode, 401, JSON.stringify(headers));
      assert.match(challenge(refused), /^Bearer realm="Intercom API", error="invalid_token"/);
    }
    const doomed = await createTenant(gh.services);
    assert.equal((await verify(bearer(doomed.token))).statusCode, 200, "cached now");
    await revokeToken(gh.services, doomed.app.accessToken.row.id, { reason: "leaked" });
    const revoked = await verify(bearer(doomed.token));
    assert.equal(revoked.statusCode, 401, "the next request after a revocation is refused");
    assert.equal(revoked.headers["x-gatehouse-admin-id"], undefined);
  });

  it("answers 403 insufficient_scope naming the scopes needed; any one of a list suffices", async () => {
    const tenant = await fresh();
    const viaQuery = await verify(bearer(tenant.token), "/oauth/verify?scope=read_tags%20write_tags");
    assert.equal(viaQuery.statusCode, 200, "read_tags is one of the two");
    const viaHeader = await verify({ ...bearer(tenant.token), "x-gatehouse-scope": "write_tags read_tags" });
    assert.equal(viaHeader.statusCode, 200);
    const refused = await verify({
      ...bearer(tenant.token),
      "x-gatehouse-scope": "write_tags write_users_companies",
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().errors[0].code, "forbidden");
    assert.match(
      challenge(refused),
      /^Bearer realm="Intercom API", error="insufficient_scope", .*scope="write_tags write_users_companies"$/,
    );
    assert.equal(refused.headers["x-gatehouse-client-id"], undefined);
  });

  it("lets a client add a requirement but never widen the proxy's: each one given must be met", async () => {
    const tenant = await fresh();
    // The proxy asks for write_tags in the header; the client appends ?scope=read_tags to its own URL
    // (which Envoy passes on): the header's requirement still holds.
    const widened = await verify(
      { ...bearer(tenant.token), "x-gatehouse-scope": "write_tags" },
      "/oauth/verify/api?scope=read_tags",
    );
    assert.equal(widened.statusCode, 403);
    const both = await verify(
      { ...bearer(tenant.token), "x-gatehouse-scope": "read_tags" },
      "/oauth/verify?scope=read_users_companies",
    );
    assert.equal(both.statusCode, 200);
  });

  it("refuses a scope list too long to be one, without a 5xx", async () => {
    const tenant = await fresh();
    const refused = await verify(bearer(tenant.token), `/oauth/verify?scope=${"a".repeat(3000)}`);
    assert.equal(refused.statusCode, 400);
  });

  it("draws on the API's budgets: traffic through the proxy counts, and its 429 is Intercom's", async () => {
    const limited = await createTenant(gh.services);
    await roomInWindow(6000);
    for (let left = 9; left >= 5; left--) {
      const through = await verify(bearer(limited.token));
      assert.deepEqual(
        [through.statusCode, through.headers["x-ratelimit-limit"], through.headers["x-ratelimit-remaining"]],
        [200, "10", String(left)],
      );
    }
    for (let i = 0; i < 5; i++) {
      const api = await gh.server.inject({ method: "GET", url: "/me", headers: bearer(limited.token) });
      assert.equal(api.statusCode, 200);
    }
    const refused = await verify(bearer(limited.token));
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().errors[0].code, "rate_limit_exceeded");
    assert.equal(refused.headers["x-ratelimit-limit"], "10");
    assert.equal(refused.headers["x-ratelimit-remaining"], "0");
    assert.ok(Number(refused.headers["x-ratelimit-reset"]) * 1000 > Date.now());
    assert.ok(Number(refused.headers["retry-after"]) >= 1);
    assert.equal(refused.headers["x-gatehouse-admin-id"], undefined);
    const api = await gh.server.inject({ method: "GET", url: "/me", headers: bearer(limited.token) });
    assert.equal(api.statusCode, 429, "and the API sees the same budget spent");
  });

  it("holds a token to its workspace's IP allowlist, as the API does: a leaked token is no use through the proxy", async () => {
    const tenant = await fresh();
    await updateIpAllowlist(
      gh.services,
      tenant.workspace.id,
      { enabled: true, ip_allowlist: ["198.51.100.0/24"] },
      { adminId: tenant.admin.id, ip: "198.51.100.7" },
    );
    const from = (remoteAddress: string, headers = bearer(tenant.token)) =>
      gh.server.inject({ method: "GET", url: "/oauth/verify", headers, remoteAddress });
    assert.equal((await from("198.51.100.7")).statusCode, 200);
    const refused = await from("203.0.113.9");
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json().errors[0], {
      code: "forbidden",
      message: "Your IP address is not on the allowlist for API access",
    });
    assert.equal(refused.headers["x-gatehouse-workspace-id"], undefined, "nothing for the upstream");
    // The token is checked first: a bad one from anywhere is still a 401.
    assert.equal((await from("203.0.113.9", bearer("gat_not_a_token"))).statusCode, 401);
  });
});
