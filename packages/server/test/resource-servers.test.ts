import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { createResourceServer } from "../src/platform/apps/resource-servers/resource-servers.ts";
import { cliOf, settled } from "./support/cli.ts";
import {
  basic,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * Resource servers (issue 14): made with the CLI, their secret kept as an HMAC only, rotated with an
 * overlap, deleted; introspecting any app's token with `aud` naming them, while an app still sees only
 * its own.
 */
describeEachDatabase("resource servers", (database) => {
  let gh: Gatehouse;
  let cli: ReturnType<typeof cliOf>;
  let alpha: Tenant;
  let beta: Tenant;

  async function json(...args: string[]) {
    const result = await cli(...args, "--json");
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  }

  async function introspect(credentials: { id: string; secret: string }, token: string) {
    const response = await gh.server.inject({
      method: "POST",
      url: "/oauth/introspect",
      headers: basic(`${credentials.id}:${credentials.secret}`),
      payload: { token },
    });
    return { status: response.statusCode, body: response.json() };
  }

  /** One made without the CLI (a process each), where the CLI is not the point. */
  async function made(name: string) {
    const { row, clientSecret } = await createResourceServer(gh.services, name);
    return { client_id: row.client_id, client_secret: clientSecret };
  }

  const appCredentials = (t: Tenant) => ({ id: t.app.app.client_id, secret: t.app.clientSecret });

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    cli = cliOf(gh);
    alpha = await createTenant(gh.services, { name: "Alpha" });
    beta = await createTenant(gh.services, { name: "Beta" });
  });
  after(() => gh.close());

  it("is created by the CLI, which prints exactly client_id and client_secret; the secret is never stored", async () => {
    const made = await json("resource-server", "create", "--name", "Orders API");
    assert.deepEqual(Object.keys(made).sort(), ["client_id", "client_secret"]);
    assert.match(made.client_id, /^rs_[0-9a-f-]{36}$/);
    assert.match(made.client_secret, /^grs_[0-9A-Za-z]{36}$/);
    const row = await gh.services.db
      .selectFrom("resource_servers")
      .selectAll()
      .where("client_id", "=", made.client_id)
      .executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(made.client_secret), "the secret is not in its row");
    assert.notEqual(
      row.secret_hmac,
      crypto.createHash("sha256").update(made.client_secret).digest("base64url"),
    );
    const human = await cli("resource-server", "create", "--name", "Billing API");
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /client_id: +rs_/);
    const listed = await json("resource-server", "list");
    assert.deepEqual(
      listed.map((r: { name: string }) => r.name),
      ["Orders API", "Billing API"],
    );
    assert.ok(!JSON.stringify(listed).includes("grs_"), "list shows no secret");
  });

  it("introspects any app's token, answering its app's client_id and aud naming the resource server", async () => {
    const rs = await made("Any API");
    const credentials = { id: rs.client_id, secret: rs.client_secret };
    for (const tenant of [alpha, beta]) {
      const { status, body } = await introspect(credentials, tenant.token);
      assert.equal(status, 200);
      assert.equal(body.active, true);
      assert.equal(body.client_id, tenant.app.app.client_id, "client_id is the token's app");
      assert.equal(body.aud, rs.client_id);
      assert.equal(body.username, tenant.admin.email);
      assert.equal(body.workspace_id, tenant.workspace.id_code);
      assert.ok(body.scope.length > 0);
    }
    assert.deepEqual((await introspect(credentials, `${alpha.token.slice(0, -1)}x`)).body, { active: false });
    assert.deepEqual((await introspect(credentials, "not a token")).body, { active: false });
  });

  it("leaves an app seeing only its own tokens, with no aud", async () => {
    const own = await introspect(appCredentials(alpha), alpha.token);
    assert.equal(own.body.active, true);
    assert.equal(own.body.client_id, alpha.app.app.client_id);
    assert.equal(own.body.aud, undefined);
    assert.deepEqual((await introspect(appCredentials(alpha), beta.token)).body, { active: false });
  });

  it("refuses a wrong or missing secret, another server's secret, and an app secret under a server's id", async () => {
    const one = await made("One");
    const two = await made("Two");
    for (const secret of [`${one.client_secret}x`, two.client_secret, alpha.app.clientSecret, ""]) {
      const { status, body } = await introspect({ id: one.client_id, secret }, alpha.token);
      assert.equal(status, 401, secret);
      assert.equal(body.error, "invalid_client");
    }
    const unknown = await introspect(
      { id: `rs_${crypto.randomUUID()}`, secret: one.client_secret },
      alpha.token,
    );
    assert.equal(unknown.status, 401);
    // Nor does a server's secret work as an app's, nor at the revoke endpoint.
    const revoke = await gh.server.inject({
      method: "POST",
      url: "/oauth/revoke",
      headers: basic(`${one.client_id}:${one.client_secret}`),
      payload: { token: alpha.token },
    });
    assert.equal(revoke.statusCode, 401);
    assert.equal((await introspect(appCredentials(alpha), alpha.token)).body.active, true, "not revoked");
  });

  it("rotates its secret: the previous one works through the overlap, then not; --overlap 0 ends it at once", async () => {
    const rs = await json("resource-server", "create", "--name", "Rotating");
    const rotated = await json(
      "resource-server",
      "rotate-secret",
      "--client-id",
      rs.client_id,
      "--overlap",
      "3600",
    );
    assert.notEqual(rotated.client_secret, rs.client_secret);
    assert.ok(rotated.previous_secret_until > Date.now() / 1000 + 3500);
    for (const secret of [rs.client_secret, rotated.client_secret]) {
      assert.equal((await introspect({ id: rs.client_id, secret }, alpha.token)).body.active, true);
    }
    const listed = await json("resource-server", "list");
    assert.equal(
      listed.find((r: { client_id: string }) => r.client_id === rs.client_id).previous_secret_until,
      rotated.previous_secret_until,
    );
    // The overlap ends (the clock passes it, with no change published): the previous secret is refused,
    // though it was just proven and remembered; the new one is not.
    const realNow = gh.services.now;
    gh.services.now = () => realNow() + 3601_000;
    try {
      assert.equal(
        (await introspect({ id: rs.client_id, secret: rs.client_secret }, alpha.token)).status,
        401,
      );
      assert.equal(
        (await introspect({ id: rs.client_id, secret: rotated.client_secret }, alpha.token)).status,
        200,
      );
    } finally {
      gh.services.now = realNow;
    }
    const again = await json(
      "resource-server",
      "rotate-secret",
      "--client-id",
      rs.client_id,
      "--overlap",
      "0",
    );
    assert.equal(again.previous_secret_until, null);
    // Another process's change: the server hears of it through the change feed.
    const refused = await settled(
      () => introspect({ id: rs.client_id, secret: rotated.client_secret }, alpha.token),
      (answer) => answer.status === 401,
    );
    assert.equal(refused.status, 401);
    assert.equal(
      (await introspect({ id: rs.client_id, secret: again.client_secret }, alpha.token)).status,
      200,
    );
    const bad = await cli("resource-server", "rotate-secret", "--client-id", rs.client_id, "--overlap", "-5");
    assert.notEqual(bad.code, 0);
  });

  it("is deleted by the CLI: its secret stops working at once", async () => {
    const rs = await json("resource-server", "create", "--name", "Doomed");
    assert.equal((await introspect({ id: rs.client_id, secret: rs.client_secret }, alpha.token)).status, 200);
    assert.deepEqual(await json("resource-server", "delete", "--client-id", rs.client_id), {
      client_id: rs.client_id,
      deleted: true,
    });
    const refused = await settled(
      () => introspect({ id: rs.client_id, secret: rs.client_secret }, alpha.token),
      (answer) => answer.status === 401,
    );
    assert.equal(refused.status, 401);
    const missing = await cli("resource-server", "delete", "--client-id", rs.client_id);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /No resource server/);
  });
});
