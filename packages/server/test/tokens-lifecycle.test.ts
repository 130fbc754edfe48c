import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createApp, reviewScopeRequest, setRequestedScopes } from "../src/platform/apps/apps.ts";
import { uninstallApp } from "../src/platform/apps/installations.ts";
import type { Principal } from "../src/platform/apps/principals/principal.ts";
import { PrincipalCache } from "../src/platform/apps/principals/principal-cache.ts";
import { revokeToken } from "../src/platform/apps/tokens/access-tokens.ts";
import { migrate, openStorage } from "../src/storage/database.ts";
import { freshPostgresSchema } from "./support/databases.ts";
import {
  bearer,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  POSTGRES_MISSING,
  startGatehouse,
} from "./support/gatehouse.ts";

async function status(gh: Gatehouse, token: string, path = "/me"): Promise<number> {
  const response = await fetch(gh.url + path, { headers: bearer(token) });
  await response.arrayBuffer();
  return response.status;
}

const rootKey = () => crypto.randomBytes(32).toString("base64url");

describeEachDatabase("token lifecycle", (database) => {
  let gh: Gatehouse;
  before(async () => {
    gh = await startGatehouse(database);
  });
  after(() => gh.close());

  it("writes nothing when app creation fails half-way (an unknown scope)", async () => {
    const tenant = await createTenant(gh.services);
    const before = await gh.services.db.selectFrom("apps").select("id").execute();
    await assert.rejects(
      createApp(gh.services, {
        workspaceId: tenant.workspace.id,
        adminId: tenant.admin.id,
        name: "Broken",
        scopes: ["read_tags", "no_such_scope"],
      }),
      { code: "parameter_invalid" },
    );
    const afterRows = await gh.services.db.selectFrom("apps").select("id").execute();
    assert.equal(afterRows.length, before.length);
  });

  it("uninstalling stops every token of that installation at once", async () => {
    const tenant = await createTenant(gh.services);
    assert.equal(await status(gh, tenant.token), 200);
    await uninstallApp(gh.services, tenant.app.installationId, tenant.admin.id);
    assert.equal(await status(gh, tenant.token), 401);
    const row = await gh.services.db
      .selectFrom("access_tokens")
      .select(["revoked_at", "revoked_reason"])
      .where("id", "=", tenant.app.accessToken.row.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.revoked_reason, "uninstalled");
  });

  it("narrowing an app's scopes narrows its live token at once", async () => {
    const tenant = await createTenant(gh.services, { scopes: ["read_tags", "read_admins"] });
    await reviewScopeRequest(gh.services, {
      appId: tenant.app.app.id,
      scopeId: "read_admins",
      decision: "approved",
      reviewerId: tenant.admin.id,
    });
    assert.equal(await status(gh, tenant.token, "/admins"), 200);
    await setRequestedScopes(gh.services, tenant.app.app.id, ["read_tags"]);
    assert.equal(await status(gh, tenant.token, "/admins"), 403);
  });

  it("a rejected extended scope grants nothing and needs a reason", async () => {
    const tenant = await createTenant(gh.services, { scopes: ["read_admins"] });
    await assert.rejects(
      reviewScopeRequest(gh.services, {
        appId: tenant.app.app.id,
        scopeId: "read_admins",
        decision: "rejected",
        reviewerId: tenant.admin.id,
      }),
      { code: "parameter_not_found" },
    );
    const row = await reviewScopeRequest(gh.services, {
      appId: tenant.app.app.id,
      scopeId: "read_admins",
      decision: "rejected",
      reviewerId: tenant.admin.id,
      note: "Not needed for a tag sync",
    });
    assert.equal(row.review_state, "rejected");
    assert.equal(await status(gh, tenant.token, "/admins"), 403);
  });
});

describeEachDatabase("secret-key rotation", (database) => {
  it("a token hashed under a retired key still works after rotation, and moves to the new key", async () => {
    const oldKey = rootKey();
    const first = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: oldKey } });
    try {
      const tenant = await createTenant(first.services);
      await first.stop();
      const newKey = rootKey();
      const rotated = await startGatehouse(database, {
        env: { GATEHOUSE_SECRET_KEY: `${newKey},${oldKey}` },
        sharing: first,
      });
      try {
        assert.equal(await status(rotated, tenant.token), 200);
        const row = await rotated.services.db
          .selectFrom("access_tokens")
          .select(["token_key_id", "token_hmac"])
          .where("id", "=", tenant.app.accessToken.row.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.token_key_id, rotated.services.keys.current.id, "rehashed under the current key");
        assert.equal(row.token_hmac, rotated.services.keys.hmac(tenant.token));
      } finally {
        await rotated.stop();
      }
      // Once the old key is dropped entirely, a token never seen since rotation would be lost; this one moved.
      const onlyNew = await startGatehouse(database, {
        env: { GATEHOUSE_SECRET_KEY: rootKey() },
        sharing: first,
      });
      try {
        assert.equal(await status(onlyNew, tenant.token), 401, "a different key cannot verify the token");
      } finally {
        await onlyNew.stop();
      }
    } finally {
      await first.close();
    }
  });
});

