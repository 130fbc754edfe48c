import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { queuePing } from "../../src/platform/webhooks/notifications.ts";
import { setSubscription } from "../../src/platform/webhooks/subscriptions.ts";
import { Browser, csrfOf } from "../support/browser.ts";
import {
  createTenant,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "../support/gatehouse.ts";
import { HttpsReceiver } from "../support/https-receiver.ts";
import { CountingListener, loopbackSpellings, ScriptedDns } from "../support/tcp-listener.ts";
import { settledDelivery, webhookSuite } from "../support/webhook-receiving.ts";

/**
 * One case per way an app's webhook endpoint was used against the network Gatehouse runs in (issue 11,
 * item 1), each attempted for real: a service listening on loopback counts the connections that reach
 * it, and must count none.
 */

webhookSuite("attack catalog: webhooks", (database) => {
  let guarded: Gatehouse;
  let optedIn: Gatehouse;
  let service: CountingListener;
  let receiver: HttpsReceiver;
  const dns = new ScriptedDns();
  const env = { GATEHOUSE_WEBHOOK_POLL_MS: "20", GATEHOUSE_WEBHOOK_MAX_ATTEMPTS: "1" };

  before(async () => {
    // What a port scan through webhooks would find: a cache that answers anything with its banner.
    service = await CountingListener.start("-ERR unknown command 'POST'\r\n-DENIED Redis is running\r\n");
    receiver = await HttpsReceiver.start();
    guarded = await startGatehouse(database, { env, resolveHost: dns.resolve });
    optedIn = await startGatehouse(database, { env: { ...env, ...receiver.env } });
  });
  after(async () => {
    await guarded.close();
    await optedIn.close();
    await receiver.close();
    await service.close();
  });

  /** The endpoint an app holds, written as a database from before the guard may still hold it. */
  async function storedEndpoint(gh: Gatehouse, tenant: Tenant, url: string): Promise<void> {
    await gh.services.db
      .deleteFrom("webhook_subscriptions")
      .where("app_id", "=", tenant.app.app.id)
      .execute();
    await gh.services.db
      .insertInto("webhook_subscriptions")
      .values({ app_id: tenant.app.app.id, url, created_at: 1, updated_at: 1 })
      .execute();
  }

  it("SSRF by endpoint URL (issue 11 §1): saving and pinging a loopback service is refused in every spelling", async () => {
    const tenant = await createTenant(guarded.services);
    const browser = new Browser(guarded.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const page = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    const csrf = csrfOf((await browser.get(page)).body);
    for (const url of [...loopbackSpellings(service.port), `https://localhost:${service.port}/`]) {
      const saved = await browser.post(page, { _csrf: csrf, url, topics: "contact.user.created" });
      assert.equal(saved.status, 400, url);
      assert.match(saved.body, /not deliver webhooks/);
      const ping = await browser.post(`${page}/ping`, { _csrf: csrf });
      assert.equal(ping.status, 400, "nothing was saved, so there is nothing to ping");
    }
    assert.equal(service.accepted, 0, "no connection reached the service");
  });

  it("SSRF from an endpoint saved before the guard: every spelling is refused again when connecting", async () => {
    const tenant = await createTenant(guarded.services);
    for (const url of [...loopbackSpellings(service.port), `https://localhost:${service.port}/`]) {
      await storedEndpoint(guarded, tenant, url);
      await queuePing(guarded.services, tenant.app.app.id);
      const delivery = await settledDelivery(guarded, tenant.app.app.id);
      assert.equal(delivery.state, "failed", url);
      assert.equal(delivery.last_error, "destination_refused", url);
      assert.equal(delivery.last_status, null);
    }
    assert.equal(service.accepted, 0, "no connection reached the service");
  });

  it("DNS rebinding: a name public when saved, or unresolvable then, that answers loopback when connecting reaches nothing", async () => {
    const rebinding = await createTenant(guarded.services);
    dns.script("rebind.example", ["93.184.215.14"], ["127.0.0.1", "::1"]);
    await setSubscription(guarded.services, rebinding.app.app.id, {
      url: `https://rebind.example:${service.port}/hooks`,
      topics: [],
    });
    await queuePing(guarded.services, rebinding.app.app.id);
    const rebound = await settledDelivery(guarded, rebinding.app.app.id);
    assert.equal(rebound.last_error, "destination_refused");

    const late = await createTenant(guarded.services);
    dns.script("late.example", "nxdomain", ["::ffff:127.0.0.1"]);
    await setSubscription(guarded.services, late.app.app.id, {
      url: `https://late.example:${service.port}/hooks`,
      topics: [],
    });
    await queuePing(guarded.services, late.app.app.id);
    assert.equal((await settledDelivery(guarded, late.app.app.id)).last_error, "destination_refused");

    assert.deepEqual(dns.lookups, ["rebind.example", "rebind.example", "late.example", "late.example"]);
    assert.equal(service.accepted, 0, "no connection reached the service");
  });

  it("redirect to an internal address: a 307 from the endpoint is recorded, never followed", async () => {
    const tenant = await createTenant(optedIn.services);
    await setSubscription(optedIn.services, tenant.app.app.id, { url: receiver.url("redirect"), topics: [] });
    // Loopback is allowed on this instance, so only not following the redirect keeps the service unreached.
    receiver.answerNext("redirect", {
      status: 307,
      headers: { location: `https://127.0.0.1:${service.port}/` },
    });
    await queuePing(optedIn.services, tenant.app.app.id);
    const delivery = await settledDelivery(optedIn, tenant.app.app.id);
    assert.equal(receiver.at("redirect").length, 1);
    assert.equal(delivery.last_status, 307);
    assert.equal(delivery.last_error, "http_3xx");
    assert.equal(service.accepted, 0, "the redirect was not followed");
  });

  it("fingerprinting through the delivery table: the hub shows the class of failure, never the error's text", async () => {
    const tenant = await createTenant(optedIn.services);
    const browser = new Browser(optedIn.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const page = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    const csrf = csrfOf((await browser.get(page)).body);
    const saved = await browser.post(page, { _csrf: csrf, url: `https://127.0.0.1:${service.port}/` });
    assert.equal(saved.status, 303);
    assert.equal((await browser.post(`${page}/ping`, { _csrf: csrf })).status, 303);
    const delivery = await settledDelivery(optedIn, tenant.app.app.id);
    assert.equal(service.accepted, 1, "the operator allowed loopback here, so the service was reached");
    assert.ok(
      ["tls_failed", "connection_failed"].includes(delivery.last_error ?? ""),
      delivery.last_error ?? "",
    );
    const leaks = [/EPROTO/, /SSL/, /wrong version/, /Redis/, /DENIED/, /ECONNRESET/, /socket/i];
    const listed = (await browser.get(page)).body;
    assert.match(listed, /TLS failed|Connection failed/);
    for (const leak of leaks) assert.doesNotMatch(listed, leak);
    // A row an older version wrote holds the raw text until migration 0023 runs; the page shows a class.
    await optedIn.services.db
      .updateTable("webhook_deliveries")
      .set({ last_error: "write EPROTO 0A00010B:SSL routines:wrong version number" as "connection_failed" })
      .where("id", "=", delivery.id)
      .execute();
    const legacy = (await browser.get(page)).body;
    assert.match(legacy, /Connection failed/);
    for (const leak of leaks) assert.doesNotMatch(legacy, leak);
  });
});
