import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { revokeToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { updateIpAllowlist } from "../src/platform/identity/ip-allowlist.ts";
import { createTenant, type Gatehouse, startGatehouse, type Tenant } from "./support/gatehouse.ts";
import { freePort, NGINX_MISSING, type Nginx, readLog, startNginx } from "./support/nginx.ts";
import { roomInWindow } from "./support/rate-windows.ts";

/**
 * Issue 14: Debian's real nginx, with `auth_request` to Gatehouse's `/oauth/verify`, in front of a small
 * upstream; the configuration is the one docs/protect-your-api.md gives, read from the page itself.
 */
const DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/protect-your-api.md");

/** The page's nginx blocks: the server configuration, then the file each protected location includes. */
function documentedConfig(): { server: string; include: string } {
  // Only the "Forward auth" section's: other sections of the page may show nginx too.
  const page = fs.readFileSync(DOC, "utf8");
  const start = page.indexOf("\n## Forward auth\n");
  assert.ok(start >= 0, 'the page has a "Forward auth" section');
  const section = page.slice(start + 1).split(/\n## /)[0] ?? "";
  const blocks = [...section.matchAll(/^```nginx\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
  assert.equal(blocks.length, 2, "the page gives nginx.conf's server and gatehouse-forward-auth.conf");
  return { server: blocks[0] ?? "", include: blocks[1] ?? "" };
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `the documented configuration has exactly one "${from}"`);
  return text.replace(from, to);
}

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

// Where CI runs (.ci/run installs nginx), a missing nginx fails instead of skipping.
const SKIP = process.env.CI ? false : (NGINX_MISSING ?? false);

describe("forward auth through Debian's nginx (auth_request)", { skip: SKIP }, () => {
  let gh: Gatehouse;
  let nginx: Nginx;
  let upstream: http.Server;
  let tenant: Tenant;
  const seen: Seen[] = [];

  before(async () => {
    assert.equal(NGINX_MISSING, undefined, NGINX_MISSING);
    // 60 a minute: 10 requests per 10-second window for the app.
    gh = await startGatehouse(
      { dialect: "sqlite" },
      {
        env: {
          GATEHOUSE_RATE_LIMIT_APP: "60",
          GATEHOUSE_RATE_LIMIT_WORKSPACE: "600",
          // nginx asks from 127.0.0.1: its X-Forwarded-For names the client, as the page says to set it.
          GATEHOUSE_TRUST_PROXY: "127.0.0.1",
        },
      },
    );
    tenant = await createTenant(gh.services, { scopes: ["read_users_companies", "read_tags"] });
    upstream = http.createServer((request, response) => {
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
      response.writeHead(200, { "content-type": "application/json" }).end('{"from":"upstream"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as { port: number }).port;
    const port = await freePort();
    const { server, include } = documentedConfig();
    let config = replaceOnce(server, "server 127.0.0.1:8080;", `server ${new URL(gh.url).host};`);
    config = replaceOnce(config, "server 127.0.0.1:3000;", `server 127.0.0.1:${upstreamPort};`);
    config = replaceOnce(config, "listen 127.0.0.1:8000;", `listen 127.0.0.1:${port};`);
    nginx = await startNginx(config, port, { "gatehouse-forward-auth.conf": include });
  });

  after(async () => {
    await nginx?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    await gh?.close();
  });

  const call = (url: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(`${nginx.url}${url}`, { ...init, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("passes a live token's request to the upstream, with who is calling in X-Gatehouse-* headers", async () => {
    seen.length = 0;
    const response = await call("/api/orders/7?expand=lines", {
      ...bearer(tenant.token),
      // Forged by the client: replaced, never passed on.
      "x-gatehouse-admin-id": "1",
      "x-gatehouse-scopes": "everything",
    });
    assert.equal(response.status, 200, readLog(nginx.dir));
    assert.deepEqual(await response.json(), { from: "upstream" });
    assert.ok(response.headers.get("x-ratelimit-limit"), "the client sees its budget");
    assert.equal(seen.length, 1);
    const at = seen[0] as Seen;
    assert.equal(at.url, "/api/orders/7?expand=lines");
    assert.equal(at.headers["x-gatehouse-workspace-id"], tenant.workspace.id_code);
    assert.equal(at.headers["x-gatehouse-admin-id"], String(tenant.admin.id));
    assert.equal(at.headers["x-gatehouse-admin-email"], tenant.admin.email);
    assert.equal(at.headers["x-gatehouse-client-id"], tenant.app.app.client_id);
    assert.equal(at.headers["x-gatehouse-scopes"], "read_tags read_users_companies");
  });

  it("guards a POST with a body too (Gatehouse is asked with GET and no body), passing the body on", async () => {
    seen.length = 0;
    const response = await call(
      "/api/orders",
      { ...bearer(tenant.token), "content-type": "application/json" },
      { method: "POST", body: JSON.stringify({ item: "x".repeat(10_000) }) },
    );
    assert.equal(response.status, 200, readLog(nginx.dir));
    assert.equal(seen[0]?.method, "POST");
    assert.equal(
      seen[0]?.headers["content-length"],
      String(JSON.stringify({ item: "x".repeat(10_000) }).length),
    );
    assert.equal(seen[0]?.headers["x-gatehouse-client-id"], tenant.app.app.client_id);
  });

  it("answers 401 with Gatehouse's challenge for a missing or unknown token, reaching no upstream", async () => {
    seen.length = 0;
    const missing = await call("/api/orders");
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get("www-authenticate"), 'Bearer realm="Intercom API"');
    assert.equal((await missing.json()).errors[0].code, "unauthorized");
    const unknown = await call("/api/orders", bearer(`gat_${"x".repeat(36)}`));
    assert.equal(unknown.status, 401);
    assert.match(
      unknown.headers.get("www-authenticate") ?? "",
      /^Bearer realm="Intercom API", error="invalid_token"/,
    );
    assert.equal(seen.length, 0);
  });

  it("answers 403 with the insufficient_scope challenge carried through", async () => {
    const limited = await createTenant(gh.services, { scopes: ["read_users_companies"] });
    seen.length = 0;
    const refused = await call("/api/tags/1", bearer(limited.token));
    assert.equal(refused.status, 403);
    assert.match(
      refused.headers.get("www-authenticate") ?? "",
      /^Bearer realm="Intercom API", error="insufficient_scope", .*scope="read_tags write_tags"$/,
    );
    assert.equal((await refused.json()).errors[0].code, "forbidden");
    assert.equal(seen.length, 0);
    assert.equal((await call("/api/tags/1", bearer(tenant.token))).status, 200, "read_tags opens it");
  });

  it("shows the client a 429 with Intercom's rate-limit headers, not a 500", async () => {
    const busy = await createTenant(gh.services);
    await roomInWindow(6000);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 11; i++) {
      const response = await call("/api/orders", bearer(busy.token));
      statuses.push(response.status);
      if (response.status === 429) refused = response;
      else await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
    assert.ok(refused);
    assert.equal(refused.headers.get("x-ratelimit-limit"), "10");
    assert.equal(refused.headers.get("x-ratelimit-remaining"), "0");
    const reset = Number(refused.headers.get("x-ratelimit-reset"));
    assert.ok(reset * 1000 > Date.now() && reset * 1000 <= Date.now() + 10_000, "the window's end");
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 10);
    const body = await refused.json();
    assert.equal(body.type, "error.list");
    assert.equal(body.errors[0].code, "rate_limit_exceeded");
    assert.equal(body.errors[0].message, "Exceeded rate limit of 10 in 10_seconds");
    assert.match(body.request_id, /^[0-9a-f-]{36}$/, "Gatehouse's request id");
  });

  it("refuses a revoked token on the very next request", async () => {
    const doomed = await createTenant(gh.services);
    assert.equal((await call("/api/orders", bearer(doomed.token))).status, 200);
    await revokeToken(gh.services, doomed.app.accessToken.row.id, { reason: "leaked" });
    seen.length = 0;
    const after = await call("/api/orders", bearer(doomed.token));
    assert.equal(after.status, 401);
    assert.match(after.headers.get("www-authenticate") ?? "", /error="invalid_token"/);
    assert.equal(seen.length, 0);
  });

  it("holds tokens to their workspace's IP allowlist by the client's address, which nginx forwards", async () => {
    const held = await createTenant(gh.services, { scopes: ["read_tags"] });
    await updateIpAllowlist(
      gh.services,
      held.workspace.id,
      { enabled: true, ip_allowlist: ["127.0.0.2"] },
      { adminId: held.admin.id, ip: "127.0.0.2" },
    );
    // From 127.0.0.2 (listed) through nginx, which Gatehouse sees asking from 127.0.0.1 (not listed).
    const listed = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${nginx.url}/api/orders/1`);
      http
        .get(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            localAddress: "127.0.0.2",
            headers: bearer(held.token),
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        )
        .on("error", reject);
    });
    assert.equal(listed, 200, readLog(nginx.dir));
    const elsewhere = await call("/api/orders/1", bearer(held.token));
    assert.equal(elsewhere.status, 403, "from 127.0.0.1, not on the list");
    assert.equal((await elsewhere.json()).errors[0].code, "forbidden");
  });

  it("answers 503, never the upstream, when Gatehouse cannot be reached", async () => {
    // Last: stops this Gatehouse.
    await gh.server.close();
    seen.length = 0;
    const response = await call("/api/orders", bearer(tenant.token));
    assert.equal(response.status, 503);
    assert.equal((await response.json()).errors[0].code, "service_unavailable");
    assert.equal(seen.length, 0);
  });
});
