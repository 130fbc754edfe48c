import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Browser, csrfOf, type Page } from "./support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * A form or link that fails its route's schema is answered by a page a person can read: a 4xx in
 * HTML that names the field and what it must be, never JSON, never a 5xx, and nothing changed.
 */
describe("pages refuse input their schemas refuse", () => {
  let gh: Gatehouse;
  let owner: Tenant;
  let browser: Browser;
  let base: string;
  let csrf: string;

  before(async () => {
    // What the schema refuses never reaches a database: one is enough.
    gh = await startGatehouse({ dialect: "sqlite" });
    owner = await createTenant(gh.services, { name: "Forms workspace" });
    browser = new Browser(gh.url);
    await browser.signIn(owner.admin.email, PASSWORD);
    base = `/hub/apps/${owner.app.app.client_id}`;
    csrf = csrfOf((await browser.get(base)).body);
  });
  after(() => gh.close());

  function assertReadablePage(page: Page, status: number, says: RegExp) {
    assert.equal(page.status, status, page.body.slice(0, 300));
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(page.body, /^<!DOCTYPE html>/i);
    assert.match(page.body, says);
    assert.doesNotMatch(page.body, /"type":"error\.list"|parameter_invalid/);
  }

  async function appName(): Promise<string> {
    const row = await gh.services.db
      .selectFrom("apps")
      .select("name")
      .where("id", "=", owner.app.app.id)
      .executeTakeFirstOrThrow();
    return row.name;
  }

  it("a missing field: 400, naming it", async () => {
    const page = await browser.post(`${base}/rename`, { _csrf: csrf });
    assertReadablePage(page, 400, /The name field is required\./);
    assert.match(page.body, /Sign out/, "shown to the signed-in admin, in the hub's layout");
    assert.equal(await appName(), owner.app.app.name);
  });

  it("a field longer than its schema allows: 400, saying how long it may be", async () => {
    const page = await browser.post(`${base}/rename`, { _csrf: csrf, name: "x".repeat(60_000) });
    assertReadablePage(page, 400, /The name field must be at most 255 characters\./);
    assert.equal(await appName(), owner.app.app.name);
  });

  it("a 64 kB field (over a form's size): 413, in words", async () => {
    const page = await browser.post(`${base}/rename`, { _csrf: csrf, name: "x".repeat(64 * 1024) });
    assertReadablePage(page, 413, /larger than a form can be/);
    assert.equal(await appName(), owner.app.app.name);
  });

  it("CR/LF in a one-line field: 400, saying it must be one line", async () => {
    for (const name of ["Renamed\r\nSet-Cookie: x=1", "Renamed\n", "Tab\there", "C1\u0085"]) {
      const page = await browser.post(`${base}/rename`, { _csrf: csrf, name });
      assertReadablePage(page, 400, /The name field must be one line of text, without control characters\./);
    }
    assert.equal(await appName(), owner.app.app.name);
  });

  it("a choice outside the offered ones, and a query parameter over its length", async () => {
    const oauth = await browser.post(`${base}/oauth`, { _csrf: csrf, enabled: "maybe" });
    assertReadablePage(oauth, 400, /The enabled field must be one of true, false\./);
    const notice = await browser.get(`${base}?notice=${"x".repeat(500)}`);
    assertReadablePage(notice, 400, /The notice field must be at most 100 characters\./);
  });

  it("signed out, the sign-in form names its field too", async () => {
    const stranger = new Browser(gh.url);
    const token = csrfOf((await stranger.get("/signin")).body);
    const page = await stranger.post("/signin", { _csrf: token, email: owner.admin.email });
    assertReadablePage(page, 400, /The password field is required\./);
  });
});
