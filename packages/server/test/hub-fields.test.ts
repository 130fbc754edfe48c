import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Browser, type Page } from "./support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * The hub's forms: a refusal shows the form again (400) with what was typed, HTML-escaped, and the
 * message beside the field it concerns; the app's description and icon; the notice on an app that asks
 * for no scope; the folded webhook topics; the copy script. Page rendering is the same on both databases.
 */
describe("hub forms, profile and pages", () => {
  let gh: Gatehouse;
  let owner: Tenant;
  let browser: Browser;
  let base: string;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    owner = await createTenant(gh.services, { name: "Fields workspace" });
    browser = new Browser(gh.url);
    await browser.signIn(owner.admin.email, PASSWORD);
    base = `/hub/apps/${owner.app.app.client_id}`;
  });
  after(() => gh.close());

  async function saved() {
    return gh.services.db
      .selectFrom("apps")
      .select(["name", "description", "icon_url", "uninstall_url"])
      .where("id", "=", owner.app.app.id)
      .executeTakeFirstOrThrow();
  }

  /** A refusal shown beside `id`'s field: 400, the message there, the field pointing at it. */
  function assertBeside(page: Page, id: string, says: RegExp) {
    assert.equal(page.status, 400, page.body.slice(0, 300));
    assert.match(page.body, new RegExp(`aria-invalid="true" aria-describedby="${id}-error[ "]`));
    const message = new RegExp(`<p id="${id}-error" class="field-error">([^<]*)</p>`).exec(page.body)?.[1];
    assert.match(message ?? "", says);
  }

  it("saves a description and an https icon, shown in the header and the app list, and logged", async () => {
    const page = await browser.submit(
      base,
      { description: "  Syncs tags with your CRM.  ", icon_url: "https://cdn.example.com/icon.png" },
      `${base}/profile`,
    );
    assert.equal(page.status, 303);
    assert.deepEqual(
      { description: (await saved()).description, icon: (await saved()).icon_url },
      { description: "Syncs tags with your CRM.", icon: "https://cdn.example.com/icon.png" },
    );
    const basic = await browser.follow(page);
    assert.match(basic.body, /Description and icon saved/);
    assert.match(
      basic.body,
      /<img class="app-icon large" src="https:\/\/cdn\.example\.com\/icon\.png" alt="Fields workspace app icon" width="48" height="48"/,
    );
    assert.match(basic.body, /<p class="muted app-description">Syncs tags with your CRM\.<\/p>/);
    const list = await browser.get("/hub");
    assert.match(
      list.body,
      /<img class="app-icon small" src="https:\/\/cdn\.example\.com\/icon\.png"[^>]*width="32"/,
    );
    assert.match(list.body, /Syncs tags with your CRM\./);
    const logged = await gh.services.db
      .selectFrom("activity_log")
      .select("details")
      .where("action", "=", "app.profile_changed")
      .execute();
    assert.equal(logged.length, 1);
    assert.equal(JSON.parse(logged[0]?.details ?? "{}").icon_url, "https://cdn.example.com/icon.png");
  });

  it("logs only what a save changed, and nothing for a save that changes nothing", async () => {
    const entries = async () =>
      (
        await gh.services.db
          .selectFrom("activity_log")
          .select("details")
          .where("action", "=", "app.profile_changed")
          .orderBy("id")
          .execute()
      ).map((row) => JSON.parse(row.details));
    const before = (await entries()).length;
    const icon = (await saved()).icon_url;
    // The form sends both fields; only the description is new.
    await browser.submit(
      base,
      { description: "Syncs tags both ways.", icon_url: icon ?? "" },
      `${base}/profile`,
    );
    const logged = await entries();
    assert.equal(logged.length, before + 1);
    assert.equal(logged.at(-1).description, "Syncs tags both ways.");
    assert.ok(!("icon_url" in logged.at(-1)), "the icon, sent as it was, is not logged as changed");
    await browser.submit(
      base,
      { description: "Syncs tags both ways.", icon_url: icon ?? "" },
      `${base}/profile`,
    );
    assert.equal((await entries()).length, before + 1, "an unchanged save is not an event");
  });

  it("refuses icons that are not https, beside the field, keeping what was typed, escaped", async () => {
    const before = await saved();
    for (const [icon, says] of [
      ["javascript:alert(1)", /must use HTTPS/],
      ["http://cdn.example.com/icon.png", /must use HTTPS/],
      ["data:image/png;base64,AAAA", /must use HTTPS/],
      ["icon.png", /absolute URL/],
      ["https://user:pw@cdn.example.com/i.png", /user name or password/],
      [`https://x.example/"><script>alert(1)</script>`.padEnd(2001, "a"), /at most 2000 characters/],
      ["https://x.example/\r\nSet-Cookie: a=1", /one line of text/],
    ] as const) {
      const page = await browser.submit(base, { description: "kept", icon_url: icon }, `${base}/profile`);
      assertBeside(page, "icon_url", says);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /<textarea [^>]*>kept<\/textarea>/, "the other field keeps its value");
    }
    const worst = await browser.submit(
      base,
      { icon_url: `javascript:"><script>alert(1)</script>` },
      `${base}/profile`,
    );
    assert.match(
      worst.body,
      /id="icon_url" [^>]*value="javascript:&quot;>&lt;script>alert\(1\)&lt;\/script>"/,
    );
    assert.deepEqual(await saved(), before, "nothing saved");
  });

  it("refuses a long description, a 64 kB one and control characters with 400, never 500", async () => {
    const before = await saved();
    for (const [description, says] of [
      ["x".repeat(281), /at most 280 characters/],
      ["<b>".repeat(94), /at most 280 characters/],
      // 64 kB: under a form's limit, over the field's.
      ["x".repeat(64_000), /at most 280 characters/],
      ["two\nlines", /one line of text/],
      ["bell\u0007", /one line of text/],
    ] as const) {
      const page = await browser.submit(base, { description, icon_url: "" }, `${base}/profile`);
      assertBeside(page, "description", says);
      assert.doesNotMatch(page.body, /<b>/, "escaped");
    }
    assert.deepEqual(await saved(), before);
    const worst = `"><script>alert(1)</script> Ünïcödé ☃ العربية`;
    assert.equal((await browser.submit(base, { description: worst }, `${base}/profile`)).status, 303);
    const shown = await browser.get(base);
    assert.doesNotMatch(shown.body, /<script>alert/);
    assert.match(shown.body, /&quot;>&lt;script>alert\(1\)&lt;\/script> Ünïcödé ☃ العربية/);
  });

  it("clears description and icon with empty values: the initial stands in for the icon", async () => {
    assert.equal(
      (await browser.submit(base, { description: " ", icon_url: "" }, `${base}/profile`)).status,
      303,
    );
    const row = await saved();
    assert.deepEqual([row.description, row.icon_url], [null, null]);
    const page = await browser.get(base);
    assert.match(page.body, /<span class="app-icon large placeholder" aria-hidden="true">F<\/span>/);
    assert.doesNotMatch(page.body, /<img class="app-icon/);
  });

  it("shows a refused name beside its field, as typed and escaped, and keeps the saved one", async () => {
    for (const [name, says] of [
      ["", /The name field is required|Name is required/],
      ["   ", /Name is required/],
      [`<i>x</i>\r\n`, /must be one line of text/],
      ["n".repeat(256), /at most 255 characters/],
    ] as const) {
      const page = await browser.submit(base, { name }, `${base}/rename`);
      assertBeside(page, "name", says);
      assert.doesNotMatch(page.body, /<i>x<\/i>/);
    }
    const typed = await browser.submit(base, { name: `<i>x</i>\r\n` }, `${base}/rename`);
    assert.match(typed.body, /id="name" [^>]*value="&lt;i>x&lt;\/i>\r?\n?"/);
    assert.equal((await saved()).name, "Fields workspace app");
    const fresh = await browser.submit("/hub/apps/new", { name: "  " });
    assertBeside(fresh, "name", /Name is required/);
  });

  it("shows refused redirect, uninstall and webhook URLs beside their fields", async () => {
    const redirect = await browser.submit(
      `${base}/authentication`,
      { uri: "http://example.com/<cb>" },
      `${base}/redirect-urls/add`,
    );
    assertBeside(redirect, "redirect-uri", /must use HTTPS/);
    assert.match(redirect.body, /value="http:\/\/example\.com\/&lt;cb>"/);
    const uninstall = await browser.submit(
      base,
      { uninstall_url: "http://example.com/gone" },
      `${base}/uninstall-url`,
    );
    assertBeside(uninstall, "uninstall_url", /HTTPS/);
    assert.match(uninstall.body, /id="uninstall_url" [^>]*value="http:\/\/example\.com\/gone"/);
    assert.equal((await saved()).uninstall_url, null);
    const webhook = await browser.submit(`${base}/webhooks`, { url: "ftp://example.com/hooks" });
    assertBeside(webhook, "webhook-url", /HTTPS/);
    const long = `https://example.com/"><b>${"x".repeat(4000)}`;
    const tooLong = await browser.submit(`${base}/webhooks`, { url: long });
    assertBeside(tooLong, "webhook-url", /The url field must be at most 4000 characters/);
    assert.match(tooLong.body, /value="https:\/\/example\.com\/&quot;>&lt;b>x{4000}"/);
  });

  it("takes a new app's description and icon on the New app form, refusing a bad icon beside its field", async () => {
    const refused = await browser.submit("/hub/apps/new", {
      name: "Faced app",
      workspace: owner.workspace.id_code,
      description: "Keeps <b>things</b> in step",
      icon_url: "javascript:alert(1)",
    });
    assertBeside(refused, "icon_url", /https/i);
    assert.match(refused.body, /Keeps &lt;b>things&lt;\/b> in step/);
    const created = await browser.submit("/hub/apps/new", {
      name: "Faced app",
      workspace: owner.workspace.id_code,
      description: "Keeps things in step",
      icon_url: "https://cdn.example.com/faced.png",
    });
    assert.equal(created.status, 303);
    const row = await gh.services.db
      .selectFrom("apps")
      .select(["description", "icon_url"])
      .where("name", "=", "Faced app")
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row },
      {
        description: "Keeps things in step",
        icon_url: "https://cdn.example.com/faced.png",
      },
    );
  });

  it("says on an app's pages when it asks for no scope, linking to where scopes are chosen", async () => {
    const created = await browser.submit("/hub/apps/new", {
      name: "Empty app",
      workspace: owner.workspace.id_code,
    });
    const path = new URL(created.location ?? "").pathname;
    for (const page of [path, `${path}/authentication`, `${path}/webhooks`, `${path}/workspaces`]) {
      const body = (await browser.get(page)).body;
      assert.match(body, /asks for no permissions yet/, page);
      assert.match(
        body,
        new RegExp(`<a href="${path}/authentication#permissions-heading">Choose its permissions</a>`),
      );
    }
    assert.doesNotMatch((await browser.get(base)).body, /asks for no permissions yet/);
    // Text and link keep the space between them (htm drops whitespace that holds a line break).
    assert.match((await browser.get(path)).body, /read nothing\. <a href=/);
  });

  it("folds webhook topics by group, each saying once which permission it needs", async () => {
    const page = await browser.get(`${base}/webhooks`);
    const groups = [...page.body.matchAll(/<details class="topic-group"/g)].length;
    assert.ok(groups >= 5, `${groups} groups`);
    const summaries = [
      ...page.body.matchAll(/<details class="topic-group"[^>]*><summary>(.*?)<\/summary>/g),
    ].map((m) => m[1] ?? "");
    assert.equal(summaries.length, groups);
    assert.ok(
      summaries.every((s) => /needs /.test(s)),
      summaries.join("\n"),
    );
    for (const [block] of page.body.matchAll(/<details class="topic-group".*?<\/details>/gs)) {
      assert.equal([...block.matchAll(/needs /g)].length, 1, "once per group, not per topic");
    }
    assert.match(
      page.body,
      /Admins<\/span><span class="muted"> · 0 of 5 on · <\/span><span class="lacking">needs Read admins, which this app lacks/,
    );
    assert.match(
      page.body,
      /<button type="submit" form="webhook-form" class="primary">Save webhooks<\/button>/,
    );
    // A group with a chosen topic opens by itself.
    const subscribed = await browser.submit(`${base}/webhooks`, {
      url: "https://hooks.example.com/in",
      topics: "contact.user.created",
    });
    assert.equal(subscribed.status, 303, "saved, not a refusal showing the draft");
    const saved = await browser.get(`${base}/webhooks`);
    assert.match(
      saved.body,
      /<details class="topic-group" open><summary><span class="topic-group-name">Contacts/,
    );
  });

  it("serves the copy script as JavaScript, allows it by CSP, and renders its buttons hidden", async () => {
    const script = await fetch(`${gh.url}/assets/copy.js`);
    assert.equal(script.status, 200);
    assert.equal(script.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.match(script.headers.get("cache-control") ?? "", /public, max-age=\d{5,}/);
    assert.match(await script.text(), /navigator\.clipboard\.writeText/);
    const page = await browser.get(base);
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(page.body, /<script src="\/assets\/copy\.js" defer><\/script>/);
    assert.equal([...page.body.matchAll(/<script/g)].length, 1, "no inline script");
    assert.match(
      page.body,
      /<button type="button" class="copy" data-copy-target="client-secret" hidden>Copy<\/button>/,
    );
    assert.doesNotMatch(
      (await browser.get("/signin")).body,
      /copy\.js/,
      "only pages with copy buttons load it",
    );
  });
});
