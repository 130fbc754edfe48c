import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { addMember } from "../src/platform/identity/admins.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

async function signedIn(gh: Gatehouse, who: Tenant, password = PASSWORD): Promise<Browser> {
  const browser = new Browser(gh.url);
  await browser.signIn(who.admin.email, password);
  return browser;
}

/** Whether a browser is still signed in: the hub answers it, rather than sending it to sign in. */
async function isSignedIn(browser: Browser): Promise<boolean> {
  const page = await browser.get("/hub");
  return page.status === 200;
}

describeEachDatabase("sessions end when they should", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;
  before(async () => {
    gh = await startGatehouse(database, {
      env: { GATEHOUSE_SECRET_KEY: crypto.randomBytes(32).toString("base64url") },
    });
    cli = cliOf(gh);
  });
  after(() => gh.close());

  it("`gatehouse admin set-password` ends every session of the admin, and only theirs", async () => {
    const admin = await createTenant(gh.services);
    const bystander = await createTenant(gh.services);
    const [laptop, phone, other] = [
      await signedIn(gh, admin),
      await signedIn(gh, admin),
      await signedIn(gh, bystander),
    ];
    assert.ok(await isSignedIn(laptop));
    const changed = await cli(
      "admin",
      "set-password",
      "--email",
      admin.admin.email,
      "--password",
      "a brand new passphrase",
      "--json",
    );
    assert.equal(changed.code, 0, changed.stderr);
    assert.equal(JSON.parse(changed.stdout).sessions_ended, 2);
    assert.equal(await isSignedIn(laptop), false, "a session from before the change is over");
    assert.equal(await isSignedIn(phone), false);
    assert.equal(await isSignedIn(other), true, "another admin's session is untouched");
    const live = await gh.services.db
      .selectFrom("sessions")
      .select("id")
      .where("admin_id", "=", admin.admin.id)
      .where("ended_at", "is", null)
      .execute();
    assert.equal(live.length, 0);
    await assert.rejects(signedIn(gh, admin), /401/, "the old password no longer works");
    assert.ok(await isSignedIn(await signedIn(gh, admin, "a brand new passphrase")));
  });

  it("removal from the admin's last workspace ends their sessions; from one of two, it does not", async () => {
    const first = await createTenant(gh.services);
    const second = await createTenant(gh.services);
    const member = await createTenant(gh.services);
    await addMember(gh.services, first.workspace.id, member.admin.id, "admin");
    const browser = await signedIn(gh, member);
    const remove = (workspace: Tenant["workspace"]) =>
      cli("admin", "remove", "--email", member.admin.email, "--workspace", workspace.id_code);
    assert.equal((await remove(first.workspace)).code, 0);
    assert.equal(await isSignedIn(browser), true, "still a member of their own workspace");
    // Their own workspace has one owner; a second owner lets them leave it.
    await addMember(gh.services, member.workspace.id, second.admin.id, "owner");
    const last = await remove(member.workspace);
    assert.equal(last.code, 0, last.stderr);
    assert.equal(await isSignedIn(browser), false, "no workspace left: signed out everywhere");
  });
});

