import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";

describeEachDatabase("tags API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { scopes: ["read_tags", "write_tags"] });
    other = await createTenant(gh.services, { scopes: ["read_tags", "write_tags"] });
  });
  after(() => gh.close());

  it("creates a tag, finds it by name without regard to case, renames, lists and deletes it", async () => {
    const created = await call(tenant.token, "/tags", { method: "POST", body: { name: "Independent" } });
    assert.equal(created.status, 200);
    assert.equal(created.body.type, "tag");
    assert.match(created.body.id, /^\d+$/);
    const again = await call(tenant.token, "/tags", { method: "POST", body: { name: "independent" } });
    assert.equal(again.body.id, created.body.id, "the same tag, not a second one");
    const renamed = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "Independent Co", id: created.body.id },
    });
    assert.equal(renamed.body.name, "Independent Co");
    const found = await call(tenant.token, `/tags/${created.body.id}`);
    assert.deepEqual(found.body, { type: "tag", id: created.body.id, name: "Independent Co" });
    const list = await call(tenant.token, "/tags");
    assert.equal(list.body.type, "list");
    assert.deepEqual(list.body.data, [found.body]);
    const deleted = await call(tenant.token, `/tags/${created.body.id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal((await call(tenant.token, `/tags/${created.body.id}`)).status, 404);
  });

  it("answers twenty creates at once of one new name with the one tag they make", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(tenant.token, "/tags", { method: "POST", body: { name: i % 2 ? "Burst" : "BURST" } }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(20).fill(200),
      JSON.stringify(answers.find((a) => a.status !== 200)?.body),
    );
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, "one tag");
    const listed = (await call(tenant.token, "/tags")).body.data.filter(
      (t: { name: string }) => t.name.toLowerCase() === "burst",
    );
    assert.equal(listed.length, 1);
  });

  it("lists a workspace's tags by name, ignoring case, as Intercom's recorded lists are", async () => {
    // api.intercom.io answered "All Emails", "another", "demo", "Everyone with an email", … (grouparoo's
    // fixtures), whatever order the tags were made in.
    const own = await createTenant(gh.services, { name: "Alphabet" });
    for (const name of ["demo", "Zeta", "All Emails", "another", "beta"])
      assert.equal((await call(own.token, "/tags", { method: "POST", body: { name } })).status, 200);
    const listed = await call(own.token, "/tags");
    assert.deepEqual(
      listed.body.data.map((t: { name: string }) => t.name),
      ["All Emails", "another", "beta", "demo", "Zeta"],
    );

    // A contact's tags too: recorded, "another" (4919473) before "Test Group X" (4919472).
    const contact = await call(own.token, "/contacts", { method: "POST", body: { email: "t@example.com" } });
    const byName = Object.fromEntries(
      listed.body.data.map((t: { name: string; id: string }) => [t.name, t.id]),
    );
    for (const name of ["Zeta", "demo", "another"])
      await call(own.token, `/contacts/${contact.body.id}/tags`, {
        method: "POST",
        body: { id: byName[name] },
      });
    const names = (answer: { body: { data: Array<{ id: string }> } }) =>
      answer.body.data.map((t) => listed.body.data.find((l: { id: string }) => l.id === t.id)?.name);
    assert.deepEqual(names(await call(own.token, `/contacts/${contact.body.id}/tags`)), [
      "another",
      "demo",
      "Zeta",
    ]);
    const shown = await call(own.token, `/contacts/${contact.body.id}`);
    assert.deepEqual(
      names({ body: shown.body.tags }),
      ["another", "demo", "Zeta"],
      "as the contact shows them",
    );
  });

  it("answers ids beyond the 32-bit range with not_found, on every database", async () => {
    for (const [method, path] of [
      ["GET", "/tags/999999999999999"],
      ["DELETE", "/tags/99999999999"],
    ]) {
      const answer = await call(tenant.token, path as string, { method: method as string });
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    const rename = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "x", id: "999999999999999" },
    });
    assert.equal(rename.status, 404);
  });

  it("keeps each workspace's tags to itself", async () => {
    const mine = await call(tenant.token, "/tags", { method: "POST", body: { name: "Private" } });
    assert.equal((await call(other.token, `/tags/${mine.body.id}`)).status, 404);
    assert.equal((await call(other.token, `/tags/${mine.body.id}`, { method: "DELETE" })).status, 404);
    const renameAttempt = await call(other.token, "/tags", {
      method: "POST",
      body: { name: "Stolen", id: mine.body.id },
    });
    assert.equal(renameAttempt.status, 404);
    assert.equal((await call(tenant.token, `/tags/${mine.body.id}`)).body.name, "Private");
    assert.deepEqual((await call(other.token, "/tags")).body.data, []);
  });

  it("refuses bad input in Intercom's shape and writes nothing", async () => {
    const before = (await call(tenant.token, "/tags")).body.data.length;
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, "parameter_not_found"],
      [{ name: "" }, 400, "parameter_not_found"],
      [{ name: 42 }, 400, "parameter_invalid"],
      [{ name: "x".repeat(191) }, 400, "parameter_invalid"],
      [{ name: "Renamed", id: "999999" }, 404, "not_found"],
      [{ name: "Tagging", companies: [{ id: "123" }] }, 404, "company_not_found"],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call(tenant.token, "/tags", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
    }
    const taken = await call(tenant.token, "/tags", { method: "POST", body: { name: "Taken" } });
    const other = await call(tenant.token, "/tags", { method: "POST", body: { name: "Other" } });
    const clash = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "TAKEN", id: other.body.id },
    });
    assert.equal(clash.status, 400);
    assert.equal(clash.body.errors[0].code, "parameter_invalid");
    assert.ok(taken.body.id);
    assert.equal((await call(tenant.token, "/tags")).body.data.length, before + 2);
  });
});
