import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { reviewScopeRequest, setOAuthEnabled } from "../src/platform/apps/apps.ts";
import { regenerateAccessToken } from "../src/platform/apps/tokens/access-tokens.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

describeEachDatabase("admins API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  async function call(path: string, init: { method?: string; body?: unknown } = {}) {
    const response = await gh.fetch(gh.url + path, {
      method: init.method ?? "GET",
      headers: {
        ...bearer(tenant.token),
        ...(init.body !== undefined && { "content-type": "application/json" }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  before(async () => {
    gh = await startGatehouse(database);
    const extended = ["read_admins", "update_admins", "read_admin_activity_logs"];
    tenant = await createTenant(gh.services, { name: "Admins Co", scopes: extended });
    for (const scopeId of extended) {
      await reviewScopeRequest(gh.services, {
        appId: tenant.app.app.id,
        scopeId,
        decision: "approved",
        reviewerId: tenant.admin.id,
      });
    }
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  it("sets away mode (PUT /admins/{id}/away) and answers the admin object", async () => {
    const { status, body } = await call(`/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: true },
    });
    assert.equal(status, 200);
    assert.equal(body.type, "admin");
    assert.equal(body.away_mode_enabled, true);
    assert.equal(body.away_mode_reassign, true);
    assert.equal("job_title" in body, false, "2.14's job_title is a string: an admin without one has none");
    const listed = await call("/admins");
    assert.equal(listed.body.admins[0].away_mode_enabled, true);
  });

  it("refuses away mode for another workspace's admin, a missing field, or an unknown reason, changing nothing", async () => {
    const foreign = await call(`/admins/${other.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: true, away_mode_reassign: false },
    });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.errors[0].code, "admin_not_found");
    const missing = await call(`/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: false },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].code, "parameter_not_found");
    const reason = await call(`/admins/${tenant.admin.id}/away`, {
      method: "PUT",
      body: { away_mode_enabled: false, away_mode_reassign: false, away_status_reason_id: 12345 },
    });
    assert.equal(reason.status, 400);
    assert.equal(reason.body.errors[0].code, "parameter_invalid");
    const unchanged = await call("/admins");
    assert.equal(unchanged.body.admins[0].away_mode_enabled, true);
  });

  it("lists the workspace's activity logs in Intercom's shape, within the asked time range", async () => {
    await setOAuthEnabled(gh.services, tenant.app.app.id, true, {
      adminId: tenant.admin.id,
      ip: "192.0.2.7",
    });
    const fresh = await regenerateAccessToken(
      gh.services,
      tenant.app.installationId,
      { reason: "regenerated" },
      { adminId: tenant.admin.id, ip: "192.0.2.7" },
    );
    tenant.token = fresh.token;
    const { status, body } = await call("/admins/activity_logs?created_at_after=0");
    assert.equal(status, 200);
    assert.equal(body.type, "activity_log.list");
    assert.deepEqual(Object.keys(body.pages), ["type", "next", "page", "per_page", "total_pages"]);
    const types = body.activity_logs.map((l: { activity_type: string }) => l.activity_type);
    // Intercom's enum names the action (the SDK types the field as that enum); Gatehouse's own actions,
    // which it has no name for (turning OAuth on), stay out of the API.
    assert.ok(types.includes("admin_away_mode_change"), JSON.stringify(types));
    assert.ok(!types.includes("app_oauth_enabled"), JSON.stringify(types));
    const regenerated = body.activity_logs.find(
      (l: { activity_type: string }) => l.activity_type === "app_package_token_regeneration",
    );
    assert.ok(regenerated, JSON.stringify(types));
    assert.deepEqual(regenerated.performed_by, {
      type: "admin",
      id: String(tenant.admin.id),
      email: tenant.admin.email,
      ip: "192.0.2.7",
    });
    assert.match(regenerated.activity_description, /regenerated the app's access token/);
    const future = await call(
      `/admins/activity_logs?created_at_after=${Math.floor(Date.now() / 1000) + 3600}`,
    );
    assert.equal(future.body.activity_logs.length, 0);
    const missing = await call("/admins/activity_logs");
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].code, "parameter_not_found");
    const paged = await call("/admins/activity_logs?created_at_after=0&per_page=1&page=2");
    assert.equal(paged.body.activity_logs.length, 1);
    assert.equal(paged.body.pages.page, 2);
    assert.ok(paged.body.pages.total_pages >= 2);
  });

  it("shows no other workspace's activity", async () => {
    const { body } = await call("/admins/activity_logs?created_at_after=0");
    const workspaces = await gh.services.db
      .selectFrom("activity_log")
      .select(["id", "workspace_id"])
      .execute();
    const foreign = new Set(
      workspaces.filter((r) => r.workspace_id !== tenant.workspace.id).map((r) => String(r.id)),
    );
    for (const log of body.activity_logs) assert.ok(!foreign.has(log.id));
  });
});
