import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { setClientType, setOAuthEnabled } from "../../src/platform/apps/apps.ts";
import { setRedirectUris } from "../../src/platform/apps/oauth/redirect-uris.ts";
import { createContact } from "../../src/resources/contacts/contacts.ts";
import { Browser, hiddenFields } from "../support/browser.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "../support/gatehouse.ts";

/**
 * The OAuth findings of a penetration test (issue 11, items 3, 7 and 10), each attempted as the attacker
 * did and refused: a used code seen in a log, a forged Host, a flood of introspections, a mix-up.
 */
const CALLBACK = "http://127.0.0.1:7777/cb";
const INTROSPECT_BUDGET = 5;

function s256(verifier: string): string {
  return crypto.createHash("sha256").update(verifier).digest("base64url");
}

describeEachDatabase("attack catalog: OAuth", (database) => {
  let gh: Gatehouse;
  /** The victim integration: a public client (PKCE, no secret), installed by its builder on its own workspace. */
  let victim: Tenant;
  let browser: Browser;

  async function authorize(query = ""): Promise<URL> {
    const page = await browser.get(`/oauth?client_id=${victim.app.app.client_id}&state=st${query}`);
    // A request the client must hear refused goes straight back to it.
    if (page.status === 303) return new URL(page.location as string);
    assert.equal(page.status, 200, page.body.slice(0, 200));
    const answer = await browser.post("/oauth", {
      ...hiddenFields(page.body, "/oauth"),
      decision: "authorize",
      workspace: victim.workspace.id_code,
    });
    return new URL(answer.location as string);
  }

  /** A code, redeemed by the victim with its verifier: the token, and what a log would have kept. */
  async function redeemed(): Promise<{ code: string; verifier: string; token: string }> {
    const verifier = crypto.randomBytes(32).toString("base64url");
    const code = (
      await authorize(`&code_challenge=${s256(verifier)}&code_challenge_method=S256`)
    ).searchParams.get("code") as string;
    const { status, body } = await exchange({
      code,
      client_id: victim.app.app.client_id,
      code_verifier: verifier,
    });
    assert.equal(status, 200, JSON.stringify(body));
    return { code, verifier, token: body.token };
  }

  async function exchange(fields: Record<string, string>) {
    const response = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: await response.json() };
  }

  async function alive(token: string): Promise<boolean> {
    const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status === 200;
  }

  before(async () => {
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_RATE_LIMIT_INTROSPECT: String(INTROSPECT_BUDGET) },
    });
    victim = await createTenant(gh.services, { name: "Victim", scopes: ["read_tags"] });
    await setOAuthEnabled(gh.services, victim.app.app.id, true);
    await setRedirectUris(gh.services, victim.app.app.id, [CALLBACK]);
    await setClientType(gh.services, victim.app.app.id, "public");
    browser = new Browser(gh.url);
    await browser.signIn(victim.admin.email, PASSWORD);
  });
  after(() => gh.close());

  it("code replay without the client's proof (RFC 6749 §4.1.2): a used code and a public client_id revoke nothing", async () => {
    const { code, token } = await redeemed();
    const replay = await exchange({ code, client_id: victim.app.app.client_id });
    assert.equal(replay.body.error, "invalid_grant");
    const guessed = await exchange({
      code,
      client_id: victim.app.app.client_id,
      code_verifier: crypto.randomBytes(32).toString("base64url"),
    });
    assert.equal(guessed.body.error, "invalid_grant");
    assert.equal(await alive(token), true);
    assert.equal(await alive(victim.token), true);
  });

  it("code replay as a lever (RFC 6749 §4.1.2): a proven replay revokes its own token, never the installation's others", async () => {
    const other = await redeemed();
    const { code, verifier, token } = await redeemed();
    const replay = await exchange({ code, client_id: victim.app.app.client_id, code_verifier: verifier });
    assert.equal(replay.body.error, "invalid_grant");
    assert.equal(await alive(token), false, "what the replayed code issued is revoked");
    assert.equal(await alive(other.token), true, "a token from another code is not");
    assert.equal(await alive(victim.token), true, "nor the app's own access token");
  });

  it("code replay after the code's lifetime: nothing happens", async () => {
    const { code, verifier, token } = await redeemed();
    await gh.services.db
      .updateTable("authorization_codes")
      .set({ expires_at: Date.now() - 1 })
      .where("code_hmac", "=", gh.services.keys.hmac(code))
      .execute();
    const late = await exchange({ code, client_id: victim.app.app.client_id, code_verifier: verifier });
    assert.equal(late.body.error, "invalid_grant");
    assert.equal(await alive(token), true);
  });

  it("introspection flood: a client's introspections are budgeted, with 429 and Retry-After", async () => {
    const resourceServer = await createTenant(gh.services, { name: "Resource server" });
    const fields = {
      token: victim.token,
      client_id: resourceServer.app.app.client_id,
      client_secret: resourceServer.app.clientSecret,
    };
    const answers = await Promise.all(
      Array.from({ length: INTROSPECT_BUDGET * 4 }, () =>
        fetch(`${gh.url}/oauth/introspect`, { method: "POST", body: new URLSearchParams(fields) }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, INTROSPECT_BUDGET, statuses.join(","));
    const refused = answers.find((answer) => answer.status === 429);
    assert.ok(refused, "some are refused");
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.equal(((await refused.json()) as { error: string }).error, "rate_limit_exceeded");
  });

  it("mix-up (RFC 9207, RFC 9700 §4.4): every authorization response names its issuer", async () => {
    const issuer = (
      (await (await fetch(`${gh.url}/.well-known/oauth-authorization-server`)).json()) as { issuer: string }
    ).issuer;
    const success = await authorize(`&code_challenge=${s256("x".repeat(43))}&code_challenge_method=S256`);
    const refused = await authorize("");
    assert.ok(success.searchParams.get("code"));
    assert.equal(refused.searchParams.get("error"), "invalid_request", "a public client without PKCE");
    for (const answer of [success, refused]) assert.equal(answer.searchParams.get("iss"), issuer);
  });

  it("Host poisoning of metadata: built from a forged Host, it is never publicly cacheable", async () => {
    const answer = await gh.server.inject({
      url: "/.well-known/oauth-authorization-server",
      headers: { host: "evil.example" },
    });
    assert.doesNotMatch(String(answer.headers["cache-control"]), /public/);
    assert.match(String(answer.headers.vary), /Host/);
  });
});

