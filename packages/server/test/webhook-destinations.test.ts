import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConfigError, loadConfig } from "../src/config.ts";
import { forbiddenRange, parseAllowList } from "../src/platform/webhooks/destination-guard.ts";
import { queuePing } from "../src/platform/webhooks/notifications.ts";
import { setSubscription } from "../src/platform/webhooks/subscriptions.ts";
import { migrate } from "../src/storage/database.ts";
import { Browser, csrfOf } from "./support/browser.ts";
import { oldWorkspace, withStorageBefore } from "./support/databases.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  TENANT_PASSWORD as PASSWORD,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { CountingListener, loopbackSpellings, ScriptedDns } from "./support/tcp-listener.ts";
import { settledDelivery } from "./support/webhook-receiving.ts";

describe("webhook destination ranges", () => {
  it("refuses every non-public range, in IPv4, IPv6 and the IPv6 forms that carry IPv4", () => {
    const refused: Array<[string, string]> = [
      ["127.0.0.1", "loopback"],
      ["127.255.0.9", "loopback"],
      ["10.1.2.3", "private (RFC 1918)"],
      ["172.16.0.1", "private (RFC 1918)"],
      ["172.31.255.255", "private (RFC 1918)"],
      ["192.168.1.1", "private (RFC 1918)"],
      ["169.254.169.254", "link-local"],
      ["100.64.0.1", "carrier-grade NAT (100.64.0.0/10)"],
      ["100.127.255.254", "carrier-grade NAT (100.64.0.0/10)"],
      ["0.0.0.0", "unspecified"],
      ["0.1.2.3", "unspecified"],
      ["255.255.255.255", "broadcast"],
      ["224.0.0.1", "multicast"],
      ["240.0.0.1", "reserved"],
      ["192.0.2.1", "reserved"],
      ["198.18.0.1", "reserved"],
      ["::1", "loopback"],
      ["::", "unspecified"],
      ["fe80::1", "link-local"],
      ["fc00::1", "unique-local (fc00::/7)"],
      ["fd12:3456::1", "unique-local (fc00::/7)"],
      ["ff02::1", "multicast"],
      ["2001:db8::1", "reserved"],
      ["2001::1", "Teredo"],
      ["64:ff9b:1::a00:1", "NAT64"],
      // IPv4-mapped, IPv4-compatible, RFC 6145, NAT64 and 6to4 forms are judged by the IPv4 inside.
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["::ffff:169.254.169.254", "link-local"],
      ["::ffff:10.0.0.1", "private (RFC 1918)"],
      ["::127.0.0.1", "loopback"],
      ["::10.0.0.1", "private (RFC 1918)"],
      ["::ffff:0:127.0.0.1", "loopback"],
      ["64:ff9b::127.0.0.1", "loopback"],
      ["64:ff9b::a9fe:a9fe", "link-local"],
      ["2002:7f00:1::", "loopback"],
      ["2002:a9fe:a9fe::1", "link-local"],
      ["2002:c0a8:101::", "private (RFC 1918)"],
    ];
    for (const [address, range] of refused) assert.equal(forbiddenRange(address), range, address);
    for (const address of [
      "1.1.1.1",
      "8.8.8.8",
      "93.184.215.14",
      "2606:4700:4700::1111",
      "::ffff:8.8.8.8",
      "64:ff9b::808:808",
      "2002:808:808::1",
    ]) {
      assert.equal(forbiddenRange(address), undefined, address);
    }
  });

  it("lets the operator's ranges through, in every form of an allowed IPv4 address, and nothing beside them", () => {
    const allowed = parseAllowList(" 127.0.0.1/32, ::1/128 ,10.20.0.0/16,fd00::5");
    for (const address of [
      "127.0.0.1",
      "::ffff:127.0.0.1",
      "::1",
      "10.20.3.4",
      "64:ff9b::a14:304",
      "fd00::5",
    ])
      assert.equal(forbiddenRange(address, allowed), undefined, address);
    for (const address of ["127.0.0.2", "0.0.0.0", "::", "10.21.0.1", "fd00::6", "169.254.169.254"])
      assert.ok(forbiddenRange(address, allowed), address);
    assert.deepEqual(parseAllowList(""), []);
  });

  it("a bad CIDR in GATEHOUSE_WEBHOOK_ALLOW_PRIVATE stops the start with a ConfigError naming it", () => {
    for (const bad of [
      "10.0.0.0/33",
      "localhost",
      "127.0.0.1/8/1",
      "fe80::/129",
      "10.0.0.0/8,nope",
      "127.1",
    ]) {
      assert.throws(
        () => loadConfig({ GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: bad }),
        (error: Error) =>
          error instanceof ConfigError &&
          /GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: ".*" is not a CIDR/.test(error.message),
        bad,
      );
    }
    assert.deepEqual(loadConfig({}).webhooks.allowPrivate, [], "nothing private is allowed by default");
    assert.equal(
      loadConfig({ GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/8" }).webhooks.allowPrivate.length,
      1,
    );
  });
});

describeEachDatabase("webhook destinations", (database) => {
  let guarded: Gatehouse;
  let optedIn: Gatehouse;
  let listener: CountingListener;
  const dns = new ScriptedDns();

  before(async () => {
    listener = await CountingListener.start();
    const env = { GATEHOUSE_WEBHOOK_POLL_MS: "20", GATEHOUSE_WEBHOOK_MAX_ATTEMPTS: "1" };
    guarded = await startGatehouse(database, { env, resolveHost: dns.resolve });
    optedIn = await startGatehouse(database, {
      env: { ...env, GATEHOUSE_WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32,::1/128" },
    });
  });
  after(async () => {
    await guarded.close();
    await optedIn.close();
    await listener.close();
  });

  const storedUrl = async (gh: Gatehouse, tenant: Tenant) =>
    (
      await gh.services.db
        .selectFrom("webhook_subscriptions")
        .select("url")
        .where("app_id", "=", tenant.app.app.id)
        .executeTakeFirst()
    )?.url;

  async function refusedAtSave(gh: Gatehouse, tenant: Tenant, url: string): Promise<string> {
    const before = await storedUrl(gh, tenant);
    let message = "";
    await assert.rejects(
      setSubscription(gh.services, tenant.app.app.id, { url, topics: [] }),
      (error: Error & { status?: number; code?: string; field?: string }) => {
        assert.equal(error.status, 400, url);
        assert.equal(error.code, "parameter_invalid");
        assert.equal(error.field, "url");
        message = error.message;
        return true;
      },
    );
    assert.equal(await storedUrl(gh, tenant), before, `${url} was not stored`);
    return message;
  }

  it("refuses at save an address in any forbidden range, whatever its spelling, saying why and how to opt in", async () => {
    const tenant = await createTenant(guarded.services);
    for (const url of loopbackSpellings(listener.port)) {
      const message = await refusedAtSave(guarded, tenant, url);
      assert.match(message, /points to a (loopback|unspecified) address/, url);
      assert.match(message, /GATEHOUSE_WEBHOOK_ALLOW_PRIVATE/);
    }
    for (const [url, range] of [
      ["https://169.254.169.254/latest/meta-data/", "link-local"],
      ["https://10.0.0.8:6379/", "private"],
      ["https://192.168.0.1/", "private"],
      ["https://100.64.12.1/", "carrier-grade NAT"],
      ["https://[fd00::8]/", "unique-local"],
      ["https://[fe80::1]/", "link-local"],
      ["https://[ff02::1]/", "multicast"],
      ["https://255.255.255.255/", "broadcast"],
      ["https://[::ffff:a9fe:a9fe]/", "link-local"],
      ["https://[64:ff9b::a00:1]/", "private"],
      ["https://[2002:7f00:1::]/", "loopback"],
    ] as const) {
      assert.match(await refusedAtSave(guarded, tenant, url), new RegExp(`points to a ${range}`), url);
    }
  });

  it("refuses at save a name that resolves only to forbidden addresses; accepts one that does not resolve yet, or also resolves publicly", async () => {
    const tenant = await createTenant(guarded.services);
    const message = await refusedAtSave(guarded, tenant, `https://localhost:${listener.port}/hooks`);
    assert.match(message, /resolves only to private, loopback or reserved addresses/);
    dns.script("internal.example", ["10.0.0.5", "fd00::5"]);
    await refusedAtSave(guarded, tenant, "https://internal.example/hooks");

    dns.script("not-yet.example", "nxdomain");
    await setSubscription(guarded.services, tenant.app.app.id, {
      url: "https://not-yet.example/hooks",
      topics: [],
    });
    dns.script("mixed.example", ["10.0.0.5", "93.184.215.14"]);
    const saved = await setSubscription(guarded.services, tenant.app.app.id, {
      url: "https://mixed.example/hooks",
      topics: [],
    });
    assert.equal(saved.url, "https://mixed.example/hooks");
    assert.deepEqual(dns.lookups, ["internal.example", "not-yet.example", "mixed.example"]);
  });

  it("the hub's Webhooks form shows the refusal beside the URL field and keeps what was typed", async () => {
    const tenant = await createTenant(guarded.services);
    const browser = new Browser(guarded.url);
    await browser.signIn(tenant.admin.email, PASSWORD);
    const path = `/hub/apps/${tenant.app.app.client_id}/webhooks`;
    const csrf = csrfOf((await browser.get(path)).body);
    const typed = `https://2130706433:${listener.port}/hooks`;
    const refused = await browser.post(path, { _csrf: csrf, url: typed });
    assert.equal(refused.status, 400);
    assert.match(
      refused.body,
      /<input id="webhook-url"[^>]*aria-invalid="true"[^>]*aria-describedby="webhook-url-error"/,
    );
    assert.match(
      refused.body,
      /<p id="webhook-url-error" class="field-error">The endpoint URL points to a loopback address/,
    );
    assert.match(refused.body, new RegExp(`value="${typed.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`));
    assert.equal(listener.accepted, 0);
  });

  it("with the operator's opt-in, the allowed loopback spellings are delivered to and the others still refused", async () => {
    const tenant = await createTenant(optedIn.services);
    for (const url of loopbackSpellings(listener.port)) {
      const host = new URL(url).hostname;
      const beforeCount = listener.accepted;
      if (host === "0.0.0.0" || host === "[::]") {
        await refusedAtSave(optedIn, tenant, url);
        continue;
      }
      await setSubscription(optedIn.services, tenant.app.app.id, { url, topics: [] });
      await queuePing(optedIn.services, tenant.app.app.id);
      const delivery = await settledDelivery(optedIn, tenant.app.app.id);
      assert.equal(listener.accepted, beforeCount + 1, `${url} reached the listener`);
      // The listener speaks no TLS: the attempt fails, recorded as a class, never as the error's text.
      assert.ok(
        ["tls_failed", "connection_failed"].includes(delivery.last_error ?? ""),
        delivery.last_error ?? "",
      );
    }
  });

  it("migration 0023 turns the raw error text older versions stored into classes", async () => {
    await withStorageBefore(database, "0023", async (storage) => {
      const db = storage.db;
      const workspace = await oldWorkspace(storage, "hooks0023");
      const admin = await db
        .insertInto("admins")
        .values({
          email: "old@example.com",
          name: "Old",
          email_verified: true,
          avatar_url: null,
          has_inbox_seat: true,
          job_title: null,
          password_hash: null,
          created_at: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const app = await db
        .insertInto("apps")
        .values({
          workspace_id: workspace.id,
          name: "Old app",
          client_id: "old-client",
          client_secret_hmac: "x",
          client_secret_key_id: "x",
          client_secret_sealed: "x",
          oauth_enabled: false,
          created_by_admin_id: admin.id,
          created_at: 1,
          updated_at: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const installation = await db
        .insertInto("installations")
        .values({
          app_id: app.id,
          workspace_id: workspace.id,
          installed_by_admin_id: admin.id,
          installed_at: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const stored: Array<[string | null, number | null]> = [
        ["connect ECONNREFUSED 10.0.0.7:5432", null],
        ["write EPROTO 0A00010B:SSL routines:wrong version number", null],
        ["The app was uninstalled", null],
        ["The app's webhook subscription was removed", null],
        ["Service Unavailable", 503],
        [null, 404],
        [null, 200],
      ];
      for (const [index, [error, status]] of stored.entries()) {
        await db
          .insertInto("webhook_deliveries")
          .values({
            notification_id: `notif_old_${index}`,
            app_id: app.id,
            installation_id: installation.id,
            workspace_id: workspace.id,
            topic: "ping",
            item: "{}",
            state: "failed",
            next_attempt_at: 1,
            created_at: 1,
            last_status: status,
            last_error: error as "connection_failed" | null,
          })
          .execute();
      }
      const applied = await migrate(storage);
      assert.equal(applied[0], "0023_webhook_signing");
      const after = await db.selectFrom("webhook_deliveries").select("last_error").orderBy("id").execute();
      assert.deepEqual(
        after.map((row) => row.last_error),
        [
          "connection_failed",
          "connection_failed",
          "uninstalled",
          "subscription_removed",
          "http_5xx",
          null,
          null,
        ],
      );
    });
  });
});