describe("several instances over one PostgreSQL", { skip: POSTGRES_MISSING ?? false }, () => {
  it("a revoke on one instance is refused by the other, whose cache held the token", async () => {
    const key = rootKey();
    const a = await startGatehouse({ dialect: "postgres" }, { env: { GATEHOUSE_SECRET_KEY: key } });
    const b = await startGatehouse(
      { dialect: "postgres" },
      { env: { GATEHOUSE_SECRET_KEY: key }, sharing: a },
    );
    try {
      const tenant = await createTenant(a.services);
      assert.equal(await status(b, tenant.token), 200, "b has now cached the token");
      assert.equal(b.services.principals.size, 1);
      await revokeToken(a.services, tenant.app.accessToken.row.id, { reason: "leaked" });
      const deadline = Date.now() + 5000;
      let seen = 200;
      while (Date.now() < deadline && seen === 200) {
        seen = await status(b, tenant.token);
        if (seen === 200) await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(seen, 401, "instance b heard of the revoke through LISTEN/NOTIFY");
    } finally {
      await b.stop();
      await a.close();
    }
  });
});

describe("Gatehouse's schema on a PostgreSQL server shared with others", {
  skip: POSTGRES_MISSING ?? false,
}, () => {
  it("migrates reading only its own schema, while other schemas come and go", async () => {
    const ours = await freshPostgresSchema();
    const neighbour = await freshPostgresSchema();
    const storage = openStorage({ databaseUrl: ours.url, dataDir: "" });
    const other = openStorage({ databaseUrl: neighbour.url, dataDir: "" });
    // Others create and drop schemas all the while (as parallel test runs or other apps do): reading
    // every schema's columns, as Kysely's own introspector does, fails when one goes mid-read.
    let churning = true;
    const churn = (async () => {
      while (churning) {
        const passing = await freshPostgresSchema();
        const db = openStorage({ databaseUrl: passing.url, dataDir: "" });
        await migrate(db);
        await db.close();
        await passing.drop();
      }
    })();
    try {
      await migrate(other);
      for (let round = 0; round < 3; round++) {
        const applied = await migrate(storage);
        if (round === 0) assert.ok(applied.length > 0, "the fresh schema was migrated");
        else assert.deepEqual(applied, [], "and later starts find nothing left to do");
      }
      const tables = await storage.db.introspection.getTables();
      assert.ok(tables.length > 0);
      const schemaOf = new URL(ours.url).searchParams.get("options")?.split("=")[1];
      assert.deepEqual([...new Set(tables.map((t) => t.schema))], [schemaOf]);
      assert.ok(tables.some((t) => t.name === "gatehouse_migrations"));
    } finally {
      churning = false;
      await churn;
      await storage.close();
      await other.close();
      await ours.drop();
      await neighbour.drop();
    }
  });
});

describe("principal cache", () => {
  const principal = (tokenId: number, appId: number): Principal => ({
    tokenId,
    kind: "access",
    installationId: 1,
    appId,
    clientId: `client_${appId}`,
    workspaceId: 1,
    apiVersion: "2.14",
    scopes: new Set(),
    admin: { id: 1, email: "a@b.co", name: "A", emailVerified: true, avatarUrl: null, hasInboxSeat: true },
    workspace: {
      idCode: "abc",
      name: "W",
      createdAt: 0,
      secure: false,
      identityVerification: false,
      timezone: "UTC",
      region: "US",
    },
  });

  it("evicts by any tag the entry depends on", () => {
    const cache = new PrincipalCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.set("k1", principal(1, 7), cache.generation);
    cache.set("k2", principal(2, 8), cache.generation);
    cache.invalidate(["app:7"]);
    assert.equal(cache.get("k1"), undefined);
    assert.ok(cache.get("k2"));
    cache.invalidate(["*"]);
    assert.equal(cache.size, 0);
  });

  it("refuses to store a load that overlapped an invalidation", () => {
    const cache = new PrincipalCache({ ttlMs: 60_000, maxEntries: 10 });
    const loadStartedAt = cache.generation;
    cache.invalidate(["token:1"]);
    cache.set("k1", principal(1, 1), loadStartedAt);
    assert.equal(cache.get("k1"), undefined);
  });

  it("expires entries after the TTL and stays within its size bound", () => {
    const cache = new PrincipalCache({ ttlMs: 1000, maxEntries: 2 });
    cache.set("k1", principal(1, 1), cache.generation, 0);
    assert.ok(cache.get("k1", 999));
    assert.equal(cache.get("k1", 1000), undefined);
    cache.set("a", principal(1, 1), cache.generation);
    cache.set("b", principal(2, 1), cache.generation);
    cache.set("c", principal(3, 1), cache.generation);
    assert.equal(cache.size, 2);
    assert.equal(cache.get("a"), undefined, "the oldest entry made room");
  });
});
