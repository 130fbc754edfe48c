import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { setAppProfile } from "../src/platform/apps/app-profile.ts";
import { createApp } from "../src/platform/apps/apps.ts";
import { CHROMIUM_MISSING, launchChromium } from "./support/chromium.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/** Where this file leaves its screenshots (one per page and width), for a person to look at. */
const SHOTS = process.env.HUB_SCREENSHOTS ?? "/tmp/gatehouse-hub-screenshots";

describe("the hub in Chromium: copy buttons, and every page at 390 px and 1280 px", {
  skip: CHROMIUM_MISSING ?? false,
}, () => {
  let gh: Gatehouse;
  let owner: Tenant;
  let chromium: Browser;
  let context: BrowserContext;
  let page: Page;
  /** An app that asks for no scope: its pages carry the notice. */
  let bareClientId = "";
  /** Console errors and uncaught exceptions, among them any CSP violation. */
  const problems: string[] = [];

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    owner = await createTenant(gh.services, { name: "A workspace with a rather long name, to see it wrap" });
    await setAppProfile(gh.services, owner.app.app.id, {
      description:
        "Keeps every conversation tagged the way your team already works, and tells your CRM when a lead signs up.",
    });
    const bare = await createApp(gh.services, {
      workspaceId: owner.workspace.id,
      adminId: owner.admin.id,
      name: "Bare",
      scopes: [],
    });
    bareClientId = bare.app.client_id;
    chromium = await launchChromium();
    context = await chromium.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: gh.url });
    page = await context.newPage();
    page.on("console", (message) => {
      // A page answered with a 4xx on purpose (a refused form) and the browser's own /favicon.ico ask
      // are logged as failed loads; a CSP violation ("Refused to …") or a script error is not.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(message.text());
      }
    });
    page.on("response", (response) => {
      if (response.url().includes("/assets/") && response.status() !== 200) {
        problems.push(`${response.url()}: ${response.status()}`);
      }
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${gh.url}/hub`);
    await page.getByLabel("Email").fill(owner.admin.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${gh.url}/hub`);
  });
  after(async () => {
    await chromium?.close();
    await gh.close();
  });

  it("copies the client secret and the client ID, shows Copied, and breaks no CSP rule", async () => {
    const base = `${gh.url}/hub/apps/${owner.app.app.client_id}`;
    await page.goto(base);
    await page.getByText("Reveal client secret").click();
    const copy = page.locator('button[data-copy-target="client-secret"]');
    assert.equal(await copy.isVisible(), true, "the script shows the button");
    await copy.click();
    await page.waitForFunction(
      () => document.querySelector('[data-copy-target="client-secret"]')?.textContent === "Copied",
    );
    assert.equal(await copy.getAttribute("data-state"), "copied");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), owner.app.clientSecret);
    await page.locator('button[data-copy-target="client-id"]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-copy-target="client-id"]')?.textContent === "Copied",
    );
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), owner.app.app.client_id);
    await page.goto(`${base}/authentication`);
    await page.getByText("Reveal access token").click();
    await page.locator('button[data-copy-target="access-token"]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-copy-target="access-token"]')?.textContent === "Copied",
    );
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), owner.token);
    assert.deepEqual(problems, [], "no console error, so no CSP violation");
  });

  it("puts the webhook form's actions beside it, within the first screen", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${gh.url}/hub/apps/${owner.app.app.client_id}/webhooks`);
    const save = await page.getByRole("button", { name: "Save webhooks" }).boundingBox();
    const url = await page.getByLabel("Endpoint URL").boundingBox();
    assert.ok(save && url);
    assert.ok(save.x > url.x + url.width, "to the right of the form");
    assert.ok(save.y < 900, `on the first screen (y = ${save.y})`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 2000, `the page is ${height} px long`);
    // Folded groups open without JavaScript: a click on the summary shows the topics.
    await page.getByText("Contacts", { exact: true }).click();
    assert.equal(await page.getByLabel("contact.user.created").isVisible(), true);
  });

  it("fits every hub page at 390 px and at 1280 px without scrolling sideways", async () => {
    const base = `/hub/apps/${owner.app.app.client_id}`;
    const pages: Array<[string, () => Promise<unknown>]> = [
      ["apps", () => page.goto(`${gh.url}/hub`)],
      ["new-app", () => page.goto(`${gh.url}/hub/apps/new`)],
      ["basic", () => page.goto(`${gh.url}${base}`)],
      ["authentication", () => page.goto(`${gh.url}${base}/authentication`)],
      ["webhooks", () => page.goto(`${gh.url}${base}/webhooks`)],
      ["workspaces", () => page.goto(`${gh.url}${base}/workspaces`)],
      ["no-scope", () => page.goto(`${gh.url}/hub/apps/${bareClientId}/webhooks`)],
      [
        "delete-confirm",
        async () => {
          await page.goto(`${gh.url}${base}`);
          await page.getByRole("button", { name: "Delete app" }).click();
          await page.getByLabel(/to confirm/).waitFor();
        },
      ],
      [
        "name-refused",
        async () => {
          await page.goto(`${gh.url}${base}`);
          await page
            .getByLabel("Icon URL")
            .fill("http://example.com/not-https/and/a/rather/long/path/to/an/icon.png");
          await page.getByRole("button", { name: "Save description and icon" }).click();
          await page.getByText("must use HTTPS", { exact: false }).first().waitFor();
        },
      ],
    ];
    const wide: string[] = [];
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, open] of pages) {
        await open();
        const { scroll, inner } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        if (scroll > inner) wide.push(`${name} at ${width}: ${scroll} > ${inner}`);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      }
    }
    assert.deepEqual(wide, []);
    assert.deepEqual(problems, []);
  });
});
