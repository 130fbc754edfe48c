import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: page tests drive it through playwright-core and never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why Chromium tests skip on this machine, or undefined when Chromium is there. */
export const CHROMIUM_MISSING = fs.existsSync(CHROMIUM_PATH)
  ? undefined
  : `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`;

/** Where page tests leave their screenshots. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../../../test-output/screenshots");

export async function launchChromium(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Playwright gives every launch a fresh, empty profile of its own.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The flags that keep Chromium off the network it cannot reach here, and able to run as root.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
