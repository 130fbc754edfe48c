import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { ACTIVITY_PAGE_SIZE } from "../src/http/pages/activity-log.ts";
import { DESCRIBED_ACTIONS, describeActivity } from "../src/http/pages/activity-sentences.ts";
import { Browser } from "./support/browser.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const SRC = path.resolve(import.meta.dirname, "../src");

/** Every action name the source records: `action: "…"` and the literals of `recordAppActivity(…)` calls. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        const source = fs.readFileSync(file, "utf8");
        for (const m of source.matchAll(/\baction(?::| =)\s*((?:"[a-z_]+\.[a-z_]+"\s*\|?\s*)+)/g)) {
          for (const literal of (m[1] as string).matchAll(/"([a-z_.]+)"/g)) found.add(literal[1] as string);
        }
        for (const line of source.split("\n").filter((l) => l.includes("recordAppActivity(s, trx"))) {
          for (const literal of line.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(literal[1] as string);
        }
        // reviews.ts records `scope.${decision}`, a decision being approved or rejected.
        if (/action: `scope\.\$\{input\.decision\}`/.test(source)) {
          found.add("scope.approved");
          found.add("scope.rejected");
        }
      }
    }
  };
  walk(SRC);
  return found;
}

describe("activity sentences", () => {
  it("has a describer for every action the source records", () => {
    const recorded = recordedActions();
    assert.ok(recorded.size >= 30, `found only ${[...recorded].join(", ")}`);
    const missing = [...recorded].filter((a) => !DESCRIBED_ACTIONS.includes(a));
    assert.deepEqual(missing, [], "actions recorded without a sentence");
  });

  it("reads every known action as a sentence naming the actor and the app", () => {
    for (const action of DESCRIBED_ACTIONS) {
      const { text, detail } = describeActivity({
        action,
        details: {
          app_id: 7,
          scopes: ["read_tags"],
          url: "https://x.example/",
          name: "Sync",
          scope: "read_admins",
        },
        adminName: "Ada Lovelace",
        appName: "Sync",
      });
      assert.match(text, /^[A-Z].*\.$/, action);
      assert.match(text, /Ada Lovelace|Sync/, action);
      assert.doesNotMatch(`${text} ${detail ?? ""}`, /[{}[\]]|undefined|null|NaN|\.\./, action);
    }
    assert.equal(
      describeActivity({
        action: "token.regenerated",
        details: {},
        adminName: "Ada Lovelace",
        appName: "Sync",
      }).text,
      "Ada Lovelace regenerated the access token of Sync.",
    );
  });

  it("names what a profile change changed: the description, the icon, or both", () => {
    const said = (details: Record<string, unknown>) =>
      describeActivity({ action: "app.profile_changed", details, adminName: "Ada", appName: "Sync" });
    assert.deepEqual(said({ description: "Syncs tags." }), {
      text: "Ada changed the description of Sync.",
      detail: "Description: Syncs tags.",
    });
    assert.deepEqual(said({ icon_url: null }), { text: "Ada changed the icon of Sync.", detail: "No icon." });
    assert.deepEqual(said({ description: "Syncs tags.", icon_url: "https://cdn.example/i.png" }), {
      text: "Ada changed the description and icon of Sync.",
      detail: "Description: Syncs tags. Icon: https://cdn.example/i.png",
    });
  });

  it("reads an unknown action, and hostile details, as words, never JSON", () => {
    const { text, detail } = describeActivity({
      action: "billing.plan_changed",
      details: { plan: "Pro", seats: 3, nested: { a: 1 }, list: ["x", "y"], on: true, nothing: null },
      adminName: null,
      appName: undefined,
    });
    assert.equal(text, "Gatehouse: billing plan changed.");
    assert.equal(detail, "plan: Pro; seats: 3; list: x, y; on: yes");
    const odd = describeActivity({
      action: "",
      details: { app_id: "1; drop" },
      adminName: "A",
      appName: undefined,
    });
    assert.equal(odd.text, "A: an unnamed action.");
    const long = describeActivity({
      action: "app.webhooks_changed",
      details: { url: "x".repeat(70_000), topics: "not a list" },
      adminName: "A",
      appName: "S",
    });
    assert.ok(long.text.length < 700, "one entry cannot fill the page");
    assert.equal(long.detail, "No topics.");
  });
});

describeEachDatabase("the activity log page", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let browser: Browser;
  let logPath: string;
  const START = Date.UTC(2026, 11, 6, 7, 41);

  async function log(
    action: string,
    details: Record<string, unknown>,
    minute: number,
    adminId: number | null,
  ) {
    await gh.services.db
      .insertInto("activity_log")
      .values({
        workspace_id: tenant.workspace.id,
        admin_id: adminId,
        action,
        details: JSON.stringify(details),
        ip: "203.0.113.9",
        created_at: START + minute * 60_000,
      })
      .execute();
  }
  const rowsOf = (body: string) => [...body.matchAll(/<tr data-action="([^"]+)">/g)].map((m) => m[1]);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Analytical Engines" });
    await gh.services.db
      .updateTable("admins")
      .set({ name: "Ada Lovelace" })
      .where("id", "=", tenant.admin.id)
      .execute();
    await gh.services.db
      .updateTable("apps")
      .set({ name: "Sync" })
      .where("id", "=", tenant.app.app.id)
      .execute();
    browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD); // the log's oldest entry: 114 in all
    // Then 110 sign-ins, then what the page shows on top.
    for (let i = 0; i < 110; i++)
      await log("admin.login_succeeded", { sign_in_method: "password" }, i, tenant.admin.id);
    await log("app.installed", { app_id: tenant.app.app.id, scopes: ["read_tags"] }, 200, tenant.admin.id);
    await log("token.regenerated", { app_id: tenant.app.app.id, app_name: "Sync" }, 201, tenant.admin.id);
    await log(
      "mystery.thing_done",
      {
        "<script>alert(1)</script>": "<img src=x onerror=alert(2)>",
        url: `https://a.example/${"long".repeat(200)}`,
      },
      202,
      null,
    );
    logPath = `/settings/${tenant.workspace.id_code}/activity`;
  });
  after(() => gh.close());

  it("shows sentences, newest first, with dates on one line, and no JSON", async () => {
    const page = await browser.get(logPath);
    assert.equal(page.status, 200);
    const rows = rowsOf(page.body);
    assert.equal(rows.length, ACTIVITY_PAGE_SIZE);
    assert.deepEqual(rows.slice(0, 3), ["mystery.thing_done", "token.regenerated", "app.installed"]);
    assert.match(page.body, /Ada Lovelace regenerated the access token of Sync\./);
    assert.match(
      page.body,
      /Ada Lovelace installed Sync\.<span class="activity-detail">Permissions: Read tags\.<\/span>/,
    );
    assert.match(page.body, /Ada Lovelace signed in\./);
    assert.match(page.body, /Gatehouse: mystery thing done\./);
    assert.match(page.body, /<time datetime="2026-12-06T11:03:00.000Z">2026-12-06 11:03 UTC<\/time>/);
    assert.doesNotMatch(page.body, /<script>|<img src=x|\{"|sign_in_method/);
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>: &lt;img src=x onerror=alert\(2\)>/);
    assert.match(page.body, /114 entries, newest first · page 1 of 3/);
    assert.match(page.body, /rel="next"/);
    assert.doesNotMatch(page.body, /rel="prev"/);
  });

  it("pages back to the oldest entries with Older and Newer links", async () => {
    const first = await browser.get(logPath);
    const older = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll("&amp;", "&") as string;
    assert.equal(older, `${logPath}?page=2`);
    const second = await browser.get(older);
    assert.equal(rowsOf(second.body).length, ACTIVITY_PAGE_SIZE);
    assert.match(second.body, new RegExp(`href="${logPath}\\?page=1" rel="prev"`));
    const last = await browser.get(`${logPath}?page=3`);
    assert.equal(rowsOf(last.body).length, 114 - 2 * ACTIVITY_PAGE_SIZE);
    assert.match(last.body, /2026-12-06 07:41 UTC/, "the very first entry is on the last page");
    assert.doesNotMatch(last.body, /rel="next"/);
  });

  it("filters by kind, keeping the kind across pages", async () => {
    const tokens = await browser.get(`${logPath}?kind=tokens`);
    assert.deepEqual(rowsOf(tokens.body), ["token.regenerated"]);
    assert.match(tokens.body, /<option value="tokens" selected>Tokens<\/option>/);
    const signIns = await browser.get(`${logPath}?kind=signins&page=2`);
    assert.equal(rowsOf(signIns.body).length, ACTIVITY_PAGE_SIZE);
    assert.ok(rowsOf(signIns.body).every((a) => a === "admin.login_succeeded"));
    assert.match(signIns.body, new RegExp(`href="${logPath}\\?kind=signins&amp;page=3" rel="next"`));
    const none = await browser.get(`${logPath}?kind=webhooks`);
    assert.match(none.body, /Nothing of this kind has happened on this workspace\./);
  });

  it("reads hostile query values as the first (or last) page, or refuses them with a 400 page, never a 500", async () => {
    const firstPage = ["0", "-1", "abc", "1.5", "1e3", "", " 2", "0x2", "99999999999999999999", "%00", "２"];
    for (const page of firstPage) {
      const answer = await browser.get(`${logPath}?page=${encodeURIComponent(page)}`);
      assert.equal(answer.status, 200, page);
      assert.match(answer.body, /page 1 of 3/, page);
    }
    const clamped = await browser.get(`${logPath}?page=9999999`);
    assert.match(clamped.body, /page 3 of 3/);
    for (const kind of ["<script>", "__proto__", "constructor", "toString", "TOKENS", "tokens\u0000"]) {
      const answer = await browser.get(`${logPath}?kind=${encodeURIComponent(kind)}`);
      assert.ok(answer.status === 200 || answer.status === 400, `${kind}: ${answer.status}`);
      if (answer.status === 200) assert.match(answer.body, /114 entries/, kind);
      assert.doesNotMatch(answer.body, /<script>/);
    }
    for (const query of [
      `page=${"9".repeat(4096)}`,
      "page=1&page=2",
      "kind=a&kind=b",
      "page[]=1",
      "other=1",
    ]) {
      const answer = await browser.get(`${logPath}?${query}`);
      assert.ok([200, 400].includes(answer.status), `${query.slice(0, 40)}: ${answer.status}`);
      assert.match(answer.headers.get("content-type") ?? "", /text\/html/);
    }
  });

  it("is only for the workspace's own admins", async () => {
    const stranger = await createTenant(gh.services);
    const outsider = new Browser(gh.url);
    await outsider.signIn(stranger.admin.email, PASSWORD);
    assert.equal((await outsider.get(logPath)).status, 404);
  });
});
