import assert from "node:assert/strict";
import { after, before, it, mock } from "node:test";
import { Webhook } from "standardwebhooks";
import { queuePing } from "../src/platform/webhooks/notifications.ts";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import { callApi } from "./support/api.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import { cliOf } from "./support/cli.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { HttpsReceiver, type ReceivedRequest } from "./support/https-receiver.ts";
import { verifiedNotification, webhookSuite } from "./support/webhook-receiving.ts";

/** The headers as a receiver's framework hands them over: one string per name. */
function headersOf(request: ReceivedRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value ?? "")]),
  );
}

/** What a receiver does with the `standardwebhooks` package: verify, or throw. */
function verify(secret: string, request: ReceivedRequest): unknown {
  return new Webhook(secret).verify(request.body, headersOf(request));
}

webhookSuite("webhook signatures (Standard Webhooks)", (database) => {
  let gh: Gatehouse;
  let receiver: HttpsReceiver;
  const logLines: string[] = [];

  before(async () => {
    receiver = await HttpsReceiver.start();
    gh = await startGatehouse(database, {
      env: {
        ...receiver.env,
        GATEHOUSE_WEBHOOK_POLL_MS: "20",
        GATEHOUSE_WEBHOOK_RETRY_BASE_MS: "50",
        LOG_LEVEL: "debug",
      },
      logStream: { write: (line) => logLines.push(line) },
    });
  });
  after(async () => {
    await gh.close();
    await receiver.close();
  });

  /** A tenant signed in to the hub, its app sending `topics` to the receiver's `endpoint`. */
  async function subscribedInHub(endpoint: string, topics: string[] = []) {
    const tenant = await createTenant(gh.services);
    await setSubscription(gh.services, tenant.app.app.id, { url: receiver.url(endpoint), topics });
    const browser = new Browser(gh.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const page = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    return { tenant, browser, page };
  }

  /** The signing secret as the hub's Webhooks page reveals it. */
  async function revealed(browser: Browser, page: string): Promise<string> {
    const body = (await browser.get(page)).body;
    const secrets = [...body.matchAll(/<code class="secret"[^>]*>(whsec_[A-Za-z0-9+/=]+)<\/code>/g)];
    assert.equal(secrets.length, 1, "one signing secret is shown");
    return secrets[0]?.[1] as string;
  }

  async function pinged(tenant: Tenant, endpoint: string): Promise<ReceivedRequest> {
    const count = receiver.at(endpoint).length;
    await queuePing(gh.services, tenant.app.app.id);
    return (await receiver.waitFor(endpoint, count + 1))[count] as ReceivedRequest;
  }

  it("a notification carries webhook-id, -timestamp and -signature that the standardwebhooks verifier accepts, beside X-Hub-Signature as before", async () => {
    const { tenant, browser, page } = await subscribedInHub("standard", ["contact.user.created"]);
    const secret = await revealed(browser, page);
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/, "32 random bytes, as the spec suggests");
    assert.notEqual(secret.slice(6), tenant.app.clientSecret, "a secret of its own, not the client secret");
    const created = await callApi(gh.url, tenant.token, "/contacts", {
      method: "POST",
      body: { email: "signed@example.com", role: "user" },
    });
    assert.equal(created.status, 200);
    const [request] = await receiver.waitFor("standard", 1);
    const received = request as ReceivedRequest;
    const notification = verifiedNotification(received, tenant.app.clientSecret);
    assert.equal(notification.topic, "contact.user.created");
    assert.deepEqual(verify(secret, received), JSON.parse(received.body));
    const id = (JSON.parse(received.body) as { id: string }).id;
    assert.equal(received.headers["webhook-id"], id, "the notification's own id");
    const timestamp = Number(received.headers["webhook-timestamp"]);
    assert.ok(Math.abs(timestamp - Date.now() / 1000) < 60, "the attempt's time, in seconds");
    assert.match(String(received.headers["webhook-signature"]), /^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it("the webhook-id stays the same across retries of one delivery, and every attempt verifies", async () => {
    const { tenant, browser, page } = await subscribedInHub("retried");
    const secret = await revealed(browser, page);
    receiver.answerNext("retried", 503);
    await queuePing(gh.services, tenant.app.app.id);
    const [first, retry] = (await receiver.waitFor("retried", 2)) as [ReceivedRequest, ReceivedRequest];
    assert.equal(first.headers["webhook-id"], retry.headers["webhook-id"]);
    assert.notEqual(first.body, retry.body, "the body counts its attempts");
    verify(secret, first);
    verify(secret, retry);
  });

  it("a receiver refuses a replay: the verifier rejects an old timestamp, and a fresh timestamp breaks the signature", async () => {
    const { tenant, browser, page } = await subscribedInHub("replay");
    const secret = await revealed(browser, page);
    const request = await pinged(tenant, "replay");
    verify(secret, request);
    mock.timers.enable({ apis: ["Date"], now: Date.now() + 6 * 60_000 });
    try {
      assert.throws(() => verify(secret, request), /timestamp too old/);
    } finally {
      mock.timers.reset();
    }
    const refreshed = {
      ...request,
      headers: { ...request.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000) + 1) },
    };
    assert.throws(() => verify(secret, refreshed), /No matching signature/);
    const altered = { ...request, body: request.body.replace('"ping"', '"pong"') };
    assert.throws(() => verify(secret, altered), /No matching signature/);
  });

  it("after a rotation in the hub both secrets sign until the overlap ends, then only the new one", async () => {
    const { tenant, browser, page } = await subscribedInHub("rotated");
    const old = await revealed(browser, page);
    const rotate = await browser.post(`${page}/rotate-secret`, {
      _csrf: csrfOf((await browser.get(page)).body),
      confirm: "1",
    });
    assert.equal(rotate.status, 303);
    const after = await browser.get(page);
    assert.match(after.body, /The previous secret also signs until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    const current = await revealed(browser, page);
    assert.notEqual(current, old);

    const during = await pinged(tenant, "rotated");
    assert.equal(String(during.headers["webhook-signature"]).split(" ").length, 2);
    verify(current, during);
    verify(old, during);

    // The overlap runs out (its end moved to the past, as a day passing would).
    await gh.services.db
      .updateTable("webhook_signing_secrets")
      .set({ previous_expires_at: Date.now() - 1 })
      .where("app_id", "=", tenant.app.app.id)
      .execute();
    const later = await pinged(tenant, "rotated");
    assert.equal(String(later.headers["webhook-signature"]).split(" ").length, 1);
    verify(current, later);
    assert.throws(() => verify(old, later), /No matching signature/);
    assert.doesNotMatch((await browser.get(page)).body, /previous secret also signs/);

    const logged = await gh.services.db
      .selectFrom("activity_log")
      .select(["action", "admin_id"])
      .where("workspace_id", "=", tenant.workspace.id)
      .where("action", "=", "app.webhook_secret_rotated")
      .execute();
    assert.deepEqual(
      logged.map((entry) => ({ ...entry })),
      [{ action: "app.webhook_secret_rotated", admin_id: tenant.admin.id }],
    );
    const noCsrf = await browser.post(`${page}/rotate-secret`, {});
    assert.equal(noCsrf.status, 403);
    assert.equal(await revealed(browser, page), current, "a forged rotation changes nothing");
  });

  it("the CLI shows and rotates the signing secret the hub shows, with the same overlap", async () => {
    const { tenant, browser, page } = await subscribedInHub("cli");
    const cli = cliOf(gh);
    const clientId = tenant.app.app.client_id;
    const shown = await cli("app", "webhook-secret", "show", "--app", clientId, "--json");
    assert.equal(shown.code, 0, shown.stderr);
    const first = JSON.parse(shown.stdout) as { signing_secret: string; previous_signs_until: null };
    assert.equal(first.signing_secret, await revealed(browser, page));
    assert.equal(first.previous_signs_until, null);

    const rotated = await cli("app", "webhook-secret", "rotate", "--app", clientId, "--json");
    assert.equal(rotated.code, 0, rotated.stderr);
    const second = JSON.parse(rotated.stdout) as { signing_secret: string; previous_signs_until: number };
    assert.notEqual(second.signing_secret, first.signing_secret);
    assert.ok(Math.abs(second.previous_signs_until - (Date.now() / 1000 + 86_400)) < 120, "a day's overlap");
    const request = await pinged(tenant, "cli");
    verify(second.signing_secret, request);
    verify(first.signing_secret, request);

    const text = await cli("app", "webhook-secret", "show", "--app", clientId);
    assert.equal(text.stdout.trim(), second.signing_secret);
    const unknown = await cli("app", "webhook-secret", "rotate", "--app", "nope");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No app with client_id nope/);
  });

  it("signing secrets are sealed at rest and never written to the log", async () => {
    const rows = await gh.services.db.selectFrom("webhook_signing_secrets").selectAll().execute();
    assert.ok(rows.length >= 5);
    const secrets: string[] = [];
    for (const row of rows) {
      assert.match(row.secret_sealed, /^v1\./);
      const open = gh.services.keys.unseal(row.secret_sealed, `webhook_signing_secrets:${row.app_id}`);
      secrets.push(open);
      if (row.previous_sealed) {
        secrets.push(gh.services.keys.unseal(row.previous_sealed, `webhook_signing_secrets:${row.app_id}`));
      }
      // Sealed for its app: the same sealed value under another app's name does not open.
      assert.throws(() =>
        gh.services.keys.unseal(row.secret_sealed, `webhook_signing_secrets:${row.app_id + 1}`),
      );
    }
    const stored = JSON.stringify({
      rows,
      activity: await gh.services.db.selectFrom("activity_log").selectAll().execute(),
    });
    const log = logLines.join("");
    assert.ok(log.includes("webhook attempt"), "the log was captured");
    for (const secret of secrets) {
      for (const form of [secret, secret.slice("whsec_".length)]) {
        assert.ok(!stored.includes(form), "not in the database in the clear");
        assert.ok(!log.includes(form), "not in the log");
      }
    }
  });
});
