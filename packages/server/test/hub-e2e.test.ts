import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { setPlatformReviewer } from "../src/platform/identity/admins.ts";
import { CHROMIUM_MISSING, launchChromium, SCREENSHOT_DIR } from "./support/chromium.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/** The app's side of the flow: a loopback callback that records what Gatehouse sends back. */
function callbackServer() {
  const received: URL[] = [];
  const server = http.createServer((req, res) => {
    received.push(new URL(req.url ?? "/", "http://127.0.0.1"));
    res.writeHead(200, { "content-type": "text/html" }).end("<h1>Connected</h1>");
  });
  return { server, received };
}

describe("developer hub and install flow in Chromium", { skip: CHROMIUM_MISSING ?? false }, () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let browser: Browser;
  const callback = callbackServer();
  let callbackUrl = "";

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "Connect Labs" });
    installer = await createTenant(gh.services, { name: "Hogwarts workspace" });
    await setPlatformReviewer(gh.services, builder.admin.id, true);
    await new Promise<void>((resolve) => callback.server.listen(0, "127.0.0.1", resolve));
    callbackUrl = `http://127.0.0.1:${(callback.server.address() as { port: number }).port}/callback`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => callback.server.close(resolve));
    await gh.close();
  });

  it("creates an OAuth app, installs it on another workspace, uses and uninstalls it", async () => {
    // The builder: sign in, create an app, turn on OAuth, add a redirect URL, ask for an extended scope.
    const hub = await (await browser.newContext()).newPage();
    await hub.goto(`${gh.url}/hub`);
    await hub.getByLabel("Email").fill(builder.admin.email);
    await hub.getByLabel("Password").fill(PASSWORD);
    await hub.getByRole("button", { name: "Sign in" }).click();
    await hub.waitForURL(`${gh.url}/hub`);
    await hub.getByRole("link", { name: "New app" }).click();
    await hub.getByLabel("App name").fill("Connect with Gatehouse");
    await hub.getByRole("button", { name: "Create app" }).click();
    await hub.getByText("App created.").waitFor();
    const clientId = (await hub.locator("dd code").first().textContent())?.trim() ?? "";
    assert.match(clientId, /^[0-9a-f-]{36}$/);
    await hub.getByText("Reveal client secret").click();
    const clientSecret = (await hub.locator("details.reveal code").textContent())?.trim() ?? "";
    assert.match(clientSecret, /^gcs_/);

    await hub.getByRole("link", { name: "Authentication" }).click();
    await hub.getByRole("button", { name: "Use OAuth" }).click();
    await hub.getByText("OAuth is on.").waitFor();
    await hub.getByLabel("Add redirect URL").fill("http://example.com/not-https");
    await hub.getByRole("button", { name: "Add redirect URL" }).click();
    await hub.getByText("Redirect URLs must use HTTPS").waitFor();
    await hub.getByLabel("Add redirect URL").fill(callbackUrl);
    await hub.getByRole("button", { name: "Add redirect URL" }).click();
    await hub.getByText("Redirect URLs saved.").waitFor();
    await hub.getByLabel("Read tags", { exact: true }).check();
    await hub.getByLabel("Read admins", { exact: true }).check();
    await hub.getByLabel("Why do you need extended scopes?").fill("To show who handles each conversation");
    await hub.getByRole("button", { name: "Save permissions" }).click();
    await hub.getByText("Waiting for review").waitFor();
    await hub.goto(`${gh.url}/hub`);
    await hub.screenshot({ path: path.join(SCREENSHOT_DIR, "hub.png"), fullPage: true });
    await hub.goto(`${gh.url}/reviews`);
    await hub.getByText("Connect with Gatehouse: Read admins").waitFor();
    await hub.screenshot({ path: path.join(SCREENSHOT_DIR, "review-queue.png"), fullPage: true });

    // The installer, an admin of another workspace: the install flow, from the app's link.
    const install = await (await browser.newContext()).newPage();
    await install.goto(`${gh.url}/oauth?client_id=${clientId}&state=e2e-state`);
    await install.getByLabel("Email").fill(installer.admin.email);
    await install.getByLabel("Password").fill(PASSWORD);
    await install.getByRole("button", { name: "Sign in" }).click();
    await install.getByRole("button", { name: "Authorize access" }).waitFor();
    const consentText = await install.locator("main").textContent();
    assert.match(consentText ?? "", /Connect with Gatehouse would like to access your Intercom data/);
    assert.match(consentText ?? "", /Read tags/);
    assert.doesNotMatch(consentText ?? "", /Read admins/, "not approved yet, so not offered");
    await install.screenshot({ path: path.join(SCREENSHOT_DIR, "consent.png"), fullPage: true });
    await install.getByRole("button", { name: "Authorize access" }).click();
    await install.waitForURL(/\/callback\?/);
    // Chromium also asks the callback's host for /favicon.ico: take the callback itself.
    const back = callback.received.filter((u) => u.pathname === "/callback").at(-1) as URL;
    assert.equal(back.searchParams.get("state"), "e2e-state");
    const code = back.searchParams.get("code") as string;
    assert.match(code, /^gac_/);

    const exchanged = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({ code, client_id: clientId, client_secret: clientSecret }),
    });
    assert.equal(exchanged.status, 200);
    const { token } = (await exchanged.json()) as { token: string };
    const me = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    assert.equal(me.status, 200);
    const profile = await me.json();
    assert.equal(profile.email, installer.admin.email);
    assert.equal(profile.app.name, "Hogwarts workspace");

    // The installer uninstalls from their workspace's settings: the token is refused at once.
    await install.goto(`${gh.url}/settings/${installer.workspace.id_code}/apps`);
    await install.getByRole("button", { name: "Uninstall Connect with Gatehouse" }).click();
    // It asks first; nothing happens until the confirmation page's button is pressed.
    await install
      .getByRole("heading", { name: "Uninstall Connect with Gatehouse from Hogwarts workspace?" })
      .waitFor();
    assert.equal((await fetch(`${gh.url}/me`, { headers: bearer(token) })).status, 200);
    await install.getByRole("button", { name: "Uninstall Connect with Gatehouse" }).click();
    await install.getByText("App uninstalled.").waitFor();
    const refused = await fetch(`${gh.url}/me`, { headers: bearer(token) });
    assert.equal(refused.status, 401);
  });
});
