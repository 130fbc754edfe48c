import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { reviewScopeRequest } from "../src/platform/apps/reviews.ts";
import { callApi } from "./support/api.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

/**
 * Intercom's REST API IP allowlist (2.14 `GET`/`PUT /ip_allowlist`, scope `manage_ip_allowlist`, and
 * Intercom's "Restrict REST API access by IP allowlist"): once a workspace enables a non-empty list,
 * its tokens work only from the addresses listed, whichever way they are presented, a leaked token
 * included. The check follows the token's check, so a bad token still reads as one.
 */
describeEachDatabase("the REST API IP allowlist", (database) => {
  let gh: Gatehouse;
  let owner: Tenant;
  let other: Tenant;
  const REFUSED = "Your IP address is not on the allowlist for API access";

  before(async () => {
    gh = await startGatehouse(database);
    const extended = ["manage_ip_allowlist", "read_admin_activity_logs"];
    owner = await createTenant(gh.services, {
      scopes: [...gh.services.scopes.ofTier("standard").map((s) => s.id), ...extended],
    });
    for (const scopeId of extended)
      await reviewScopeRequest(gh.services, {
        appId: owner.app.app.id,
        scopeId,
        decision: "approved",
        reviewerId: owner.admin.id,
      });
    other = await createTenant(gh.services);
  });
  after(() => gh.close());

  /** Fastify's `inject` speaks from 127.0.0.1 unless told another address: a client elsewhere. */
  const from = async (
    address: string,
    path: string,
    headers: Record<string, string> = bearer(owner.token),
  ) => {
    const answer = await gh.server.inject({ method: "GET", url: path, headers, remoteAddress: address });
    return { status: answer.statusCode, body: answer.json() };
  };
  const put = (body: unknown) => callApi(gh.url, owner.token, "/ip_allowlist", { method: "PUT", body });
  const current = async () => (await callApi(gh.url, owner.token, "/ip_allowlist")).body;

  it("is off until a workspace turns it on: every address may use its tokens", async () => {
    assert.deepEqual(await current(), { type: "ip_allowlist", enabled: false, ip_allowlist: [] });
    assert.equal((await from("192.0.2.50", "/me")).status, 200);
  });

  it("refuses a list that would lock out the caller, and saves nothing", async () => {
    const refused = await put({ enabled: true, ip_allowlist: ["203.0.113.0/24", "198.51.100.7"] });
    assert.equal(refused.status, 422, refused.text);
    assert.equal(refused.body.errors[0].code, "parameter_invalid");
    assert.equal(
      refused.body.errors[0].message,
      "Your IP (127.0.0.1) is not on the allowlist. Saving would lock you out of this workspace.",
    );
    // A forwarded-for header names no address Gatehouse trusts (no proxy is configured): still refused.
    const spoofed = await gh.server.inject({
      method: "PUT",
      url: "/ip_allowlist",
      headers: { ...bearer(owner.token), "x-forwarded-for": "203.0.113.9" },
      payload: { enabled: true, ip_allowlist: ["203.0.113.0/24"] },
    });
    assert.equal(spoofed.statusCode, 422);
    assert.deepEqual(await current(), { type: "ip_allowlist", enabled: false, ip_allowlist: [] });
  });

  it("refuses what is no address or range, naming the entry, and saves nothing", async () => {
    for (const entry of [
      "300.1.1.1",
      "10.0.0.0/33",
      "example.com",
      "",
      "127.1",
      "0x7f000001",
      "127.0.0.1\r\nX-Injected: 1",
      "١٢٧.٠.٠.١",
      "1".repeat(65_536),
    ]) {
      const answer = await put({ enabled: true, ip_allowlist: ["127.0.0.1", entry] });
      assert.equal(answer.status, 400, JSON.stringify(entry.slice(0, 40)));
      assert.equal(answer.body.errors[0].code, "parameter_invalid");
      assert.equal(answer.body.errors[0].field, "ip_allowlist.1", "the entry that is wrong");
    }
    const many = Array.from({ length: 1_001 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
    assert.equal((await put({ enabled: true, ip_allowlist: ["127.0.0.1", ...many] })).status, 400);
    assert.equal((await put({ enabled: "yes" })).status, 400);
    assert.deepEqual(await current(), { type: "ip_allowlist", enabled: false, ip_allowlist: [] });
  });

  it("once on, lets the listed addresses and ranges in and refuses every other with 403", async () => {
    // A principal cached before the change must not outlive it.
    assert.equal((await from("192.0.2.50", "/me")).status, 200);
    const list = ["127.0.0.1", "203.0.113.0/24", "2001:db8::/32"];
    const saved = await put({ enabled: true, ip_allowlist: list });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body, { type: "ip_allowlist", enabled: true, ip_allowlist: list });
    assert.deepEqual(await current(), saved.body);

    const refused = await from("192.0.2.50", "/me");
    assert.equal(refused.status, 403);
    assert.equal(refused.body.type, "error.list");
    assert.equal(refused.body.errors[0].message, REFUSED);
    for (const address of ["203.0.113.9", "::ffff:203.0.113.9", "2001:db8::1", "127.0.0.1"])
      assert.equal((await from(address, "/me")).status, 200, address);
    // A range as Intercom writes it, with host bits set, covers its network.
    assert.equal((await put({ ip_allowlist: ["127.0.0.1", "198.51.100.77/24"] })).status, 200);
    assert.equal((await from("198.51.100.1", "/me")).status, 200);
    assert.equal((await from("203.0.113.9", "/me")).status, 403);

    // Presented the older Basic way, or through another route, the token is refused all the same.
    const basic = { authorization: `Basic ${Buffer.from(`${owner.token}:`).toString("base64")}` };
    assert.equal((await from("192.0.2.50", "/me", basic)).status, 403);
    assert.equal((await from("192.0.2.50", "/contacts")).status, 403);
    // A forwarded-for header is no way round it.
    const spoofed = await gh.server.inject({
      method: "GET",
      url: "/me",
      headers: { ...bearer(owner.token), "x-forwarded-for": "127.0.0.1" },
      remoteAddress: "192.0.2.50",
    });
    assert.equal(spoofed.statusCode, 403);
    // A bad token still reads as a bad token, and other workspaces are not touched.
    assert.equal((await from("192.0.2.50", "/me", bearer("gat_not-a-token"))).status, 401);
    assert.equal((await from("192.0.2.50", "/me", bearer(other.token))).status, 200);
  });

  it("lets every address in again when turned off or emptied, and keeps the list while off", async () => {
    const off = await put({ enabled: false });
    assert.equal(off.status, 200);
    assert.deepEqual(off.body, {
      type: "ip_allowlist",
      enabled: false,
      ip_allowlist: ["127.0.0.1", "198.51.100.77/24"],
    });
    assert.equal((await from("192.0.2.50", "/me")).status, 200);
    assert.equal((await put({ enabled: true, ip_allowlist: [] })).status, 200);
    assert.equal((await from("192.0.2.50", "/me")).status, 200, "on, with nothing listed: no restriction");
  });

  it("logs every change as Intercom's security_settings_change, by the token's admin", async () => {
    const log = await callApi(gh.url, owner.token, "/admins/activity_logs?created_at_after=0");
    assert.equal(log.status, 200, log.text);
    const changes = log.body.activity_logs.filter(
      (entry: { activity_type: string }) => entry.activity_type === "security_settings_change",
    );
    assert.equal(changes.length, 4, "four saved changes; the refused ones left no trace");
    assert.equal(changes[0].performed_by.id, String(owner.admin.id));
    assert.match(changes[0].activity_description, /changed the REST API IP allowlist/);
  });

  it("works through the official SDK's ipAllowlist, the lockout refusal included", async () => {
    const sdk = new IntercomClient({ token: owner.token, baseUrl: gh.url, fetch: validatingFetch });
    const before = await sdk.ipAllowlist.getIpAllowlist();
    assert.equal(before.type, "ip_allowlist");
    const saved = await sdk.ipAllowlist.updateIpAllowlist({
      enabled: true,
      ip_allowlist: ["127.0.0.1", "::1"],
    });
    assert.deepEqual([saved.enabled, saved.ip_allowlist], [true, ["127.0.0.1", "::1"]]);
    await assert.rejects(
      sdk.ipAllowlist.updateIpAllowlist({ enabled: true, ip_allowlist: ["203.0.113.0/24"] }),
      (error: { statusCode?: number }) => error.statusCode === 422,
    );
    const off = await sdk.ipAllowlist.updateIpAllowlist({ enabled: false });
    assert.equal(off.enabled, false);
  });

  it("needs the manage_ip_allowlist permission to read or change", async () => {
    const read = await callApi(gh.url, other.token, "/ip_allowlist");
    assert.equal(read.status, 403, read.text);
    const change = await callApi(gh.url, other.token, "/ip_allowlist", {
      method: "PUT",
      body: { enabled: false },
    });
    assert.equal(change.status, 403);
  });

  it("keeps both halves of two changes made at once: one turns it on, the other sets the list", async () => {
    // Each change reads the half it leaves alone: read together, the later write would put back the
    // other's old half, leaving the list on but empty (open to every address) or the new list off.
    const list = ["127.0.0.0/8", "10.0.0.0/8"];
    for (let round = 0; round < 10; round++) {
      assert.equal((await put({ enabled: false, ip_allowlist: [] })).status, 200);
      const answers = await Promise.all([put({ ip_allowlist: list }), put({ enabled: true })]);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200],
      );
      const held = await callApi(gh.url, owner.token, "/ip_allowlist");
      assert.deepEqual([held.body.enabled, held.body.ip_allowlist], [true, list], `round ${round}`);
    }
    assert.equal((await put({ enabled: false, ip_allowlist: [] })).status, 200);
  });
});
