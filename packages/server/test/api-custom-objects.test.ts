import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { defineCustomObjectType } from "../src/resources/custom-objects.ts";
import { type ApiInit, assertStampedSince, callApi, nowSeconds } from "./support/api.ts";
import { cliOf } from "./support/cli.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

type Json = Record<string, unknown>;

const errorOf = (body?: Json) => ((body?.errors ?? []) as Json[])[0] ?? {};
const SCOPES = ["read_write_custom_object_instances"];

describeEachDatabase("custom object instances API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  async function instancesOf(workspaceId: number) {
    return gh.services.db
      .selectFrom("custom_object_instances")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("id")
      .execute();
  }

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { scopes: SCOPES });
    other = await createTenant(gh.services, { scopes: SCOPES });
    await defineCustomObjectType(gh.services, tenant.workspace.id, "Order");
    await defineCustomObjectType(gh.services, other.workspace.id, "Order");
  });
  after(() => gh.close());

  it("keeps every attribute of twenty writes at once to one external_id, in one instance", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(tenant.token, "/custom_object_instances/Order", {
          method: "POST",
          body: { external_id: "BURST-1", custom_attributes: { [`line_${i}`]: i } },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(20).fill(200),
      JSON.stringify(answers.find((a) => a.status !== 200)?.body),
    );
    const burst = (await instancesOf(tenant.workspace.id)).filter((row) => row.external_id === "BURST-1");
    assert.equal(burst.length, 1);
    assert.deepEqual(
      Object.keys(JSON.parse(burst[0]?.custom_attributes ?? "{}")).sort(),
      Array.from({ length: 20 }, (_, i) => `line_${i}`).sort(),
    );
    // Twenty deletes at once: one removes it, the others find nothing left.
    const deletes = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(tenant.token, "/custom_object_instances/Order?external_id=BURST-1", { method: "DELETE" }),
      ),
    );
    assert.deepEqual(deletes.map((d) => d.status).sort(), [200, ...Array(19).fill(404)]);
  });

  it("creates, updates by external_id, finds by either id and deletes instances", async () => {
    const started = nowSeconds();
    const created = await call(tenant.token, "/custom_object_instances/Order", {
      method: "POST",
      body: {
        external_id: "ORDER-1",
        external_created_at: 1392036272,
        custom_attributes: { order_number: "ORDER-12345", total_amount: 99.99 },
      },
    });
    assert.equal(created.status, 200);
    const id = created.body?.id as string;
    assert.match(id, /^\d+$/);
    assert.deepEqual(created.body, {
      id,
      type: "Order",
      custom_attributes: { order_number: "ORDER-12345", total_amount: 99.99 },
      external_id: "ORDER-1",
      external_created_at: 1392036272,
      external_updated_at: null,
      created_at: created.body?.created_at,
      updated_at: created.body?.updated_at,
    });
    assertStampedSince(created.body?.created_at as number, started);

    const updated = await call(tenant.token, "/custom_object_instances/Order", {
      method: "POST",
      body: {
        external_id: "ORDER-1",
        external_updated_at: 1392036999,
        custom_attributes: { status: "shipped" },
      },
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body?.id, id, "the same instance, not a second one");
    assert.deepEqual(updated.body?.custom_attributes, {
      order_number: "ORDER-12345",
      total_amount: 99.99,
      status: "shipped",
    });
    assert.equal(updated.body?.external_created_at, 1392036272, "left as it was");
    assert.equal(updated.body?.external_updated_at, 1392036999);
    assert.equal((await instancesOf(tenant.workspace.id)).length, 1);

    const byExternal = await call(tenant.token, "/custom_object_instances/Order?external_id=ORDER-1");
    assert.deepEqual(byExternal.body, updated.body);
    const byId = await call(tenant.token, `/custom_object_instances/Order/${id}`);
    assert.deepEqual(byId.body, updated.body);
    const byExternalInPath = await call(tenant.token, "/custom_object_instances/Order/ORDER-1");
    assert.deepEqual(byExternalInPath.body, updated.body, "the path takes the external id too");

    const removed = await call(tenant.token, "/custom_object_instances/Order?external_id=ORDER-1", {
      method: "DELETE",
    });
    assert.deepEqual(removed.body, { id, object: "Order", deleted: true });
    const gone = await call(tenant.token, `/custom_object_instances/Order/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(errorOf(gone.body).code, "not_found");

    const second = await call(tenant.token, "/custom_object_instances/Order", {
      method: "POST",
      body: { external_id: "ORDER-2" },
    });
    assert.deepEqual(second.body?.custom_attributes, {});
    const secondId = second.body?.id as string;
    const deleted = await call(tenant.token, `/custom_object_instances/Order/${secondId}`, {
      method: "DELETE",
    });
    assert.deepEqual(deleted.body, { id: secondId, object: "Order", deleted: true });
    assert.equal(
      (await call(tenant.token, `/custom_object_instances/Order/${secondId}`, { method: "DELETE" })).status,
      404,
    );
    assert.deepEqual(await instancesOf(tenant.workspace.id), []);
  });

  it("answers a type the workspace has not defined with Intercom's not_found", async () => {
    for (const [method, path, body] of [
      ["POST", "/custom_object_instances/Invoice", { external_id: "1" }],
      ["GET", "/custom_object_instances/Invoice?external_id=1", undefined],
      ["GET", "/custom_object_instances/Invoice/1", undefined],
      ["DELETE", "/custom_object_instances/Invoice/1", undefined],
      ["DELETE", "/custom_object_instances/Invoice?external_id=1", undefined],
    ] as const) {
      const answer = await call(tenant.token, path, { method, ...(body && { body }) });
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.deepEqual(
        { code: errorOf(answer.body).code, message: errorOf(answer.body).message },
        { code: "not_found", message: "Custom object type `Invoice` not found" },
      );
    }
    assert.equal((await call(tenant.token, "/custom_object_instances/Order/99999999999")).status, 404);
  });

  it("refuses bad input in Intercom's shape and changes nothing", async () => {
    await call(tenant.token, "/custom_object_instances/Order", {
      method: "POST",
      body: { external_id: "KEEP", custom_attributes: { a: "1" } },
    });
    const before = await instancesOf(tenant.workspace.id);
    const cases: Array<[unknown, string]> = [
      [{}, "parameter_not_found"],
      [{ external_id: "" }, "parameter_not_found"],
      [{ external_id: 42 }, "parameter_invalid"],
      [{ external_id: "KEEP", custom_attributes: "x" }, "parameter_invalid"],
      [{ external_id: "KEEP", custom_attributes: { nested: { a: 1 } } }, "parameter_invalid"],
      [{ external_id: "KEEP", custom_attributes: { list: [1] } }, "parameter_invalid"],
      [{ external_id: "KEEP", external_created_at: "yesterday" }, "parameter_invalid"],
      [{ external_id: "KEEP", external_updated_at: -5 }, "parameter_invalid"],
      [{ external_id: "x".repeat(256) }, "parameter_invalid"],
    ];
    for (const [body, code] of cases) {
      const answer = await call(tenant.token, "/custom_object_instances/Order", { method: "POST", body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(errorOf(answer.body).code, code, JSON.stringify(body));
    }
    const noKey = await call(tenant.token, "/custom_object_instances/Order");
    assert.equal(noKey.status, 400);
    assert.equal(errorOf(noKey.body).code, "parameter_not_found");
    assert.equal(
      (await call(tenant.token, "/custom_object_instances/Order", { method: "DELETE" })).status,
      400,
    );
    assert.deepEqual(await instancesOf(tenant.workspace.id), before);
    await call(tenant.token, "/custom_object_instances/Order?external_id=KEEP", { method: "DELETE" });
  });

  it("keeps each workspace's instances to itself", async () => {
    const mine = await call(tenant.token, "/custom_object_instances/Order", {
      method: "POST",
      body: { external_id: "SHARED-NAME", custom_attributes: { owner: "tenant" } },
    });
    const id = mine.body?.id as string;
    assert.equal((await call(other.token, `/custom_object_instances/Order/${id}`)).status, 404);
    assert.equal(
      (await call(other.token, "/custom_object_instances/Order?external_id=SHARED-NAME")).status,
      404,
    );
    assert.equal(
      (await call(other.token, `/custom_object_instances/Order/${id}`, { method: "DELETE" })).status,
      404,
    );
    assert.equal(
      (
        await call(other.token, "/custom_object_instances/Order?external_id=SHARED-NAME", {
          method: "DELETE",
        })
      ).status,
      404,
    );
    const theirs = await call(other.token, "/custom_object_instances/Order", {
      method: "POST",
      body: { external_id: "SHARED-NAME", custom_attributes: { owner: "other" } },
    });
    assert.notEqual(theirs.body?.id, id, "the same external id in another workspace is another instance");
    const still = await call(tenant.token, `/custom_object_instances/Order/${id}`);
    assert.deepEqual(still.body?.custom_attributes, { owner: "tenant" });
    const lone = await createTenant(gh.services, { scopes: SCOPES });
    const undefinedThere = await call(lone.token, "/custom_object_instances/Order?external_id=SHARED-NAME");
    assert.equal(undefinedThere.status, 404, "types belong to the workspace that defined them");
    await call(tenant.token, `/custom_object_instances/Order/${id}`, { method: "DELETE" });
    await call(other.token, `/custom_object_instances/Order/${theirs.body?.id}`, { method: "DELETE" });
  });

  it("lets the operator define types with the CLI", async () => {
    const fresh = await createTenant(gh.services, { scopes: SCOPES });
    const defined = await cliOf(gh)(
      "object-type",
      "define",
      "--workspace",
      fresh.workspace.id_code,
      "--name",
      "Subscription",
      "--json",
    );
    assert.equal(defined.code, 0, defined.stderr);
    assert.deepEqual(JSON.parse(defined.stdout), {
      identifier: "Subscription",
      workspace: fresh.workspace.id_code,
    });
    const made = await call(fresh.token, "/custom_object_instances/Subscription", {
      method: "POST",
      body: { external_id: "sub-1" },
    });
    assert.equal(made.status, 200);
    assert.equal(made.body?.type, "Subscription");
  });

  it("drives instances through the official SDK", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.customObjectInstances.createCustomObjectInstances({
      custom_object_type_identifier: "Order",
      external_id: "SDK-1",
      external_created_at: 1700000000,
      custom_attributes: { order_number: "N-1" },
    });
    assert.equal(created?.type, "Order");
    const id = created?.id as string;
    await client.customObjectInstances.createCustomObjectInstances({
      custom_object_type_identifier: "Order",
      external_id: "SDK-1",
      custom_attributes: { status: "paid" },
    });
    const byExternal = await client.customObjectInstances.getCustomObjectInstancesByExternalId({
      custom_object_type_identifier: "Order",
      external_id: "SDK-1",
    });
    assert.equal(byExternal?.id, id);
    assert.deepEqual(byExternal?.custom_attributes, { order_number: "N-1", status: "paid" });
    const byId = await client.customObjectInstances.getCustomObjectInstancesById({
      custom_object_type_identifier: "Order",
      custom_object_instance_id: id,
    });
    assert.equal(byId?.external_created_at, 1700000000);
    // The SDK's names follow Intercom's description, where the two deletes' names are swapped.
    const deleted = await client.customObjectInstances.deleteCustomObjectInstancesById({
      custom_object_type_identifier: "Order",
      external_id: "SDK-1",
    });
    assert.deepEqual(deleted, { id, object: "Order", deleted: true });
    const again = await client.customObjectInstances.createCustomObjectInstances({
      custom_object_type_identifier: "Order",
      external_id: "SDK-2",
    });
    const removed = await client.customObjectInstances.deleteCustomObjectInstancesByExternalId({
      custom_object_type_identifier: "Order",
      custom_object_instance_id: again?.id as string,
    });
    assert.equal(removed.deleted, true);
    assert.deepEqual(await instancesOf(tenant.workspace.id), []);
  });
});
