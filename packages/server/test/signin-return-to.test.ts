import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { safeReturnPath } from "../src/http/pages/page-context.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const PUBLIC = "https://gatehouse.example";

/** Spellings of "somewhere else" that browsers, not string checks, decide: each must stay on this site. */
const OFF_SITE = [
  "//evil.example/",
  "https://evil.example/",
  "https:evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "/hub/..//evil.example",
  "/%09/evil.example",
  "%0d%0a//evil.example",
  "/%0d%0aSet-Cookie:%20gh_session=planted",
  "/\r\nSet-Cookie: gh_session=planted",
  "/\u000b/evil.example",
  "/\u0085/evil.example",
  "/\u007f/evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/é/ünïcödé",
  "/日本語?q=😀",
  "/\ud800",
  // As long as a sign-in form may be (64 kB in all): too long to be a path Gatehouse sends anyone to.
  `/${"x".repeat(60 * 1024)}`,
  `${PUBLIC}.evil.example/`,
  "http://127.0.0.1@evil.example/",
];

/** What a browser does with a Location header: resolve it against the URL it came from. */
function landsOn(location: string, from: string): string {
  return new URL(location, from).origin;
}

/** A return path a browser can only read as this site: a path, never `//host` or `/\host`, in printable ASCII. */
function assertOnSite(location: string, context: string) {
  assert.match(location, /^\/(?![/\\])[\x21-\x7e]*$/, context);
  for (const base of [PUBLIC, "http://127.0.0.1:8080", "https://other.example:8443"]) {
    assert.equal(landsOn(location, `${base}/signin`), base, context);
  }
}

describe("safeReturnPath", () => {
  it("keeps a path on the public origin and normalises it to what a browser would request", () => {
    assert.equal(safeReturnPath("/hub/apps?tab=1#top", PUBLIC), "/hub/apps?tab=1#top");
    assert.equal(safeReturnPath(`${PUBLIC}/settings`, PUBLIC), "/settings");
    assert.equal(safeReturnPath("/oauth?client_id=a%20b", PUBLIC), "/oauth?client_id=a%20b");
    assert.equal(safeReturnPath("/é", PUBLIC), "/%C3%A9");
    assert.equal(safeReturnPath("/%09/evil", PUBLIC), "/%09/evil", "an encoded tab stays an encoded tab");
    assert.equal(
      safeReturnPath("https:evil", PUBLIC),
      "/evil",
      "the public URL's own scheme: a relative path",
    );
  });

  it("falls back to /hub for every off-site spelling, control character and backslash", () => {
    for (const value of OFF_SITE) {
      const path = safeReturnPath(value, PUBLIC);
      assertOnSite(path, JSON.stringify(value.slice(0, 80)));
    }
    for (const value of [
      "//evil.example/",
      "/\t/evil.example",
      "/..//evil.example",
      "\\/evil",
      "http:evil",
      `/${"x".repeat(64 * 1024)}`,
    ]) {
      assert.equal(safeReturnPath(value, PUBLIC), "/hub", value);
    }
    for (const value of [undefined, null, 42, ["/hub"], ""])
      assert.equal(safeReturnPath(value, PUBLIC), "/hub");
  });

  it("gives, for any string at all, a path that a browser resolves to the same origin", () => {
    const tricky = fc.constantFrom(
      "",
      "/",
      "//",
      "/\\",
      "\\",
      "/..",
      "/./",
      "%2f",
      "%5c",
      "https:",
      "\t",
      " ",
      "/%2e%2e/",
    );
    fc.assert(
      fc.property(tricky, fc.string({ unit: "binary", maxLength: 200 }), tricky, (a, b, c) => {
        assertOnSite(safeReturnPath(a + b + c, PUBLIC), JSON.stringify(a + b + c));
      }),
      { numRuns: 20_000 },
    );
  });
});

describeEachDatabase("returning after sign-in", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let signedIn: string;
  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services);
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    signedIn = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  });
  after(() => gh.close());

  it("signs in and answers 303 to this site, never a 500, for every off-site spelling of return_to", async () => {
    for (const returnTo of OFF_SITE) {
      const context = JSON.stringify(returnTo.slice(0, 80));
      const browser = new Browser(gh.url);
      const page = await browser.get("/signin");
      const response = await browser.post("/signin", {
        _csrf: csrfOf(page.body),
        email: tenant.admin.email,
        password: PASSWORD,
        return_to: returnTo,
      });
      assert.equal(response.status, 303, context);
      assertOnSite(response.headers.get("location") as string, context);
      assert.ok(browser.cookies.has("gh_session"), context);
    }
  });

  it("keeps a path on this site", async () => {
    const browser = new Browser(gh.url);
    const page = await browser.get("/signin");
    const response = await browser.post("/signin", {
      _csrf: csrfOf(page.body),
      email: tenant.admin.email,
      password: PASSWORD,
      return_to: `/settings/${tenant.workspace.id_code}/activity`,
    });
    assert.equal(response.headers.get("location"), `/settings/${tenant.workspace.id_code}/activity`);
  });

  it("sends a signed-in admin on to a Location on this origin, whatever return_to holds", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (raw) => {
        const value = raw.toWellFormed();
        const response = await gh.server.inject({
          method: "GET",
          url: `/signin?return_to=${encodeURIComponent(value)}`,
          headers: { cookie: signedIn },
        });
        // A NUL is refused at the door for every route (400, a readable page); anything else is sent on.
        if (value.includes("\u0000")) return assert.equal(response.statusCode, 400);
        assert.equal(response.statusCode, 303, JSON.stringify(value));
        assertOnSite(response.headers.location as string, JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});
