import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { setRedirectUris } from "../src/platform/apps/oauth/redirect-uris.ts";
import { signingSecrets } from "../src/platform/webhooks/signing-secrets.ts";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import { Browser, csrfOf, hiddenFields } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import {
  bearer,
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { HttpsReceiver, type ReceivedRequest } from "./support/https-receiver.ts";
import { webhookSuite } from "./support/webhook-receiving.ts";

/**
 * Intercom's uninstall notification: when a workspace uninstalls an app, `{"app_id": "<id_code>"}` is
 * POSTed to the app's uninstall URL. Each way of uninstalling (the workspace's settings page, the app's
 * own `/auth/uninstall` and `/oauth/uninstall`, the CLI) sends it, through the outbox: signed, retried,
 * through the destination guard, and kept when the uninstall cancels the app's other deliveries.
 */
const CALLBACK = "https://client.example.com/cb";

webhookSuite("uninstall notifications", (database) => {
  let gh: Gatehouse;
  let receiver: HttpsReceiver;
  let builder: Tenant;
  let builderBrowser: Browser;

  before(async () => {
    receiver = await HttpsReceiver.start();
    gh = await startGatehouse(database, {
      env: { ...receiver.env, GATEHOUSE_WEBHOOK_POLL_MS: "20", GATEHOUSE_WEBHOOK_RETRY_BASE_MS: "50" },
    });
    builder = await createTenant(gh.services, { name: "Uninstallable" });
    await setOAuthEnabled(gh.services, builder.app.app.id, true);
    await setRedirectUris(gh.services, builder.app.app.id, [CALLBACK]);
    builderBrowser = new Browser(gh.url);
    await builderBrowser.signIn(builder.admin.email, PASSWORD);
  });
  after(async () => {
    await gh.close();
    await receiver.close();
  });

  const basicPage = () => `/hub/apps/${builder.app.app.client_id}`;

  /** Sets the uninstall URL on the hub's Basic information page, as the app's builder would. */
  async function setInHub(url: string) {
    const page = await builderBrowser.get(basicPage());
    assert.match(page.body, /Uninstall URL/);
    return builderBrowser.post(`${basicPage()}/uninstall-url`, {
      _csrf: csrfOf(page.body),
      uninstall_url: url,
    });
  }

  /** A new workspace installs the app by OAuth: its admin, a browser signed in as them, and the token. */
  async function installed() {
    const installer = await createTenant(gh.services, { name: "Installer" });
    const browser = new Browser(gh.url);
    await browser.signIn(installer.admin.email, PASSWORD);
    const consent = await browser.get(`/oauth?client_id=${builder.app.app.client_id}&state=s`);
    const answer = await browser.post("/oauth", {
      ...hiddenFields(consent.body, "/oauth"),
      decision: "authorize",
    });
    const code = new URL(answer.location as string).searchParams.get("code") as string;
    const exchanged = await fetch(`${gh.url}/auth/eagle/token`, {
      method: "POST",
      body: new URLSearchParams({
        code,
        client_id: builder.app.app.client_id,
        client_secret: builder.app.clientSecret,
      }),
    });
    const { token } = (await exchanged.json()) as { token: string };
    return { installer, browser, token };
  }

  /** What the app's receiver checks: the bare JSON, Intercom's signature, the Standard Webhooks one. */
  async function assertNotice(request: ReceivedRequest, idCode: string) {
    assert.deepEqual(JSON.parse(request.body), { app_id: idCode });
    assert.equal(request.headers["content-type"], "application/json");
    const sha1 = crypto.createHmac("sha1", builder.app.clientSecret).update(request.body).digest("hex");
    assert.equal(request.headers["x-hub-signature"], `sha1=${sha1}`);
    const { current: secret } = await signingSecrets(gh.services, builder.app.app.id);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    new Webhook(secret).verify(request.body, headers);
  }

  async function deliveries(topic: string) {
    return gh.services.db
      .selectFrom("webhook_deliveries")
      .select(["topic", "state", "attempts", "last_error", "workspace_id"])
      .where("app_id", "=", builder.app.app.id)
      .where("topic", "=", topic)
      .orderBy("id")
      .execute();
  }

  it("the hub sets the URL (HTTPS only); an uninstall from the workspace's settings is told, retried, and survives the cancellation of the app's pending deliveries", async () => {
    const refused = await setInHub("http://127.0.0.1/plain");
    assert.equal(refused.status, 400);
    assert.match(refused.body, /HTTPS/);
    const saved = await setInHub(receiver.url("hub"));
    assert.equal(saved.status, 303);
    assert.match(
      (await builderBrowser.get(basicPage())).body,
      new RegExp(receiver.url("hub").replaceAll(".", "\\.")),
    );
    const { installer, browser } = await installed();
    // A notification still queued for the installation, its subscription's receiver down.
    await setSubscription(gh.services, builder.app.app.id, { url: receiver.url("subscription"), topics: [] });
    const installation = await gh.services.db
      .selectFrom("installations")
      .select(["id"])
      .where("app_id", "=", builder.app.app.id)
      .where("workspace_id", "=", installer.workspace.id)
      .executeTakeFirstOrThrow();
    await gh.services.db
      .insertInto("webhook_deliveries")
      .values({
        notification_id: `notif_${crypto.randomUUID()}`,
        app_id: builder.app.app.id,
        installation_id: installation.id,
        workspace_id: installer.workspace.id,
        topic: "contact.user.created",
        item: "{}",
        next_attempt_at: Date.now() + 60_000,
        created_at: Date.now(),
      })
      .execute();
    receiver.answerNext("hub", 503);
    const settings = `/settings/${installer.workspace.id_code}/apps`;
    const page = await browser.get(settings);
    // The workspace's own app is listed too: this is the builder's app's installation.
    assert.match(page.body, new RegExp(`name="installation" value="${installation.id}"`));
    const done = await browser.post(`${settings}/uninstall`, {
      _csrf: csrfOf(page.body),
      installation: String(installation.id),
      confirm: "1",
    });
    assert.equal(done.status, 303);
    const [first, second] = await receiver.waitFor("hub", 2);
    await assertNotice(first as ReceivedRequest, installer.workspace.id_code);
    await assertNotice(second as ReceivedRequest, installer.workspace.id_code);
    assert.equal(
      first?.headers["webhook-id"],
      second?.headers["webhook-id"],
      "a retry is the same notification",
    );
    const [pending] = await deliveries("contact.user.created");
    assert.equal(pending?.state, "cancelled");
    assert.equal(pending?.last_error, "uninstalled");
    await waitUntil(async () => (await deliveries("uninstall")).at(-1)?.state === "delivered");
    assert.equal((await deliveries("uninstall")).at(-1)?.attempts, 2);
    assert.equal(receiver.at("subscription").length, 0);
  });

  for (const path of ["/auth/uninstall", "/oauth/uninstall"]) {
    it(`POST ${path} by the app itself is told`, async () => {
      const endpoint = path.replaceAll("/", "-").slice(1);
      assert.equal((await setInHub(receiver.url(endpoint))).status, 303);
      const { installer, token } = await installed();
      const answer = await fetch(gh.url + path, { method: "POST", headers: bearer(token) });
      assert.equal(answer.status, 200);
      const [notice] = await receiver.waitFor(endpoint, 1);
      await assertNotice(notice as ReceivedRequest, installer.workspace.id_code);
    });
  }

  it("the CLI sets and clears the URL, and its uninstall is told; with no URL nothing is queued", async () => {
    const cli = cliOf(gh);
    const clientId = builder.app.app.client_id;
    const set = await cli("app", "uninstall-url", "--app", clientId, "--set", receiver.url("cli"), "--json");
    assert.equal(set.code, 0, set.stderr);
    assert.equal(JSON.parse(set.stdout).uninstall_url, receiver.url("cli"));
    const plain = await cli("app", "uninstall-url", "--app", clientId, "--set", "http://example.com/x");
    assert.notEqual(plain.code, 0);
    const { installer } = await installed();
    const done = await cli(
      "app",
      "uninstall",
      "--app",
      clientId,
      "--workspace",
      installer.workspace.id_code,
      "--json",
    );
    assert.equal(done.code, 0, done.stderr);
    const [notice] = await receiver.waitFor("cli", 1);
    await assertNotice(notice as ReceivedRequest, installer.workspace.id_code);

    const cleared = await cli("app", "uninstall-url", "--app", clientId, "--clear", "--json");
    assert.equal(JSON.parse(cleared.stdout).uninstall_url, null);
    const before = (await deliveries("uninstall")).length;
    const { token } = await installed();
    assert.equal(
      (await fetch(`${gh.url}/auth/uninstall`, { method: "POST", headers: bearer(token) })).status,
      200,
    );
    assert.equal((await deliveries("uninstall")).length, before);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
