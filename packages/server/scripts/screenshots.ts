/**
 * `npm run screenshots`: the pages as a person sees them, for the README and for review. Starts a scratch
 * Gatehouse (a temporary data directory, SQLite, a loopback port), fills it with a small demo (a builder's
 * workspace and apps, an installing workspace, a platform reviewer), signs in with Chromium (Debian's
 * /usr/bin/chromium through playwright-core, never downloaded) and saves full-page PNGs at 1280 and 390 px
 * into docs/screenshots/. Not a test: nothing is asserted; look at the pictures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { startRuntime } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import type { Services } from "../src/core/services.ts";
import { buildServer } from "../src/http/server.ts";
import { createLogger } from "../src/logging.ts";
import { setAppProfile } from "../src/platform/apps/app-profile.ts";
import {
  createApp,
  rotateClientSecret,
  setOAuthEnabled,
  setRequestedScopes,
} from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { regenerateAccessToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { addMember, createAdmin, setPlatformReviewer } from "../src/platform/identity/admins.ts";
import { createWorkspace } from "../src/platform/identity/workspaces.ts";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";

const OUT = path.resolve(import.meta.dirname, "../../../docs/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "correct horse battery staple";
const WIDTHS = [1280, 390] as const;
/** The ones the README embeds, at 1280 px, under a plain name. */
const README_COPIES = ["consent", "hub-app"];

/** An app icon as a data: URL (the pages' CSP allows `img-src data:`): two arrows chasing each other. */
const SYNC_ICON = `data:image/svg+xml;base64,${Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#6d5dfc"/><stop offset="1" stop-color="#0b9bff"/></linearGradient></defs><rect width="64" height="64" rx="14" fill="url(#g)"/><g fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round"><path d="M18 30a14 14 0 0 1 24-9"/><path d="M46 34a14 14 0 0 1-24 9"/></g><path d="M44 12v11H33z" fill="#fff"/><path d="M20 52V41h11z" fill="#fff"/></svg>`,
).toString("base64")}`;

interface Demo {
  builder: { email: string; workspace: string };
  installer: { email: string };
  reviewer: { email: string };
  sync: { clientId: string };
}

/** A workspace with its owner, who signs in with PASSWORD. */
async function ownedWorkspace(
  s: Services,
  name: string,
  timezone: string,
  owner: { email: string; name: string },
) {
  const workspace = await createWorkspace(s, { name, timezone });
  const admin = await createAdmin(s, { ...owner, password: PASSWORD, emailVerified: true });
  await addMember(s, workspace.id, admin.id, "owner");
  return { workspace, admin };
}

async function seed(s: Services): Promise<Demo> {
  const { workspace: labs, admin: ada } = await ownedWorkspace(s, "Sync Labs", "Europe/London", {
    email: "ada@synclabs.example",
    name: "Ada Lovelace",
  });
  const actor = { adminId: ada.id, ip: "203.0.113.7" };
  const standard = ["read_users_companies", "read_conversations", "read_tags", "write_tags"];
  const sync = await createApp(
    s,
    { workspaceId: labs.id, adminId: ada.id, name: "Sync", scopes: standard },
    undefined,
    actor,
  );
  await setAppProfile(
    s,
    sync.app.id,
    {
      description:
        "Sync keeps your CRM and your inbox in step: every new conversation becomes a CRM activity, and tags you add in the CRM appear on the matching contacts here.",
    },
    actor,
  );
  // Written straight to the row: the hub takes only https icons, and the screenshots fetch nothing.
  await s.db.updateTable("apps").set({ icon_url: SYNC_ICON }).where("id", "=", sync.app.id).execute();
  await setOAuthEnabled(s, sync.app.id, true, actor);
  await setRedirectUris(s, sync.app.id, ["https://sync.example/oauth/callback"], actor);
  await setRequestedScopes(
    s,
    sync.app.id,
    [...standard, "read_admins"],
    "To show which teammate handles each synced conversation in the CRM timeline.",
    actor,
  );
  await setSubscription(
    s,
    sync.app.id,
    {
      url: "https://hooks.sync.example/gatehouse",
      topics: ["contact.user.created", "conversation.admin.replied"],
    },
    actor,
  );
  await regenerateAccessToken(s, sync.installationId, { reason: "regenerated", byAdminId: ada.id }, actor);
  await rotateClientSecret(s, sync.app.id, actor);
  const ledger = await createApp(
    s,
    { workspaceId: labs.id, adminId: ada.id, name: "Ledger", scopes: ["read_users_companies"] },
    undefined,
    actor,
  );
  await setAppProfile(
    s,
    ledger.app.id,
    { description: "Invoices for every company, right in the inbox." },
    actor,
  );

  const { admin: minerva } = await ownedWorkspace(s, "Hogwarts", "Europe/London", {
    email: "minerva@hogwarts.example",
    name: "Minerva McGonagall",
  });

  const { admin: grace } = await ownedWorkspace(s, "Platform review", "UTC", {
    email: "grace@review.example",
    name: "Grace Hopper",
  });
  await setPlatformReviewer(s, grace.id, true);
  return {
    builder: { email: ada.email, workspace: labs.id_code },
    installer: { email: minerva.email },
    reviewer: { email: grace.email },
    sync: { clientId: sync.app.client_id },
  };
}

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/hub`);
}

