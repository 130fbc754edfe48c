import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  ProvenCredentials,
  resourceServerTag,
} from "../src/platform/apps/resource-servers/proven-credentials.ts";
import {
  createResourceServer,
  deleteResourceServer,
  rotateResourceServerSecret,
} from "../src/platform/apps/resource-servers/resource-servers.ts";
import {
  basic,
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

/**
 * A resource server's proven credentials are remembered, so introspection does not go to the database
 * to check its caller each time (issue 14, speed). What is remembered must never outlive what made it
 * true: a rotation or deletion refuses the old secret on the very next request, a previous secret only
 * lives through its overlap, and a failed check is never remembered.
 */
describeEachDatabase("resource-server credentials remembered", (database) => {
  let gh: Gatehouse;
  let alpha: Tenant;

  async function status(clientId: string, secret: string): Promise<number> {
    const response = await gh.server.inject({
      method: "POST",
      url: "/oauth/introspect",
      headers: basic(`${clientId}:${secret}`),
      payload: { token: alpha.token },
    });
    if (response.statusCode === 200) assert.equal(response.json().active, true);
    return response.statusCode;
  }

  before(async () => {
    gh = await startGatehouse(database);
    alpha = await createTenant(gh.services, { name: "Alpha" });
  });
  after(() => gh.close());

  it("refuses a remembered secret at once once rotated without overlap, and takes the new one", async () => {
    const { row, clientSecret } = await createResourceServer(gh.services, "Rotated at once");
    assert.equal(await status(row.client_id, clientSecret), 200);
    assert.equal(await status(row.client_id, clientSecret), 200, "remembered, still right");
    const rotated = await rotateResourceServerSecret(gh.services, row.client_id, 0);
    assert.equal(await status(row.client_id, clientSecret), 401);
    assert.equal(await status(row.client_id, rotated.clientSecret), 200);
  });

  it("keeps a remembered secret through a rotation's overlap, and not a moment past it", async () => {
    const { row, clientSecret } = await createResourceServer(gh.services, "Overlapping");
    assert.equal(await status(row.client_id, clientSecret), 200);
    const rotated = await rotateResourceServerSecret(gh.services, row.client_id, 60_000);
    assert.equal(await status(row.client_id, clientSecret), 200, "previous secret, within the overlap");
    assert.equal(await status(row.client_id, rotated.clientSecret), 200);
    const realNow = gh.services.now;
    gh.services.now = () => realNow() + 60_001;
    try {
      assert.equal(await status(row.client_id, clientSecret), 401, "overlap over, though remembered");
      assert.equal(await status(row.client_id, rotated.clientSecret), 200);
    } finally {
      gh.services.now = realNow;
    }
    // A second rotation ends the first overlap for good: the first secret is not the previous one now.
    const again = await rotateResourceServerSecret(gh.services, row.client_id, 60_000);
    assert.equal(await status(row.client_id, clientSecret), 401);
    assert.equal(await status(row.client_id, rotated.clientSecret), 200, "now the previous one");
    assert.equal(await status(row.client_id, again.clientSecret), 200);
  });

  it("refuses a remembered secret at once once its resource server is deleted", async () => {
    const { row, clientSecret } = await createResourceServer(gh.services, "Deleted");
    assert.equal(await status(row.client_id, clientSecret), 200);
    await deleteResourceServer(gh.services, row.client_id);
    assert.equal(await status(row.client_id, clientSecret), 401);
  });

  it("forgets a server's proofs when another instance's change to it is heard on the change feed", async () => {
    const { row, clientSecret } = await createResourceServer(gh.services, "Changed elsewhere");
    const other = await createResourceServer(gh.services, "Untouched");
    assert.equal(await status(row.client_id, clientSecret), 200);
    assert.equal(await status(other.row.client_id, other.clientSecret), 200);
    // As another instance would: the row changes under this one, then the tag is published.
    await gh.services.db.deleteFrom("resource_servers").where("client_id", "=", row.client_id).execute();
    await gh.services.db
      .deleteFrom("resource_servers")
      .where("client_id", "=", other.row.client_id)
      .execute();
    await gh.services.changes.publish([resourceServerTag(row.client_id)]);
    assert.equal(await status(row.client_id, clientSecret), 401);
    // Only the tagged server's proofs went: the other is still answered from memory (its row is gone,
    // so a 200 shows the proof was remembered, not rechecked). Its tag then evicts it too.
    assert.equal(await status(other.row.client_id, other.clientSecret), 200);
    await gh.services.changes.publish([resourceServerTag(other.row.client_id)]);
    assert.equal(await status(other.row.client_id, other.clientSecret), 401);
  });

  it("never remembers a failed check", async () => {
    const { row, clientSecret } = await createResourceServer(gh.services, "Guessed at");
    assert.equal(await status(row.client_id, `${clientSecret}x`), 401);
    assert.equal(await status(row.client_id, `${clientSecret}x`), 401);
    assert.equal(await status(row.client_id, clientSecret), 200);
  });
});

it("does not keep a proof whose check overlapped a change to that server", () => {
  const proven = new ProvenCredentials();
  const key = proven.key("rs_a", "secret");
  const row = { client_id: "rs_a" } as Parameters<ProvenCredentials["set"]>[1];
  const loadedAt = proven.generation;
  proven.invalidate([resourceServerTag("rs_a")]);
  proven.set(key, row, loadedAt, 0);
  assert.equal(proven.get(key, 1), undefined, "a check begun before the rotation is not kept");
  proven.set(key, row, proven.generation, 0);
  assert.equal(proven.get(key, 1), row);
  assert.equal(proven.get(key, 30_000), undefined, "and never past its time to live");
  proven.set(key, row, proven.generation, 0, 10);
  assert.equal(proven.get(key, 10), undefined, "nor past the overlap it was proven under");
  proven.set(key, row, proven.generation, 0);
  proven.invalidate(["token:1", "app:2"]);
  assert.equal(proven.get(key, 1), row, "other tags leave it");
  proven.invalidate(["*"]);
  assert.equal(proven.get(key, 1), undefined, "everything flushes it");
  assert.notEqual(proven.key("rs_a", "secret"), proven.key("rs_a", "secreT"));
  assert.notEqual(new ProvenCredentials().key("rs_a", "secret"), key, "salted per process");
});
