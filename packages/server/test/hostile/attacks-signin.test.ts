import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { setRequestedScopes } from "../../src/platform/apps/apps.ts";
import { setPlatformReviewer } from "../../src/platform/identity/admins.ts";
import { Browser, csrfOf, type Page } from "../support/browser.ts";
import { cliOf } from "../support/cli.ts";
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
 * One case per finding of issue 11 against sign-in, sessions and review (items 2, 4, 5 and 9), each
 * attempted for real against the server, as the penetration test did, and refused.
 */

describeEachDatabase("attack catalog: sign-in, sessions, review", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;

  /** A browser at `address` (requests reach Gatehouse through a trusted loopback proxy naming it). */
  async function browserAt(address: string) {
    const browser = new Browser(gh.url);
    const from = { "x-forwarded-for": address };
    const csrf = csrfOf((await browser.get("/signin", from)).body);
    const signIn = (email: string, password: string, extra: Record<string, string> = {}): Promise<Page> =>
      browser.post("/signin", { _csrf: csrf, email, password, ...extra }, from);
    return { browser, signIn };
  }

  async function signedIn(who: Tenant, address = "198.51.100.1"): Promise<Browser> {
    const at = await browserAt(address);
    assert.equal((await at.signIn(who.admin.email, PASSWORD)).status, 303);
    return at.browser;
  }

  before(async () => {
    gh = await startGatehouse(database, {
      env: {
        GATEHOUSE_TRUST_PROXY: "127.0.0.1",
        GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url"),
        // Room for every guess a budget admits to be checked at once: only the budget decides.
        GATEHOUSE_SIGNIN_CONCURRENCY: "8",
      },
    });
    cli = cliOf(gh);
  });
  after(() => gh.close());

  it("open redirect after sign-in (CWE-601): no spelling of return_to leaves the site, none gives a 500", async () => {
    const victim = await createTenant(gh.services);
    for (const returnTo of [
      "/\t/evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "//evil.example",
      "https:evil.example",
      "http://evil.example/",
      "/..//evil.example",
      "/%09/evil.example",
      "%0d%0a//evil.example",
      "/\r\nSet-Cookie: gh_session=x",
      "/\u000b/evil.example",
      "/ü/😀",
      `/${"x".repeat(60_000)}`,
    ]) {
      const { signIn } = await browserAt("198.51.100.2");
      const answer = await signIn(victim.admin.email, PASSWORD, { return_to: returnTo });
      assert.equal(answer.status, 303, JSON.stringify(returnTo.slice(0, 40)));
      assert.equal(new URL(answer.location as string).origin, gh.url, JSON.stringify(returnTo.slice(0, 40)));
    }
  });

  it("parallel password guessing (CWE-307, CWE-362): 20 guesses at once, 5 checked, the right one refused", async () => {
    const victim = await createTenant(gh.services);
    const { signIn } = await browserAt("203.0.113.50");
    const guesses = Array.from({ length: 20 }, (_, i) => `guess number ${i}`);
    const answers = await Promise.all(guesses.map((guess) => signIn(victim.admin.email, guess)));
    assert.equal(answers.filter((a) => a.status === 401).length, 5);
    assert.equal(answers.filter((a) => a.status === 429).length, 15);
    assert.equal((await signIn(victim.admin.email, PASSWORD)).status, 429, "the 21st, right, is not checked");
  });

  it("lockout as denial of service (OWASP): a guesser at one address cannot lock the owner out at another", async () => {
    const owner = await createTenant(gh.services);
    const guesser = await browserAt("203.0.113.51");
    for (let i = 0; i < 8; i++) await guesser.signIn(owner.admin.email, `guess ${i}`);
    assert.equal((await guesser.signIn(owner.admin.email, PASSWORD)).status, 429);
    const atHome = await browserAt("198.51.100.3");
    assert.equal((await atHome.signIn(owner.admin.email, PASSWORD)).status, 303);
  });

  it("planted CSRF cookie and token (cookie tossing): refused beside the victim's session", async () => {
    const victim = await createTenant(gh.services);
    const attacker = new Browser(gh.url);
    const plantedToken = csrfOf((await attacker.get("/signin")).body);
    const browser = await signedIn(victim);
    browser.cookies.set("gh_csrf", attacker.cookies.get("gh_csrf") as string);
    const forged = await browser.post(`/hub/apps/${victim.app.app.client_id}/token/regenerate`, {
      _csrf: plantedToken,
    });
    assert.equal(forged.status, 403);
    assert.equal((await fetch(`${gh.url}/me`, { headers: bearer(victim.token) })).status, 200);
  });

  it("stale session after a password change (ASVS 3.3.3): every session of the admin ends", async () => {
    const victim = await createTenant(gh.services);
    const thief = await signedIn(victim, "203.0.113.52");
    assert.equal((await thief.get("/hub")).status, 200);
    const changed = await cli(
      "admin",
      "set-password",
      "--email",
      victim.admin.email,
      "--password",
      "rotated after a leak",
    );
    assert.equal(changed.code, 0, changed.stderr);
    const after = await thief.get("/hub");
    assert.equal(after.status, 303);
    assert.match(after.location ?? "", /\/signin/);
  });

  it("self-approval (separation of duties): a reviewer cannot approve their own workspace's extended scope", async () => {
    const insider = await createTenant(gh.services, { scopes: [] });
    await setRequestedScopes(gh.services, insider.app.app.id, ["read_admins"], "mine", {
      adminId: insider.admin.id,
    });
    await setPlatformReviewer(gh.services, insider.admin.id, true);
    const browser = await signedIn(insider);
    const queue = await browser.get("/reviews");
    assert.doesNotMatch(queue.body, new RegExp(`name="app" value="${insider.app.app.id}"`));
    const forged = await browser.post("/reviews/decide", {
      _csrf: csrfOf(queue.body),
      app: String(insider.app.app.id),
      scope: "read_admins",
      decision: "approved",
    });
    assert.equal(forged.status, 403);
    assert.equal((await fetch(`${gh.url}/admins`, { headers: bearer(insider.token) })).status, 403);
  });
});
