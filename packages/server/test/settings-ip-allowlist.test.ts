import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Browser, csrfOf } from "./support/browser.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * The REST API IP allowlist on the workspace's settings, where Intercom's admins set it (Settings >
 * Security), beside `PUT /ip_allowlist`: the same rules, the same lockout protection for the address
 * the page is used from, and an entry in the activity log for every change. A page: SQLite alone.
 */
describe("the IP allowlist settings page", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let browser: Browser;
  let page: string;

  const apiFrom = async (address: string) =>
    (await gh.server.inject({ url: "/me", headers: bearer(tenant.token), remoteAddress: address }))
      .statusCode;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services, { name: "Fortress" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
    browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, TENANT_PASSWORD);
    page = `/settings/${tenant.workspace.id_code}/security`;
  });
  after(() => gh.close());

  it("is linked from the workspace settings and starts off, with nothing listed", async () => {
    const settings = await browser.get("/settings");
    assert.ok(settings.body.includes(`href="${page}"`), "linked from /settings");
    const shown = await browser.get(page);
    assert.equal(shown.status, 200);
    assert.match(shown.body, /REST API IP allowlist/);
    assert.doesNotMatch(shown.body, /name="enabled"[^>]*checked/);
  });

  it("refuses a list that leaves out the address the page is used from, and saves nothing", async () => {
    const refused = await browser.submit(page, { enabled: "1", entries: "203.0.113.0/24" });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Your IP \(127\.0\.0\.1\) is not on the allowlist/);
    assert.match(refused.body, /203\.0\.113\.0\/24/, "what was typed is kept in the form");
    assert.equal(await apiFrom("192.0.2.50"), 200, "nothing saved");
  });

  it("refuses an entry that is no address or range, naming it", async () => {
    const refused = await browser.submit(page, { enabled: "1", entries: "127.0.0.1\n<b>nope</b>" });
    assert.equal(refused.status, 400);
    assert.match(
      refused.body,
      /The entry &quot;&lt;b>nope&lt;\/b>&quot; is no IPv4 or IPv6 address/,
      "named, escaped",
    );
    assert.doesNotMatch(refused.body, /<b>nope<\/b>/);
  });

  it("holds the page to the API's limit of 1,000 entries", async () => {
    const many = ["127.0.0.1", ...Array.from({ length: 1_000 }, (_, i) => `10.${i >> 8}.${i & 255}.1`)];
    const refused = await browser.submit(page, { enabled: "1", entries: many.join("\n") });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /at most 1,000/);
    assert.equal(await apiFrom("192.0.2.50"), 200, "nothing saved");
  });

  it("saves the list, one entry a line or separated by commas, and the API holds to it at once", async () => {
    const saved = await browser.submit(page, {
      enabled: "1",
      entries: "127.0.0.1\r\n203.0.113.0/24, 2001:db8::/32\n\n",
    });
    assert.equal(saved.status, 303, saved.body.slice(0, 300));
    const shown = await browser.follow(saved);
    assert.match(shown.body, /IP allowlist saved/);
    assert.match(shown.body, /name="enabled"[^>]*checked/);
    assert.match(shown.body, /127\.0\.0\.1\n203\.0\.113\.0\/24\n2001:db8::\/32<\/textarea>/);
    assert.equal(await apiFrom("192.0.2.50"), 403);
    assert.equal(await apiFrom("203.0.113.7"), 200);

    const off = await browser.submit(page, { entries: "127.0.0.1\n203.0.113.0/24\n2001:db8::/32" });
    assert.equal(off.status, 303);
    assert.equal(await apiFrom("192.0.2.50"), 200, "turned off: every address again");
  });

  it("records each change in the workspace's activity log", async () => {
    const log = await browser.get(`/settings/${tenant.workspace.id_code}/activity`);
    assert.equal(log.status, 200);
    assert.match(log.body, /turned on the REST API IP allowlist/);
    assert.match(log.body, /turned off the REST API IP allowlist/);
    assert.match(log.body, /127\.0\.0\.1, 203\.0\.113\.0\/24, 2001:db8::\/32/);
  });

  it("is the workspace's admins' alone", async () => {
    const elsewhere = await browser.get(`/settings/${other.workspace.id_code}/security`);
    assert.equal(elsewhere.status, 404);
    // With this admin's own valid form token: refused for the workspace, not for the form.
    const post = await browser.post(`/settings/${other.workspace.id_code}/security`, {
      _csrf: csrfOf((await browser.get(page)).body),
      enabled: "1",
      entries: "127.0.0.1",
    });
    assert.equal(post.status, 404);
    assert.equal(
      (await gh.server.inject({ url: "/me", headers: bearer(other.token), remoteAddress: "192.0.2.50" }))
        .statusCode,
      200,
      "the other workspace's tokens are untouched",
    );
  });
});
