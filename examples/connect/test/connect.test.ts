import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { setOAuthEnabled } from "../../../packages/server/src/platform/apps/apps.ts";
import { setRedirectUris } from "../../../packages/server/src/platform/apps/oauth/redirect-uris.ts";
import {
  CHROMIUM_MISSING,
  launchChromium,
  SCREENSHOT_DIR,
} from "../../../packages/server/test/support/chromium.ts";
import {
  createTenant,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "../../../packages/server/test/support/gatehouse.ts";

const SERVER = path.resolve(import.meta.dirname, "../src/server.ts");
// As `npm start` runs it: `@gatehouse/client` from its sources, not its build (see packages/client/README.md).
const SOURCE_CONDITION = "--conditions=@gatehouse/source";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("the Connect example in Chromium", { skip: CHROMIUM_MISSING ?? false }, () => {
  let gh: Gatehouse;
  let builder: Tenant;
  let installer: Tenant;
  let example: ChildProcess;
  let browser: Browser;
  let port: number;
  let output = "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-connect-"));

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    builder = await createTenant(gh.services, { name: "My App Inc" });
    installer = await createTenant(gh.services, { name: "Hogwarts workspace" });
    port = await freePort();
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [`https://localhost:${port}/callback`]);
    example = spawn(process.execPath, [SOURCE_CONDITION, SERVER], {
      env: {
        ...process.env,
        PORT: String(port),
        GATEHOUSE_URL: gh.url,
        CLIENT_ID: builder.app.app.client_id,
        CLIENT_SECRET: builder.app.clientSecret,
        EXAMPLE_DATA_DIR: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`example did not start: ${output}`)), 20_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("My App is on")) {
          clearTimeout(timer);
          resolve();
        }
      };
      example.stdout?.on("data", read);
      example.stderr?.on("data", read);
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    example?.kill("SIGTERM");
    await gh.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("button → sign-in → consent → callback → the page shows who connected", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const home = await page.goto(`https://localhost:${port}/`);
    assert.match(home?.headers()["content-security-policy"] ?? "", /style-src 'self'/);
    // The stylesheet is the example's own, and applied (the CSP lets it in): the button is styled.
    const background = await page.locator("#connect").evaluate((a) => getComputedStyle(a).backgroundColor);
    assert.equal(background, "rgb(11, 95, 255)");
    const authorize = page.waitForRequest((request) => request.url().startsWith(`${gh.url}/oauth?`));
    await page.getByRole("link", { name: "Connect with Gatehouse" }).click();
    const link = new URL((await authorize).url());
    assert.equal(link.searchParams.get("code_challenge_method"), "S256", "the link carries a PKCE challenge");
    await page.getByLabel("Email").fill(installer.admin.email);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Authorize access" }).click();
    await page.waitForURL(`https://localhost:${port}/callback?**`);
    assert.equal(await page.locator("h1").textContent(), "Connected");
    assert.match((await page.locator("#who").textContent()) ?? "", new RegExp(installer.admin.name));
    assert.equal(await page.locator("#workspace").textContent(), "Hogwarts workspace");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "connect-example.png") });
    assert.match(output, /Connected: .* from Hogwarts workspace/);
    assert.ok(fs.existsSync(path.join(dataDir, "cert.crt")), "the certificate was made at first start");
  });

  it("refuses a callback whose state does not match the browser's", async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const response = await page.goto(`https://localhost:${port}/callback?code=gac_x&state=forged`);
    assert.equal(response?.status(), 400);
    assert.match((await page.locator("#reason").textContent()) ?? "", /state/);
  });
});