describeEachDatabase("CSRF tokens bound to the session", (database) => {
  let gh: Gatehouse;
  let victim: Tenant;
  let attacker: Tenant;
  before(async () => {
    gh = await startGatehouse(database);
    victim = await createTenant(gh.services);
    attacker = await createTenant(gh.services);
  });
  after(() => gh.close());

  async function tokenStillWorks(token: string): Promise<boolean> {
    const response = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    await response.arrayBuffer();
    return response.status === 200;
  }

  it("refuses a cookie and token planted from another browser beside the victim's session", async () => {
    // The attacker's own browser: a pre-session cookie and the token the sign-in page gives it.
    const planter = new Browser(gh.url);
    const plantedToken = csrfOf((await planter.get("/signin")).body);
    const plantedCookie = planter.cookies.get("gh_csrf") as string;
    assert.ok(plantedCookie);
    const browser = await signedIn(gh, victim);
    // A sibling subdomain (or a plain-http response) can set cookies for the victim's site.
    browser.cookies.set("gh_csrf", plantedCookie);
    const regenerate = `/hub/apps/${victim.app.app.client_id}/token/regenerate`;
    const forged = await browser.post(regenerate, { _csrf: plantedToken });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /This form has expired/);
    assert.ok(await tokenStillWorks(victim.token), "nothing changed");
  });

  it("refuses another session's token, and a token from before sign-in", async () => {
    const intruder = await signedIn(gh, attacker);
    const intrudersToken = csrfOf((await intruder.get("/hub")).body);
    const browser = new Browser(gh.url);
    const beforeSignIn = csrfOf((await browser.get("/signin")).body);
    await browser.signIn(victim.admin.email, PASSWORD);
    const regenerate = `/hub/apps/${victim.app.app.client_id}/token/regenerate`;
    assert.equal((await browser.post(regenerate, { _csrf: intrudersToken })).status, 403);
    assert.equal((await browser.post(regenerate, { _csrf: beforeSignIn })).status, 403);
    assert.ok(await tokenStillWorks(victim.token));
    const own = csrfOf((await browser.get("/hub")).body);
    assert.notEqual(own, beforeSignIn, "signing in gives the browser a new token");
    const confirmed = await browser.post(regenerate, { _csrf: own, confirm: "1" });
    assert.equal(confirmed.status, 303, "its own token works");
  });

  it("makes a signed-out browser's old tokens useless once it signs in again", async () => {
    const browser = await signedIn(gh, victim);
    const first = csrfOf((await browser.get("/hub")).body);
    await browser.post("/signout", { _csrf: first });
    await browser.signIn(victim.admin.email, PASSWORD);
    const second = csrfOf((await browser.get("/hub")).body);
    assert.notEqual(first, second);
    const page = await browser.post("/hub/apps/new", { _csrf: first, name: "With an old token" });
    assert.equal(page.status, 403);
  });
});

describe("cookies behind an https public URL", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse(
      { dialect: "sqlite" },
      { env: { GATEHOUSE_PUBLIC_URL: "https://gatehouse.example" } },
    );
    tenant = await createTenant(gh.services);
  });
  after(() => gh.close());

  function cookieHeader(setCookies: string[]): string {
    return setCookies.map((line) => line.split(";")[0]).join("; ");
  }

  it("names every cookie __Host- and marks it Secure, Path=/ and without Domain; the session works", async () => {
    const form = await gh.server.inject({ method: "GET", url: "/signin" });
    const preSession = form.headers["set-cookie"] as string | string[];
    const lines = [preSession].flat();
    assert.equal(lines.length, 1);
    assert.match(lines[0] as string, /^__Host-gh_csrf=[^;]+; /);
    for (const line of lines) {
      assert.match(line, /; Secure/);
      assert.match(line, /; Path=\//);
      assert.match(line, /; HttpOnly/);
      assert.match(line, /; SameSite=Lax/);
      assert.doesNotMatch(line, /Domain=/i);
    }
    const signIn = await gh.server.inject({
      method: "POST",
      url: "/signin",
      headers: { cookie: cookieHeader(lines), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: csrfOf(form.body),
        email: tenant.admin.email,
        password: PASSWORD,
      }).toString(),
    });
    assert.equal(signIn.statusCode, 303, signIn.body.slice(0, 300));
    const session = [signIn.headers["set-cookie"] as string | string[]].flat();
    const sessionLine = session.find((l) => l.startsWith("__Host-gh_session=")) as string;
    assert.ok(sessionLine, JSON.stringify(session));
    assert.match(sessionLine, /; Secure/);
    assert.match(sessionLine, /; Path=\//);
    assert.doesNotMatch(sessionLine, /Domain=/i);
    const hub = await gh.server.inject({
      method: "GET",
      url: "/hub",
      headers: { cookie: cookieHeader([sessionLine]) },
    });
    assert.equal(hub.statusCode, 200);
    // The same session under the unprefixed name (as a sibling subdomain could plant) signs nobody in.
    const unprefixed = cookieHeader([sessionLine]).replace("__Host-gh_session", "gh_session");
    const planted = await gh.server.inject({ method: "GET", url: "/hub", headers: { cookie: unprefixed } });
    assert.equal(planted.statusCode, 303);
  });

  it("keeps plain names without Secure when the public URL is plain http (local use)", async () => {
    const local = await startGatehouse({ dialect: "sqlite" });
    try {
      const form = await local.server.inject({ method: "GET", url: "/signin" });
      const line = [form.headers["set-cookie"] as string | string[]].flat()[0] as string;
      assert.match(line, /^gh_csrf=/);
      assert.doesNotMatch(line, /Secure/);
    } finally {
      await local.close();
    }
  });
});
