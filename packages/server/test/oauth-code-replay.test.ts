import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { setClientType, setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { Browser, hiddenFields } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const CALLBACK = "https://client.example.com/cb";
const LOOPBACK_CALLBACK = "http://127.0.0.1:7777/cb";
/** How long a code is kept after its lifetime, in this suite: long enough that no test races the purge. */
const RETENTION_MS = 60_000;

function s256(verifier: string): string {
  return crypto.createHash("sha256").update(verifier).digest("base64url");
}

/**
 * RFC 6749 §4.1.2: a code used twice revokes what it issued. Only what it issued, only for the client
 * that can prove itself as the first exchange had to, and only while the code lives.
 */
describeEachDatabase("OAuth code replay", (database) => {
  let gh: Gatehouse;
  /** A confidential app, installed (by its own admin) on its own workspace and on the installer's. */
  let builder: Tenant;
  /** A public app (PKCE, no secret). */
  let pub: Tenant;
  let installer: Tenant;
  const sessions = new Map<number, Browser>();

  async function signedIn(who: Tenant): Promise<Browser> {
    let browser = sessions.get(who.admin.id);
    if (!browser) {
      browser = new Browser(gh.url);
      await browser.signIn(who.admin.email, PASSWORD);
      sessions.set(who.admin.id, browser);
    }
    return browser;
  }

  /** `who` consents to `app` on their own workspace; returns the code. */
  async function codeFor(app: Tenant, who: Tenant, query = ""): Promise<string> {
    const browser = await signedIn(who);
    const page = await browser.get(`/oauth?client_id=${app.app.app.client_id}&state=s${query}`);
    assert.equal(page.status, 200, page.body.slice(0, 300));
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
      workspace: who.workspace.id_code,
    });
    assert.equal(answer.status, 303);
    const code = new URL(answer.location as string).searchParams.get("code");
    assert.ok(code, answer.location);
    return code;
  }

  async function exchange(fields: Record<string, string>) {
    const response = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: await response.json() };
  }

  const secretOf = (app: Tenant) => ({
    client_id: app.app.app.client_id,
    client_secret: app.app.clientSecret,
  });

  async function meStatus(token: string): Promise<number> {
    const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status;
  }

  async function replaysRecorded(workspaceId: number): Promise<number> {
    const rows = await gh.services.db
      .selectFrom("activity_log")
      .select("id")
      .where("workspace_id", "=", workspaceId)
      .where("action", "=", "oauth.code_replayed")
      .execute();
    return rows.length;
  }

  async function expire(code: string, at: number): Promise<void> {
    await gh.services.db
      .updateTable("authorization_codes")
      .set({ expires_at: at })
      .where("code_hmac", "=", gh.services.keys.hmac(code))
      .execute();
  }

  before(async () => {
    gh = await startGatehouse(database, {
      env: {
        GATEHOUSE_RATE_LIMIT_TOKEN_CLIENT: "1000",
        GATEHOUSE_OAUTH_CODE_RETENTION_MS: String(RETENTION_MS),
        GATEHOUSE_OAUTH_CODE_PURGE_MS: "50",
      },
    });
    builder = await createTenant(gh.services, { name: "Builder", scopes: ["read_tags"] });
    pub = await createTenant(gh.services, { name: "Public", scopes: ["read_tags"] });
    installer = await createTenant(gh.services, { name: "Installer" });
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
    await setOAuthEnabled(gh.services, pub.app.app.id, true);
    await setRedirectUris(gh.services, pub.app.app.id, [LOOPBACK_CALLBACK]);
    await setClientType(gh.services, pub.app.app.id, "public");
  });
  after(() => gh.close());

  it("revokes only the token its code issued: the app's own access token and other codes' tokens keep working", async () => {
    // The builder's admin installs the app on its own workspace: the codes' tokens share the
    // installation that holds the app's own access token.
    const replayed = await codeFor(builder, builder);
    const first = await exchange({ code: replayed, ...secretOf(builder) });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const sibling = await exchange({ code: await codeFor(builder, builder), ...secretOf(builder) });
    const elsewhere = await exchange({ code: await codeFor(builder, installer), ...secretOf(builder) });
    for (const token of [first.body.token, sibling.body.token, elsewhere.body.token, builder.token])
      assert.equal(await meStatus(token), 200);

    const replay = await exchange({ code: replayed, ...secretOf(builder) });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error, "invalid_grant");
    assert.equal(await meStatus(first.body.token), 401, "the token the replayed code issued is revoked");
    assert.equal(await meStatus(builder.token), 200, "the app's own access token keeps working");
    assert.equal(await meStatus(sibling.body.token), 200, "a token from another code keeps working");
    assert.equal(await meStatus(elsewhere.body.token), 200, "a token on another workspace keeps working");
    assert.equal(await replaysRecorded(builder.workspace.id), 1, "the replay is in the activity log");
  });

  it("does nothing for a replay whose client does not prove itself as the first exchange had to", async () => {
    const verifier = crypto.randomBytes(32).toString("base64url");
    const code = await codeFor(
      pub,
      installer,
      `&code_challenge=${s256(verifier)}&code_challenge_method=S256`,
    );
    const first = await exchange({ code, client_id: pub.app.app.client_id, code_verifier: verifier });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const before = await replaysRecorded(installer.workspace.id);

    // The public client_id alone, then with a verifier that is not the one: what anybody could send.
    const bare = await exchange({ code, client_id: pub.app.app.client_id });
    assert.equal(bare.status, 401);
    assert.equal(bare.body.error, "invalid_grant");
    const guessed = await exchange({
      code,
      client_id: pub.app.app.client_id,
      code_verifier: crypto.randomBytes(32).toString("base64url"),
    });
    assert.equal(guessed.body.error, "invalid_grant");
    assert.equal(await meStatus(first.body.token), 200, "an unauthenticated replay revokes nothing");
    assert.equal(await replaysRecorded(installer.workspace.id), before, "and records nothing");

    // A confidential client's replay without its secret is not even heard.
    const builderCode = await codeFor(builder, installer);
    const builderToken = (await exchange({ code: builderCode, ...secretOf(builder) })).body.token;
    const noSecret = await exchange({ code: builderCode, client_id: builder.app.app.client_id });
    assert.equal(noSecret.status, 401);
    const wrongSecret = await exchange({
      code: builderCode,
      client_id: builder.app.app.client_id,
      client_secret: `${builder.app.clientSecret.slice(0, -1)}${builder.app.clientSecret.endsWith("x") ? "y" : "x"}`,
    });
    assert.equal(wrongSecret.status, 401);
    assert.equal(await meStatus(builderToken), 200);

    // The client that holds the verifier is heard: its replay revokes the token.
    const proven = await exchange({ code, client_id: pub.app.app.client_id, code_verifier: verifier });
    assert.equal(proven.body.error, "invalid_grant");
    assert.equal(await meStatus(first.body.token), 401);
    assert.equal(await replaysRecorded(installer.workspace.id), before + 1);
  });

  it("does nothing for a replay after the code's lifetime: a plain invalid_grant", async () => {
    const code = await codeFor(builder, installer);
    const first = await exchange({ code, ...secretOf(builder) });
    assert.equal(first.status, 200);
    await expire(code, Date.now() - 1);
    const before = await replaysRecorded(installer.workspace.id);
    const late = await exchange({ code, ...secretOf(builder) });
    assert.equal(late.status, 401);
    assert.equal(late.body.error, "invalid_grant");
    assert.equal(await meStatus(first.body.token), 200, "an expired code can no longer revoke");
    assert.equal(await replaysRecorded(installer.workspace.id), before);
  });

  it("gives one token for twenty parallel exchanges of one code; the replays revoke that one and no other", async () => {
    const bystander = await exchange({ code: await codeFor(builder, builder), ...secretOf(builder) });
    const code = await codeFor(builder, builder);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => exchange({ code, ...secretOf(builder) })),
    );
    const won = results.filter((r) => r.status === 200);
    assert.equal(won.length, 1, results.map((r) => r.status).join(","));
    for (const lost of results.filter((r) => r.status !== 200)) {
      assert.equal(lost.status, 401);
      assert.equal(lost.body.error, "invalid_grant");
    }
    const codeRow = await gh.services.db
      .selectFrom("authorization_codes")
      .select("id")
      .where("code_hmac", "=", gh.services.keys.hmac(code))
      .executeTakeFirstOrThrow();
    const issued = await gh.services.db
      .selectFrom("access_tokens")
      .select(["id", "revoked_at"])
      .where("authorization_code_id", "=", codeRow.id)
      .execute();
    assert.equal(issued.length, 1, "one token row for the code");
    // Every loser presented a code already used: each is a replay, so the one token dies.
    assert.equal(await meStatus(won[0]?.body.token), 401);
    assert.equal(await meStatus(bystander.body.token), 200);
    assert.equal(await meStatus(builder.token), 200);
  });

  it("purges codes once their lifetime and the retention window have passed; their tokens live on", async () => {
    const used = await codeFor(builder, installer);
    const token = (await exchange({ code: used, ...secretOf(builder) })).body.token;
    const unused = await codeFor(builder, installer);
    const recent = await codeFor(builder, installer);
    const longAgo = Date.now() - RETENTION_MS - 1000;
    await expire(used, longAgo);
    await expire(unused, longAgo);
    await expire(recent, Date.now() - 1);
    const present = async (code: string) =>
      (await gh.services.db
        .selectFrom("authorization_codes")
        .select("id")
        .where("code_hmac", "=", gh.services.keys.hmac(code))
        .executeTakeFirst()) !== undefined;
    const deadline = Date.now() + 10_000;
    while ((await present(used)) || (await present(unused))) {
      assert.ok(Date.now() < deadline, "the purge did not remove the old codes within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await present(recent), true, "a code within the retention window is kept");
    assert.equal(await meStatus(token), 200, "a purged code's token keeps working");
    const replay = await exchange({ code: used, ...secretOf(builder) });
    assert.equal(replay.body.error, "invalid_grant");
    assert.equal(await meStatus(token), 200);
  });
});