async function shoot(page: Page, name: string, width: number) {
  const file = path.join(OUT, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (width === 1280 && README_COPIES.includes(name)) fs.copyFileSync(file, path.join(OUT, `${name}.png`));
  process.stdout.write(`  ${path.relative(process.cwd(), file)}\n`);
}

async function atWidth(browser: Browser, base: string, demo: Demo, width: number) {
  const contexts: BrowserContext[] = [];
  const context = async () => {
    const made = await browser.newContext({ viewport: { width, height: 860 }, deviceScaleFactor: 1 });
    contexts.push(made);
    return made.newPage();
  };
  const builder = await context();
  await signIn(builder, base, demo.builder.email);
  await shoot(builder, "hub-apps", width);
  await builder.goto(`${base}/hub/apps/${demo.sync.clientId}`);
  await shoot(builder, "hub-app", width);
  await builder.goto(`${base}/hub/apps/${demo.sync.clientId}/webhooks`);
  await shoot(builder, "hub-webhooks", width);
  await builder.goto(`${base}/settings/${demo.builder.workspace}/activity`);
  await shoot(builder, "activity", width);

  const installer = await context();
  await installer.goto(`${base}/oauth?client_id=${demo.sync.clientId}&state=demo-state`);
  await installer.getByRole("heading", { name: /continue to Sync/ }).waitFor();
  await shoot(installer, "signin-for-app", width);
  await installer.getByLabel("Email").fill(demo.installer.email);
  await installer.getByLabel("Password").fill(PASSWORD);
  await installer.getByRole("button", { name: "Sign in" }).click();
  await installer.getByRole("button", { name: "Authorize access" }).waitFor();
  await shoot(installer, "consent", width);

  const reviewer = await context();
  await signIn(reviewer, base, demo.reviewer.email);
  await reviewer.goto(`${base}/reviews`);
  await shoot(reviewer, "reviews", width);
  for (const made of contexts) await made.close();
}

async function main() {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-screenshots-"));
  const config = loadConfig({
    GATEHOUSE_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
  });
  const logger = createLogger(config.logLevel);
  const runtime = await startRuntime(config, logger);
  const server = await buildServer({ config, services: runtime.services, logger });
  let browser: Browser | undefined;
  try {
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("the scratch server has no TCP address");
    const base = `http://127.0.0.1:${address.port}`;
    const demo = await seed(runtime.services);
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-sync",
      ],
    });
    for (const width of WIDTHS) {
      process.stdout.write(`${width} px:\n`);
      await atWidth(browser, base, demo, width);
    }
  } finally {
    await browser?.close();
    await server.close();
    await runtime.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