describe("attack catalog: Host poisoning with a public URL", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_PUBLIC_URL: "https://auth.example.com", GATEHOUSE_TRUST_PROXY: "true" } },
    );
    tenant = await createTenant(gh.services);
  });
  after(() => gh.close());

  it("a forged Host or X-Forwarded-Host reaches neither metadata nor the API's links", async () => {
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };
    const metadata = await gh.server.inject({
      url: "/.well-known/oauth-authorization-server",
      headers: forged,
    });
    const contact = await createContact(gh.services, tenant.workspace.id, { email: "notes@example.com" });
    for (const body of ["one", "two"])
      await gh.server.inject({
        method: "POST",
        url: `/contacts/${contact.id}/notes`,
        headers: { ...bearer(tenant.token), "content-type": "application/json", ...forged },
        payload: JSON.stringify({ body, admin_id: tenant.admin.id }),
      });
    const page = await gh.server.inject({
      url: `/contacts/${contact.id}/notes?per_page=1`,
      headers: { ...bearer(tenant.token), ...forged },
    });
    assert.equal(metadata.json().issuer, "https://auth.example.com");
    assert.match(page.json().pages.next, /^https:\/\/auth\.example\.com\//);
    assert.doesNotMatch(metadata.body + page.body, /evil\.example/);
  });
});
