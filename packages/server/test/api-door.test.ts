import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { reviewScopeRequest, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { regenerateAccessToken, revokeToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { generateSecret } from "../src/platform/apps/tokens/token-format.ts";
import {
  basic,
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  TENANT_PASSWORD,
  type Tenant,
} from "./support/gatehouse.ts";
import { Wire } from "./support/hostile/wire.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

const ME_KEYS = ["type", "id", "email", "name", "email_verified", "app", "avatar", "has_inbox_seat"];
const APP_KEYS = [
  "type",
  "id_code",
  "name",
  "created_at",
  "secure",
  "identity_verification",
  "timezone",
  "region",
];

async function call(gh: Gatehouse, path: string, headers: Record<string, string> = {}) {
  const response = await validatingFetch(gh.url + path, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

function assertErrorList(body: unknown, code: string, requestId: string | null) {
  const list = body as { type: string; request_id: string; errors: Array<{ code: string; message: string }> };
  assert.equal(list.type, "error.list");
  assert.equal(list.request_id, requestId, "the body's request_id is the X-Request-Id header");
  assert.match(list.request_id, /^[0-9a-f-]{36}$/);
  assert.equal(list.errors.length, 1);
  assert.equal(list.errors[0]?.code, code);
  assert.ok(list.errors[0]?.message);
}

describeEachDatabase("the resource API's door", (database) => {
  let gh: Gatehouse;
  let acme: Tenant;
  let globex: Tenant;

  before(async () => {
    gh = await startGatehouse(database);
    acme = await createTenant(gh.services, { name: "Acme" });
    globex = await createTenant(gh.services, { name: "Globex" });
  });
  after(() => gh.close());

  it("answers GET /me with exactly the seed's shape, for the token's admin and workspace", async () => {
    const { status, headers, body } = await call(gh, "/me", bearer(acme.token));
    assert.equal(status, 200);
    assert.match(headers.get("content-type") ?? "", /^application\/json/);
    assert.match(headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(body), ME_KEYS);
    assert.deepEqual(Object.keys(body.app), APP_KEYS);
    assert.deepEqual(Object.keys(body.avatar), ["type", "image_url"]);
    assert.equal(body.type, "admin");
    assert.equal(body.id, String(acme.admin.id));
    assert.equal(body.email, acme.admin.email);
    assert.equal(body.name, acme.admin.name);
    assert.equal(body.email_verified, true);
    assert.equal(body.has_inbox_seat, true);
    assert.deepEqual(body.app, {
      type: "app",
      id_code: acme.workspace.id_code,
      name: "Acme",
      created_at: Math.floor(acme.workspace.created_at / 1000),
      secure: false,
      identity_verification: false,
      timezone: "Europe/Edinburgh",
      region: "US",
    });
    assert.equal(body.avatar.type, "avatar");
  });

  it("takes the Bearer scheme in any case", async () => {
    for (const scheme of ["Bearer", "bearer", "BEARER"]) {
      const { status } = await call(gh, "/me", { authorization: `${scheme} ${acme.token}` });
      assert.equal(status, 200, scheme);
    }
  });

  it("takes the token as the Basic user name, with an empty password or with no colon at all", async () => {
    const withColon = await call(gh, "/me", basic(`${acme.token}:`));
    assert.equal(withColon.status, 200);
    assert.equal(withColon.body.email, acme.admin.email);
    const noColon = await call(gh, "/me", basic(acme.token));
    assert.equal(noColon.status, 200);
    assert.equal(noColon.body.app.id_code, acme.workspace.id_code);
  });

  it("refuses a missing token with 401, Intercom's error and a bare RFC 6750 challenge", async () => {
    const { status, headers, body } = await call(gh, "/me");
    assert.equal(status, 401);
    assert.equal(headers.get("www-authenticate"), 'Bearer realm="Intercom API"');
    assertErrorList(body, "unauthorized", headers.get("x-request-id"));
    assert.equal(body.errors[0].message, "Access Token Invalid");
  });

  it("refuses malformed, wrong-checksum and unknown tokens alike", async () => {
    const lastChar = acme.token.at(-1) === "A" ? "B" : "A";
    const cases = {
      malformed: "Bearer not a token",
      "empty bearer": "Bearer ",
      "unknown scheme": `Token ${acme.token}`,
      "wrong checksum": `Bearer ${acme.token.slice(0, -1)}${lastChar}`,
      "unknown token": `Bearer ${generateSecret("access")}`,
      "client secret as token": `Bearer ${acme.app.clientSecret}`,
      "non-base64 basic": "Basic !!!",
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const { status, headers, body } = await call(gh, "/me", { authorization });
      assert.equal(status, 401, name);
      assert.match(
        headers.get("www-authenticate") ?? "",
        /^Bearer realm="Intercom API", error="invalid_token"/,
        name,
      );
      assertErrorList(body, "unauthorized", headers.get("x-request-id"));
    }
  });

  it("tells a caller using a retired API key (Basic app_id:api_key) to use an Access Token", async () => {
    const { status, body } = await call(
      gh,
      "/me",
      basic("ecahpwf5:8a9b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b"),
    );
    assert.equal(status, 401);
    assert.equal(body.errors[0].code, "unauthorized");
    assert.match(body.errors[0].message, /API keys are retired/);
    assert.match(body.errors[0].message, /Access Token/);
  });

  it("accepts every Intercom-Version from 1.0 to 2.16, Unstable and Preview, and refuses anything else", async () => {
    for (const version of [
      "1.0",
      "1.4",
      "2.0",
      "2.8",
      "2.13",
      "2.14",
      "2.15",
      "2.16",
      "Unstable",
      "unstable",
      "Preview",
      " preview ",
    ]) {
      const { status } = await call(gh, "/me", { ...bearer(acme.token), "intercom-version": version });
      assert.equal(status, 200, version);
    }
    for (const version of ["3.0", "2.17", "1.5", "latest", "2", "2.1.0"]) {
      const { status, body } = await call(gh, "/me", { ...bearer(acme.token), "intercom-version": version });
      assert.equal(status, 400, version);
      assert.equal(body.errors[0].code, "intercom_version_invalid");
      assert.match(body.errors[0].message, /2\.16, Unstable, Preview\./);
      assert.equal(body.errors[0].field, "Intercom-Version");
    }
  });

  it("answers unknown routes with Intercom's not_found error", async () => {
    const { status, headers, body } = await call(gh, "/no/such/route", bearer(acme.token));
    assert.equal(status, 404);
    assertErrorList(body, "not_found", headers.get("x-request-id"));
  });

  it("keeps two workspaces apart: each token sees only its own workspace and admins", async () => {
    const a = await call(gh, "/me", bearer(acme.token));
    const g = await call(gh, "/me", bearer(globex.token));
    assert.equal(a.body.app.id_code, acme.workspace.id_code);
    assert.equal(g.body.app.id_code, globex.workspace.id_code);
    assert.notEqual(a.body.app.id_code, g.body.app.id_code);
    // An admin of another workspace is not found, even by a token that may read admins.
    await setRequestedScopes(gh.services, acme.app.app.id, ["read_single_admin"]);
    await reviewScopeRequest(gh.services, {
      appId: acme.app.app.id,
      scopeId: "read_single_admin",
      decision: "approved",
      reviewerId: acme.admin.id,
    });
    const own = await call(gh, `/admins/${acme.admin.id}`, bearer(acme.token));
    assert.equal(own.status, 200);
    assert.equal(own.body.email, acme.admin.email);
    const other = await call(gh, `/admins/${globex.admin.id}`, bearer(acme.token));
    assert.equal(other.status, 404);
    assert.equal(other.body.errors[0].code, "admin_not_found");
  });

  it("widens the same token when an extended scope is approved, and not before", async () => {
    const tenant = await createTenant(gh.services, { name: "Initech" });
    const before = await call(gh, "/admins", bearer(tenant.token));
    assert.equal(before.status, 403);
    assert.equal(before.body.errors[0].code, "forbidden");
    assert.match(before.body.errors[0].message, /Read admins/);
    assert.match(before.body.errors[0].message, /review/);
    assert.match(
      before.headers.get("www-authenticate") ?? "",
      /error="insufficient_scope", .*scope="read_admins"/,
    );

    await setRequestedScopes(gh.services, tenant.app.app.id, [
      ...gh.services.scopes.ofTier("standard").map((s) => s.id),
      "read_admins",
    ]);
    const pending = await call(gh, "/admins", bearer(tenant.token));
    assert.equal(pending.status, 403, "a pending review grants nothing");
    const stillWorks = await call(gh, "/me", bearer(tenant.token));
    assert.equal(stillWorks.status, 200, "the token keeps its standard scopes while review is pending");

    await reviewScopeRequest(gh.services, {
      appId: tenant.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: tenant.admin.id,
    });
    const after = await call(gh, "/admins", bearer(tenant.token));
    assert.equal(after.status, 200);
    assert.equal(after.body.type, "admin.list");
    assert.deepEqual(
      after.body.admins.map((a: { email: string }) => a.email),
      [tenant.admin.email],
    );
  });

  it("stops a revoked token at once and keeps its row, stamped, for the audit trail", async () => {
    const tenant = await createTenant(gh.services);
    assert.equal((await call(gh, "/me", bearer(tenant.token))).status, 200);
    const revoked = await revokeToken(gh.services, tenant.app.accessToken.row.id, {
      reason: "test",
      byAdminId: tenant.admin.id,
    });
    assert.equal((await call(gh, "/me", bearer(tenant.token))).status, 401);
    assert.ok(revoked.revoked_at && revoked.revoked_at > 0);
    assert.equal(revoked.revoked_reason, "test");
    const row = await gh.services.db
      .selectFrom("access_tokens")
      .selectAll()
      .where("id", "=", tenant.app.accessToken.row.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.revoked_at, revoked.revoked_at);
  });

  it("regenerating replaces the token: the old one is refused, the new one works", async () => {
    const tenant = await createTenant(gh.services);
    assert.equal((await call(gh, "/me", bearer(tenant.token))).status, 200);
    const fresh = await regenerateAccessToken(gh.services, tenant.app.installationId, {
      reason: "regenerated",
    });
    assert.notEqual(fresh.token, tenant.token);
    assert.equal((await call(gh, "/me", bearer(tenant.token))).status, 401);
    const me = await call(gh, "/me", bearer(fresh.token));
    assert.equal(me.status, 200);
    assert.equal(me.body.email, tenant.admin.email);
  });

  it("stores no token, client secret or password in the clear", async () => {
    const tenant = await createTenant(gh.services);
    const secrets = [tenant.token, tenant.app.clientSecret, TENANT_PASSWORD];
    const tables = [
      "workspaces",
      "admins",
      "memberships",
      "apps",
      "app_scopes",
      "installations",
      "access_tokens",
    ] as const;
    for (const table of tables) {
      const rows = await gh.services.db.selectFrom(table).selectAll().execute();
      const dump = JSON.stringify(rows);
      for (const secret of secrets) assert.ok(!dump.includes(secret), `${table} holds a secret in the clear`);
      // Nor any substantial piece of one.
      for (const secret of secrets.slice(0, 2))
        assert.ok(!dump.includes(secret.slice(4, 24)), `${table} leaks part of a secret`);
    }
    const admin = await gh.services.db
      .selectFrom("admins")
      .selectAll()
      .where("id", "=", tenant.admin.id)
      .executeTakeFirstOrThrow();
    assert.match(admin.password_hash ?? "", /^\$argon2id\$/);
  });
});

describe("requests that reach no route", () => {
  let gh: Gatehouse;
  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
  });
  after(() => gh.close());

  it("are refused in Intercom's error shape: a path that is not UTF-8, an over-long parameter, an unreadable request", async () => {
    const wire = new Wire(gh.url);
    const cases: Array<[string, string, Array<[string, string]>, number]> = [
      ["overlong UTF-8 in the path", "/tags/%C0%AF", [], 400],
      ["Latin-1 in the path", "/contacts/%e9t%e9", [], 400],
      ["a path parameter over 200 characters", `/admins/${"d".repeat(300)}`, [], 414],
      ["a control character in the request line", "/me\x01", [], 400],
      ["a header over 16 KiB", "/me", [["X-Padding", "p".repeat(17_000)]], 431],
      ["a header line without a colon", "/me", [["X-Broken\r\nno colon here", "x"]], 400],
    ];
    for (const [what, target, headers, status] of cases) {
      const response = await wire.send({ method: "GET", target, headers, fresh: true });
      assert.equal(response.status, status, what);
      const body = JSON.parse(response.body);
      assert.equal(body.type, "error.list", what);
      assert.match(body.errors[0].code, /^[a-z_]+$/, what);
      assert.ok(body.errors[0].message, what);
    }
    wire.close();
  });
});
