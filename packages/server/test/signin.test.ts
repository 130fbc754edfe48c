import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { Browser, csrfOf } from "./support/browser.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

describeEachDatabase("signing in and out", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services);
  });
  after(() => gh.close());

  it("shows an accessible form with Email, Password and Sign in", async () => {
    const page = await new Browser(gh.url).get("/signin");
    assert.equal(page.status, 200);
    assert.match(page.body, /<label for="email">Email<\/label>/);
    assert.match(page.body, /<label for="password">Password<\/label>/);
    assert.match(page.body, /<button type="submit" class="primary">Sign in<\/button>/);
    assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
  });

  it("signs in with a server-side session in an HttpOnly, SameSite=Lax cookie", async () => {
    const browser = new Browser(gh.url);
    const page = await browser.get("/signin");
    const response = await browser.post("/signin", {
      _csrf: csrfOf(page.body),
      email: tenant.admin.email.toUpperCase(),
      password: PASSWORD,
    });
    assert.equal(response.status, 303);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gh_session="));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    const stored = await gh.services.db
      .selectFrom("sessions")
      .selectAll()
      .where("admin_id", "=", tenant.admin.id)
      .execute();
    assert.ok(stored.length >= 1);
    const value = cookie.split(";")[0]?.split("=")[1] ?? "";
    assert.ok(!JSON.stringify(stored).includes(value), "the session id is stored only as an HMAC");
    const signedIn = await browser.get("/signin?return_to=/hub");
    assert.equal(signedIn.status, 303, "a signed-in admin is sent on");
  });

  it("gives one message for a wrong password and for an unknown email", async () => {
    const browser = new Browser(gh.url);
    const wrongPassword = await browser.submit("/signin", {
      email: tenant.admin.email,
      password: "not the password at all",
    });
    const unknownEmail = await browser.submit("/signin", { email: "nobody@example.com", password: PASSWORD });
    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownEmail.status, 401);
    const message = (body: string) => /role="alert">([^<]+)</.exec(body)?.[1];
    assert.ok(message(wrongPassword.body));
    assert.equal(message(wrongPassword.body), message(unknownEmail.body));
  });

  it("slows down repeated failures for one email", async () => {
    const target = await createTenant(gh.services);
    const browser = new Browser(gh.url);
    for (let i = 0; i < 5; i++) {
      const page = await browser.submit("/signin", {
        email: target.admin.email,
        password: `wrong password ${i}`,
      });
      assert.equal(page.status, 401);
    }
    const blocked = await browser.submit("/signin", { email: target.admin.email, password: PASSWORD });
    assert.equal(blocked.status, 429, "even the right password waits");
    assert.ok(Number(blocked.headers.get("retry-after")) > 0);
    assert.match(blocked.body, /Too many failed attempts/);
  });

  it("never returns to another site after sign-in", async () => {
    for (const returnTo of ["//evil.example.com/", "https://evil.example.com/", "/\\evil.example.com"]) {
      const browser = new Browser(gh.url);
      const page = await browser.get(`/signin?return_to=${encodeURIComponent(returnTo)}`);
      const response = await browser.post("/signin", {
        _csrf: csrfOf(page.body),
        email: tenant.admin.email,
        password: PASSWORD,
        return_to: returnTo,
      });
      assert.equal(response.status, 303, returnTo);
      assert.equal(new URL(response.location as string).origin, gh.url, returnTo);
    }
  });

  it("refuses a sign-in form without its CSRF token", async () => {
    const browser = new Browser(gh.url);
    await browser.get("/signin");
    const response = await browser.post("/signin", { email: tenant.admin.email, password: PASSWORD });
    assert.equal(response.status, 403);
    assert.equal(browser.cookies.has("gh_session"), false);
  });

  it("signing out ends the session on the server, not only in the browser", async () => {
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const session = browser.cookies.get("gh_session") as string;
    const signedIn = await browser.get("/oauth?client_id=x");
    assert.match(signedIn.body, /Sign out/);
    const out = await browser.post("/signout", { _csrf: csrfOf(signedIn.body) });
    assert.equal(out.status, 303);
    const replayed = new Browser(gh.url);
    replayed.cookies.set("gh_session", session);
    const page = await replayed.get("/signin");
    assert.equal(page.status, 200, "the old session cookie no longer signs anyone in");
    assert.match(page.body, /<h1>Sign in<\/h1>/);
  });
});
