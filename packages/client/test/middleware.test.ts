import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import express from "express";
import Fastify from "fastify";
import { createResourceServer } from "../../server/src/platform/apps/resource-servers/resource-servers.ts";
import { purgeRevocationFeed } from "../../server/src/platform/apps/resource-servers/revocation-feed.ts";
import { revokeToken } from "../../server/src/platform/apps/tokens/access-tokens.ts";
import {
  createTenant,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "../../server/test/support/gatehouse.ts";
import * as forExpress from "../src/frameworks/express.ts";
import * as forFastify from "../src/frameworks/fastify.ts";
import { ResourceServer } from "../src/resource-server.ts";

const POLL_MS = 200;
const TTL_MS = 60_000;

interface Api {
  url: string;
  /** How many introspections the API has asked Gatehouse for. */
  introspections(): number;
  close(): Promise<void>;
}

/** Counts the calls to Gatehouse's introspection endpoint, to tell a cached answer from a fresh one. */
function countingFetch() {
  let count = 0;
  const counted: typeof fetch = (input, init) => {
    if (String(input).endsWith("/oauth/introspect")) count++;
    return fetch(input, init);
  };
  return { fetch: counted, count: () => count };
}

/**
 * The middleware of @gatehouse/client (issue 14), in a real Fastify app and a real Express app, in front
 * of a real Gatehouse: a token checked by introspection as a resource server, cached, scopes enforced,
 * the principal on the request, and a revoked token refused within the feed's poll interval, long
 * before the cache's time to live.
 */
describe("resource-server middleware against a real Gatehouse", () => {
  let gh: Gatehouse;
  let credentials: { clientId: string; clientSecret: string };
  let scope: string;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    const made = await createResourceServer(gh.services, "Orders API");
    credentials = { clientId: made.row.client_id, clientSecret: made.clientSecret };
    scope = gh.services.scopes.ofTier("standard")[0]?.id as string;
  });
  after(() => gh.close());

  const options = (fetch: typeof globalThis.fetch) => ({
    gatehouseUrl: gh.url,
    ...credentials,
    cacheTtlMs: TTL_MS,
    pollIntervalMs: POLL_MS,
    realm: "orders",
    fetch,
  });

  async function fastifyApi(): Promise<Api> {
    const counter = countingFetch();
    const app = Fastify();
    await app.register(forFastify.gatehouse, options(counter.fetch));
    app.get("/orders", { preHandler: forFastify.requireScopes(scope) }, async (request) => ({
      principal: forFastify.principalOf(request),
    }));
    app.get("/refunds", { preHandler: forFastify.requireScopes(scope, "issue_refunds") }, async () => ({}));
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, introspections: counter.count, close: () => app.close() };
  }

  async function expressApi(): Promise<Api> {
    const counter = countingFetch();
    const gate = forExpress.gatehouse(options(counter.fetch));
    const app = express();
    app.get("/orders", gate.requireScopes(scope), (req, res) => {
      res.json({ principal: forExpress.principalOf(req) });
    });
    app.get("/refunds", gate.requireScopes(scope, "issue_refunds"), (_req, res) => {
      res.json({});
    });
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      introspections: counter.count,
      close: async () => {
        gate.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  for (const [name, start] of [
    ["Fastify", fastifyApi],
    ["Express", expressApi],
  ] as const) {
    describe(name, () => {
      let api: Api;
      let tenant: Tenant;
      before(async () => {
        api = await start();
        tenant = await createTenant(gh.services, { name: `${name} caller` });
      });
      after(() => api.close());

      const call = async (path: string, authorization?: string) => {
        const response = await fetch(api.url + path, {
          headers: authorization ? { authorization } : {},
        });
        return { status: response.status, headers: response.headers, body: await response.json() };
      };

      it("puts the principal of another app's token on the request, and caches the answer", async () => {
        const first = await call("/orders", `Bearer ${tenant.token}`);
        assert.equal(first.status, 200, JSON.stringify(first.body));
        const principal = first.body.principal;
        assert.equal(principal.clientId, tenant.app.app.client_id);
        assert.equal(principal.email, tenant.admin.email);
        assert.equal(principal.workspaceId, tenant.workspace.id_code);
        assert.equal(principal.audience, credentials.clientId);
        assert.ok(principal.scopes.includes(scope));
        const asked = api.introspections();
        for (let i = 0; i < 5; i++)
          assert.equal((await call("/orders", `Bearer ${tenant.token}`)).status, 200);
        assert.equal(api.introspections(), asked, "answered from the cache");
      });

      it("refuses no token, a bad one and a missing scope with 401/403 and WWW-Authenticate", async () => {
        const none = await call("/orders");
        assert.equal(none.status, 401);
        assert.equal(none.headers.get("www-authenticate"), 'Bearer realm="orders"');
        assert.equal(none.body.type, "error.list");
        assert.equal(none.body.errors[0].code, "unauthorized");
        // The last character changed (to one it is not), so the checksum fails.
        const bad = await call(
          "/orders",
          `Bearer ${tenant.token.slice(0, -1)}${tenant.token.endsWith("x") ? "y" : "x"}`,
        );
        assert.equal(bad.status, 401);
        assert.match(String(bad.headers.get("www-authenticate")), /error="invalid_token"/);
        const basic = await call("/orders", `Basic ${btoa(`${tenant.token}:`)}`);
        assert.equal(basic.status, 401);
        const scoped = await call("/refunds", `Bearer ${tenant.token}`);
        assert.equal(scoped.status, 403);
        const challenge = String(scoped.headers.get("www-authenticate"));
        assert.match(challenge, /error="insufficient_scope"/);
        assert.match(challenge, new RegExp(`scope="${scope} issue_refunds"`));
        assert.equal(scoped.body.errors[0].code, "forbidden");
      });

      it("refuses a revoked token within the feed's poll interval, long before the cache's time to live", async () => {
        const victim = await createTenant(gh.services, { name: `${name} victim` });
        assert.equal((await call("/orders", `Bearer ${victim.token}`)).status, 200, "cached as live");
        const revokedAt = Date.now();
        await revokeToken(gh.services, victim.app.accessToken.row.id, { reason: "test" });
        let status = 200;
        while (status === 200 && Date.now() - revokedAt < 5_000) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          status = (await call("/orders", `Bearer ${victim.token}`)).status;
        }
        const took = Date.now() - revokedAt;
        assert.equal(status, 401);
        assert.ok(
          took < POLL_MS * 3 + 500,
          `refused ${took} ms after the revocation (poll every ${POLL_MS} ms)`,
        );
        assert.ok(took < TTL_MS);
        process.stdout.write(`# ${name}: revoked token refused ${took} ms after revocation\n`);
        assert.equal((await call("/orders", `Bearer ${tenant.token}`)).status, 200, "others still pass");
      });
    });
  }

  it("empties its cache and starts again when the feed says its cursor expired, so no revocation it missed is trusted", async () => {
    const counter = countingFetch();
    const errors: unknown[] = [];
    // Polled by hand below, not on a timer.
    const rs = new ResourceServer({
      ...options(counter.fetch),
      pollIntervalMs: 3_600_000,
      onError: (e) => errors.push(e),
    });
    try {
      const victim = await createTenant(gh.services, { name: "expired-cursor victim" });
      const bystander = await createTenant(gh.services, { name: "expired-cursor bystander" });
      assert.ok(await rs.verify(victim.token));
      assert.ok(await rs.verify(bystander.token));
      const asked = counter.count();
      assert.ok(await rs.verify(bystander.token), "cached");
      assert.equal(counter.count(), asked);

      // The reader is away while the victim is revoked and the feed cleared past its cursor.
      await revokeToken(gh.services, victim.app.accessToken.row.id, { reason: "test" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.ok((await purgeRevocationFeed(gh.services, 0)) >= 1);

      await rs.poll();
      assert.deepEqual(errors, [], "an expired cursor is handled, not reported as a failure");
      assert.equal(await rs.verify(victim.token), undefined, "the revoked token is not trusted");
      assert.ok(await rs.verify(bystander.token));
      assert.equal(counter.count(), asked + 2, "both were asked again: the cache was emptied");

      // And it reads the feed from its new cursor as before.
      const later = await createTenant(gh.services, { name: "expired-cursor later" });
      assert.ok(await rs.verify(later.token));
      await revokeToken(gh.services, later.app.accessToken.row.id, { reason: "test" });
      await rs.poll();
      assert.equal(await rs.verify(later.token), undefined);
      assert.deepEqual(errors, []);
    } finally {
      rs.close();
    }
  });
});
