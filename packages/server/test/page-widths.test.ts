import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { setPlatformReviewer } from "../src/platform/identity/admins.ts";
import { csrfOf, Browser as FormBrowser } from "./support/browser.ts";
import { CHROMIUM_MISSING, launchChromium, SCREENSHOT_DIR } from "./support/chromium.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

const WIDTHS = [390, 1280];
const LONG = `${"Synchronises-every-conversation-".repeat(8)} ${"長い説明 ".repeat(30)}`;

/** What overflows the viewport sideways: the page's own width against the window's, and the culprits. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
      .slice(0, 5);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
}

describe("pages at a phone's and a laptop's width", { skip: CHROMIUM_MISSING ?? false }, () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let chromium: Browser;

  async function signedIn(width: number, email: string): Promise<Page> {
    const context = await chromium.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${gh.url}/signin`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${gh.url}/hub`);
    return page;
  }

  async function assertFits(page: Page, name: string, width: number) {
    const measured = await overflow(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
    assert.ok(
      measured.scrollWidth <= measured.innerWidth,
      `${name} at ${width}px: ${measured.scrollWidth} > ${measured.innerWidth} (${measured.wide.join(", ")})`,
    );
  }

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Sync Labs of a rather long workspace name" });
    installer = await createTenant(gh.services, { name: "Hogwarts" });
    await gh.services.db
      .updateTable("apps")
      .set({ name: "Sync for Intercom, Zendesk and friends", description: LONG, icon_url: null })
      .where("id", "=", builder.app.app.id)
      .execute();
    await gh.services.db
      .updateTable("admins")
      .set({ name: "Professor Minerva McGonagall, Deputy Headmistress" })
      .where("id", "=", installer.admin.id)
      .execute();
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, ["https://sync.example/callback"]);
    // Log entries with long unbroken values, for the activity log's card.
    await gh.services.db
      .insertInto("activity_log")
      .values({
        workspace_id: installer.workspace.id,
        admin_id: installer.admin.id,
        action: "app.webhooks_changed",
        details: JSON.stringify({
          app_name: "Sync",
          url: `https://hooks.example/${"x".repeat(300)}`,
          topics: ["contact.created"],
        }),
        ip: "2001:db8:85a3:0000:0000:8a2e:0370:7334",
        created_at: Date.now(),
      })
      .execute();
    await setPlatformReviewer(gh.services, installer.admin.id, true);
    const asker = new FormBrowser(gh.url);
    await asker.signIn(builder.admin.email, PASSWORD);
    const base = `/hub/apps/${builder.app.app.client_id}`;
    const form = await asker.get(`${base}/authentication`);
    await asker.post(`${base}/scopes`, { _csrf: csrfOf(form.body), scopes: "read_admins", reason: LONG });
    chromium = await launchChromium();
  });
  after(async () => {
    await chromium?.close();
    await gh.close();
  });

  for (const width of WIDTHS) {
    it(`sign-in for an app and consent fit ${width}px`, async () => {
      const context = await chromium.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${gh.url}/oauth?client_id=${builder.app.app.client_id}&state=s`);
      await page.getByRole("heading", { name: /Sign in to Gatehouse to continue to Sync/ }).waitFor();
      await assertFits(page, "signin-for-app", width);
      await page.getByLabel("Email").fill(installer.admin.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Authorize access" }).waitFor();
      assert.equal(await page.locator("nav").count(), 0, "no hub navigation");
      await assertFits(page, "consent", width);
      await context.close();
    });

    it(`the security settings fit ${width}px, the allowlist's form usable by its labels`, async () => {
      const page = await signedIn(width, installer.admin.email);
      await page.goto(`${gh.url}/settings/${installer.workspace.id_code}/security`);
      await page.getByLabel("Enable the REST API IP allowlist").check();
      await page
        .getByLabel("Allowed addresses and ranges")
        .fill("127.0.0.1\n2001:db8:ffff:ffff:ffff:ffff:ffff:0/112");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("IP allowlist saved.").waitFor();
      await assertFits(page, "security", width);
      await page.getByLabel("Enable the REST API IP allowlist").uncheck();
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByText("IP allowlist saved.").waitFor();
      await page.context().close();
    });

    it(`the activity log and the review queue fit ${width}px, dates on one line`, async () => {
      const page = await signedIn(width, installer.admin.email);
      await page.goto(`${gh.url}/settings/${installer.workspace.id_code}/activity`);
      await assertFits(page, "activity", width);
      const fits = await page.evaluate(() => {
        const card = document.querySelector(".card") as HTMLElement;
        const table = document.querySelector("table.activity") as HTMLElement;
        // One line each, and inside its own cell (not running into the sentence beside it).
        const times = [...document.querySelectorAll("time")].map((t) =>
          t.getClientRects().length === 1 &&
          t.getBoundingClientRect().right <= (t.parentElement as HTMLElement).getBoundingClientRect().right
            ? 1
            : 0,
        );
        return {
          card: card.getBoundingClientRect().right,
          table: table.getBoundingClientRect().right,
          times,
        };
      });
      assert.ok(fits.table <= fits.card, `table ${fits.table} inside card ${fits.card}`);
      assert.ok(
        fits.times.length >= 2 && fits.times.every((lines) => lines === 1),
        `dates on one line: ${fits.times}`,
      );
      await page.goto(`${gh.url}/reviews`);
      await assertFits(page, "reviews", width);
      await page.context().close();
    });
  }
});
