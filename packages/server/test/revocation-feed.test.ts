import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { reviewScopeRequest, setOAuthEnabled, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { uninstallApp } from "../src/platform/apps/installations.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { createResourceServer } from "../src/platform/apps/resource-servers/resource-servers.ts";
import { deleteAccessToken, regenerateAccessToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import {
  basic,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
  tenantHolding,
} from "./support/gatehouse.ts";

const CALLBACK = "https://client.example.com/cb";

/** What a resource server computes from a token it holds, written here from the documentation alone. */
const digestOf = (token: string) =>
  crypto.createHmac("sha256", token).update("gatehouse-revocation-feed-v1").digest("base64url");

interface Entry {
  digest: string;
  event: "revoked" | "uninstalled" | "narrowed";
  at: number;
}

/**
 * The revocation feed (issue 14): every way a token is revoked, uninstalled or narrowed shows up in it,
 * named by a digest only a holder of the token can compute; resource servers only; paged by an opaque
 * cursor.
 */
describeEachDatabase("the revocation feed", (database) => {
  let gh: Gatehouse;
  let rs: { id: string; secret: string };

  async function feed(query: string, credentials = rs) {
    const response = await gh.server.inject({
      method: "GET",
      url: `/oauth/revocations${query}`,
      headers: basic(`${credentials.id}:${credentials.secret}`),
    });
    return { status: response.statusCode, headers: response.headers, body: response.json() };
  }

  async function head(): Promise<string> {
    const { status, body } = await feed("");
    assert.equal(status, 200);
    assert.deepEqual(body.revocations, []);
    return body.next;
  }

  /** Everything after `cursor`, page by page. */
  async function since(cursor: string, limit = 100): Promise<Entry[]> {
    const entries: Entry[] = [];
    for (;;) {
      const { status, body } = await feed(`?since=${cursor}&limit=${limit}`);
      assert.equal(status, 200, JSON.stringify(body));
      entries.push(...body.revocations);
      cursor = body.next;
      if (!body.has_more) return entries;
    }
  }

  /** Runs `act` and answers what the feed said of `tokens` meanwhile. */
  async function named(tokens: string[], act: () => Promise<unknown>): Promise<(string | undefined)[]> {
    const start = await head();
    await act();
    const entries = await since(start);
    return tokens.map((token) => entries.find((e) => e.digest === digestOf(token))?.event);
  }

  async function codeFor(app: Tenant, who: Tenant): Promise<string> {
    const browser = new Browser(gh.url);
    await browser.signIn(who.admin.email, PASSWORD);
    const page = await browser.get(`/oauth?client_id=${app.app.app.client_id}&state=s`);
    assert.equal(page.status, 200, page.body.slice(0, 300));
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
      workspace: who.workspace.id_code,
    });
    assert.equal(answer.status, 303);
    const code = new URL(answer.location as string).searchParams.get("code");
    assert.ok(code);
    return code;
  }

  async function exchange(app: Tenant, code: string) {
    const response = await gh.server.inject({
      method: "POST",
      url: "/auth/eagle/token",
      payload: { client_id: app.app.app.client_id, client_secret: app.app.clientSecret, code },
    });
    return { status: response.statusCode, body: response.json() };
  }

  async function oauthApp(): Promise<Tenant> {
    const app = await createTenant(gh.services);
    await setOAuthEnabled(gh.services, app.app.app.id, true);
    await setRedirectUris(gh.services, app.app.app.id, [CALLBACK]);
    return app;
  }

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    const made = await createResourceServer(gh.services, "Feed reader");
    rs = { id: made.row.client_id, secret: made.clientSecret };
  });
  after(() => gh.close());

  it("names a token revoked at the revoke endpoint by a digest only its holder computes, never the token or its stored HMAC", async () => {
    const t = await createTenant(gh.services);
    const start = await head();
    const revoked = await gh.server.inject({
      method: "POST",
      url: "/oauth/revoke",
      headers: basic(`${t.app.app.client_id}:${t.app.clientSecret}`),
      payload: { token: t.token },
    });
    assert.equal(revoked.statusCode, 200);
    const { body } = await feed(`?since=${start}`);
    assert.equal(body.revocations.length, 1);
    assert.equal(body.revocations[0].digest, digestOf(t.token));
    assert.equal(body.revocations[0].event, "revoked");
    assert.ok(Math.abs(body.revocations[0].at - Date.now() / 1000) < 60);
    assert.deepEqual(body.digest_method, {
      algorithm: "HMAC-SHA256",
      key: "token",
      message: "gatehouse-revocation-feed-v1",
      encoding: "base64url",
    });
    const stored = await gh.services.db
      .selectFrom("access_tokens")
      .select("token_hmac")
      .where("id", "=", t.app.accessToken.row.id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(body);
    assert.ok(!text.includes(t.token) && !text.includes(stored.token_hmac));
    assert.notEqual(body.next, start);
    assert.deepEqual((await feed(`?since=${body.next}`)).body.revocations, [], "the cursor moves past it");
  });

  it("names a token revoked by a replayed code, and the one before it narrowed when consent shrank", async () => {
    const app = await oauthApp();
    const installer = await createTenant(gh.services);
    const first = await exchange(app, await codeFor(app, installer));
    assert.equal(first.status, 200);
    const code = await codeFor(app, installer);
    // A later consent granting fewer scopes (the app asked for fewer in between, say).
    await gh.services.db
      .updateTable("authorization_codes")
      .set({ scopes: "read_admins" })
      .where("redeemed_at", "is", null)
      .execute();
    let second: { status: number; body: { access_token: string } } | undefined;
    assert.deepEqual(
      await named([first.body.access_token], async () => {
        second = await exchange(app, code);
      }),
      ["narrowed"],
    );
    assert.equal(second?.status, 200);
    const token = second?.body.access_token as string;
    assert.deepEqual(await named([token], () => exchange(app, code)), ["revoked"], "the replay revoked it");
  });

  it("names every token of an installation uninstalled, by the hub or by the app itself", async () => {
    const t = await createTenant(gh.services);
    assert.deepEqual(
      await named([t.token], () => uninstallApp(gh.services, t.app.installationId, t.admin.id)),
      ["uninstalled"],
    );
    const u = await createTenant(gh.services);
    const self = await named([u.token], () =>
      gh.server.inject({
        method: "POST",
        url: "/oauth/uninstall",
        headers: { authorization: `Bearer ${u.token}` },
      }),
    );
    assert.deepEqual(self, ["uninstalled"]);
  });

  it("names a token regenerated or deleted (hub), revoked by the CLI, or reported as leaked", async () => {
    const t = await createTenant(gh.services);
    let next = "";
    assert.deepEqual(
      await named([t.token], async () => {
        next = (await regenerateAccessToken(gh.services, t.app.installationId, { reason: "regenerated" }))
          .token;
      }),
      ["revoked"],
    );
    assert.deepEqual(await named([next], () => deleteAccessToken(gh.services, t.app.installationId)), [
      "revoked",
    ]);
    const c = await createTenant(gh.services);
    const cli = cliOf(gh);
    const byCli = await named([c.token], async () => {
      const result = await cli("token", "revoke", "--app", c.app.app.client_id);
      assert.equal(result.code, 0, result.stderr);
    });
    assert.deepEqual(byCli, ["revoked"]);
    const l = await createTenant(gh.services);
    const leaked = await named([l.token], () =>
      gh.server.inject({ method: "POST", url: "/oauth/report-leak", payload: { token: l.token } }),
    );
    assert.deepEqual(leaked, ["revoked"]);
  });

  it("names an app's tokens narrowed when it drops a scope or an extended scope's approval is withdrawn", async () => {
    const standard = gh.services.scopes.ofTier("standard").map((s) => s.id);
    const t = await createTenant(gh.services, { scopes: standard });
    assert.deepEqual(
      await named([t.token], () => setRequestedScopes(gh.services, t.app.app.id, standard.slice(1))),
      ["narrowed"],
    );
    // Adding a scope narrows nothing.
    assert.deepEqual(await named([t.token], () => setRequestedScopes(gh.services, t.app.app.id, standard)), [
      undefined,
    ]);
    const extended = gh.services.scopes.ofTier("extended")[0]?.id as string;
    const x = await tenantHolding(gh.services, [extended]);
    const reject = () =>
      reviewScopeRequest(gh.services, {
        appId: x.app.app.id,
        scopeId: extended,
        decision: "rejected",
        note: "no",
      });
    assert.deepEqual(await named([x.token], reject), ["narrowed"]);
    assert.deepEqual(await named([x.token], reject), [undefined], "rejecting again narrows nothing more");
  });

  it("pages by an opaque cursor, oldest first", async () => {
    const start = await head();
    const tenants = await Promise.all([1, 2, 3, 4, 5].map(() => createTenant(gh.services)));
    for (const t of tenants) await uninstallApp(gh.services, t.app.installationId, null);
    const first = await feed(`?since=${start}&limit=2`);
    assert.equal(first.body.revocations.length, 2);
    assert.equal(first.body.has_more, true);
    const all = await since(start, 2);
    assert.deepEqual(
      all.map((e) => e.digest),
      tenants.map((t) => digestOf(t.token)),
    );
  });

  it("answers only resource servers, and refuses a cursor it did not give or a bad limit", async () => {
    const t = await createTenant(gh.services);
    const asApp = await feed("", { id: t.app.app.client_id, secret: t.app.clientSecret });
    assert.equal(asApp.status, 401);
    assert.equal(asApp.body.error, "invalid_client");
    const wrong = await feed("", { id: rs.id, secret: `${rs.secret}x` });
    assert.equal(wrong.status, 401);
    const none = await gh.server.inject({ method: "GET", url: "/oauth/revocations" });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers["www-authenticate"]), /^Basic /);
    const bearerToken = await gh.server.inject({
      method: "GET",
      url: "/oauth/revocations",
      headers: { authorization: `Bearer ${t.token}` },
    });
    assert.equal(bearerToken.statusCode, 401);
    for (const query of [
      "?since=abc",
      "?since=%00",
      `?since=${"a".repeat(65)}`,
      "?limit=0",
      "?limit=1001",
      "?limit=x",
    ]) {
      const { status, body } = await feed(query);
      assert.equal(status, 400, query);
      assert.equal(body.error, "invalid_request");
      assert.equal(body.type, "error.list");
    }
    const forged = Buffer.from("rf1:-1").toString("base64url");
    assert.equal((await feed(`?since=${forged}`)).status, 400);
  });
});
