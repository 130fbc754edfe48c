import { Browser, hiddenFields } from "../../../server/test/support/browser.ts";
import { TENANT_PASSWORD } from "../../../server/test/support/gatehouse.ts";

/**
 * The admin's part of the OAuth flow, in a browser without JavaScript: sign in to Gatehouse at `base`,
 * open the authorization link, authorize. Returns the callback URL Gatehouse sends the browser back to.
 */
export async function consent(base: string, url: string, email: string): Promise<URL> {
  const browser = new Browser(base);
  await browser.signIn(email, TENANT_PASSWORD);
  const link = new URL(url);
  const page = await browser.get(link.pathname + link.search);
  const answer = await browser.post("/oauth", {
    ...hiddenFields(page.body, "/oauth"),
    decision: "authorize",
  });
  if (!answer.location) throw new Error(`no redirect after consent (${answer.status}): ${answer.body}`);
  return new URL(answer.location);
}
