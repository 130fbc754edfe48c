import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { ApiError } from "../src/core/errors.ts";
import { createSegment } from "../src/resources/segments.ts";
import { type ApiInit, callApi } from "./support/api.ts";
import { cliOf } from "./support/cli.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

const SCOPES = ["read_users_companies", "write_users_companies", "write_tags"];

describeEachDatabase("segments API and the segment command", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;
  let cli: ReturnType<typeof cliOf>;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  async function contact(token: string, body: Record<string, unknown>) {
    const answer = await call(token, "/contacts", { method: "POST", body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  }

  before(async () => {
    const key = crypto.randomBytes(32).toString("base64url");
    gh = await startGatehouse(database, { env: { GATEHOUSE_SECRET_KEY: key } });
    cli = cliOf(gh);
    tenant = await createTenant(gh.services, { scopes: SCOPES });
    other = await createTenant(gh.services, { scopes: SCOPES });
  });
  after(() => gh.close());

  it("creates a segment from the command line; the API lists it with a real count", async () => {
    const ada = await contact(tenant.token, { email: "ada@acme.test", name: "Ada" });
    await contact(tenant.token, { email: "bob@acme.test" });
    await contact(tenant.token, { email: "cy@elsewhere.test" });
    await contact(tenant.token, { role: "lead", email: "lead@acme.test" });
    const result = await cli(
      "segment",
      "create",
      "--workspace",
      tenant.workspace.id_code,
      "--name",
      "Acme people",
      "--query",
      JSON.stringify({ field: "email", operator: "$", value: "@acme.test" }),
      "--json",
    );
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout);
    assert.match(printed.id, /^[0-9a-f]{24}$/);
    assert.equal(printed.count, 2, "users only: the lead is not in a user segment");

    const list = await call(tenant.token, "/segments");
    assert.equal(list.status, 200);
    assert.equal(list.body.type, "segment.list");
    const [segment] = list.body.segments;
    assert.deepEqual(segment, {
      type: "segment",
      id: printed.id,
      name: "Acme people",
      created_at: segment.created_at,
      updated_at: segment.updated_at,
      person_type: "user",
    });
    assert.ok(Number.isInteger(segment.created_at) && segment.created_at > 1_600_000_000);
    const counted = await call(tenant.token, "/segments?include_count=true");
    assert.equal(counted.body.segments[0].count, 2);
    const one = await call(tenant.token, `/segments/${printed.id}?include_count=true`);
    assert.deepEqual(one.body, { ...segment, count: 2 });
    assert.equal("count" in (await call(tenant.token, `/segments/${printed.id}`)).body, false);

    // Membership follows the contacts: a changed email leaves the segment.
    const inSegments = await call(tenant.token, `/contacts/${ada.id}/segments`);
    assert.deepEqual(inSegments.body, { type: "list", data: [segment] });
    await call(tenant.token, `/contacts/${ada.id}`, { method: "PUT", body: { email: "ada@moved.test" } });
    assert.deepEqual((await call(tenant.token, `/contacts/${ada.id}/segments`)).body.data, []);
    assert.equal((await call(tenant.token, `/segments/${printed.id}?include_count=true`)).body.count, 1);

    const listed = await cli("segment", "list", "--workspace", tenant.workspace.id_code, "--json");
    assert.equal(JSON.parse(listed.stdout)[0].count, 1);
  });

  it("keeps lead segments, tag filters and nested queries real", async () => {
    const lead = await contact(tenant.token, { role: "lead", email: "l1@leads.test" });
    const user = await contact(tenant.token, { email: "u1@leads.test", custom_attributes: { seats: 12 } });
    const tag = await call(tenant.token, "/tags", {
      method: "POST",
      body: { name: "Hot", users: [{ id: lead.id }] },
    });
    const leads = await createSegment(gh.services, tenant.workspace.id, {
      name: "Hot leads",
      personType: "lead",
      query: { field: "tag_id", operator: "=", value: tag.body.id },
    });
    assert.equal(leads.person_type, "contact", "Intercom calls leads 'contact' here");
    const big = await createSegment(gh.services, tenant.workspace.id, {
      name: "Big accounts",
      query: JSON.stringify({
        operator: "AND",
        value: [
          { field: "custom_attributes.seats", operator: ">", value: 10 },
          { field: "email", operator: "~", value: "leads.test" },
        ],
      }),
    });
    assert.deepEqual(
      (await call(tenant.token, `/contacts/${lead.id}/segments`)).body.data.map((s: { id: string }) => s.id),
      [leads.id],
    );
    assert.deepEqual(
      (await call(tenant.token, `/contacts/${user.id}/segments`)).body.data.map((s: { id: string }) => s.id),
      [big.id],
    );
    assert.equal((await call(tenant.token, `/segments/${leads.id}?include_count=true`)).body.count, 1);
  });

  it("refuses bad segments, from the command line and the domain, and saves nothing", async () => {
    const before = (await call(tenant.token, "/segments")).body.segments.length;
    const bad: Array<[unknown, unknown, string]> = [
      ["No query", "not json", "parameter_invalid"],
      ["Array", [], "parameter_invalid"],
      ["Unknown field", { field: "shoe_size", operator: "=", value: 1 }, "parameter_invalid"],
      ["Bad operator", { field: "email", operator: "<", value: "a" }, "parameter_invalid"],
      ["", { field: "email", operator: "=", value: "a" }, "parameter_not_found"],
    ];
    for (const [name, query, code] of bad) {
      await assert.rejects(
        createSegment(gh.services, tenant.workspace.id, { name, query }),
        (error: unknown) => error instanceof ApiError && error.code === code,
        String(name),
      );
    }
    await assert.rejects(
      createSegment(gh.services, tenant.workspace.id, {
        name: "Odd type",
        query: { field: "email", operator: "=", value: "a" },
        personType: "robot",
      }),
      ApiError,
    );
    const refused = await cli(
      "segment",
      "create",
      "--workspace",
      tenant.workspace.id_code,
      "--name",
      "Broken",
      "--query",
      "{not json",
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /query is not valid JSON/);
    const noWorkspace = await cli(
      "segment",
      "create",
      "--workspace",
      "zzzzzzzz",
      "--name",
      "X",
      "--query",
      "{}",
    );
    assert.equal(noWorkspace.code, 1);
    assert.equal((await cli("segment", "create", "--name", "X")).code, 2, "usage error");

    await createSegment(gh.services, tenant.workspace.id, {
      name: "Taken",
      query: { field: "role", operator: "=", value: "user" },
    });
    await assert.rejects(
      createSegment(gh.services, tenant.workspace.id, {
        name: "TAKEN",
        query: { field: "role", operator: "=", value: "user" },
      }),
      (error: unknown) => error instanceof ApiError && error.code === "parameter_invalid",
    );
    assert.equal((await call(tenant.token, "/segments")).body.segments.length, before + 1);
  });

  it("answers unknown segments and contacts with 404, and keeps workspaces apart", async () => {
    const mine = await createSegment(gh.services, tenant.workspace.id, {
      name: "Mine only",
      query: { field: "role", operator: "=", value: "user" },
    });
    const missing = await call(tenant.token, "/segments/0123456789abcdef01234567");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errors[0].code, "not_found");
    const noContact = await call(tenant.token, "/contacts/0123456789abcdef01234567/segments");
    assert.equal(noContact.status, 404);
    assert.equal(noContact.body.errors[0].code, "not_found");

    assert.equal((await call(other.token, `/segments/${mine.id}`)).status, 404);
    assert.deepEqual((await call(other.token, "/segments")).body.segments, []);
    const person = await contact(tenant.token, { email: "private@acme.test" });
    assert.equal((await call(other.token, `/contacts/${person.id}/segments`)).status, 404);
    // The other workspace's users are never counted in this workspace's segment.
    const before = (await call(tenant.token, `/segments/${mine.id}?include_count=true`)).body.count;
    await contact(other.token, { email: "theirs@acme.test" });
    assert.equal((await call(tenant.token, `/segments/${mine.id}?include_count=true`)).body.count, before);
  });

  it("serves the official SDK: list with counts, find, a contact's segments", async () => {
    const sdkTenant = await createTenant(gh.services, { scopes: SCOPES });
    const person = await contact(sdkTenant.token, { email: "sdk@segments.test" });
    const segment = await createSegment(gh.services, sdkTenant.workspace.id, {
      name: "SDK segment",
      query: { field: "email", operator: "=", value: "sdk@segments.test" },
    });
    const client = new IntercomClient({ token: sdkTenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const list = await client.segments.list({ include_count: true });
    assert.deepEqual(
      list.segments?.map((s) => [s.id, s.name, s.count]),
      [[segment.id, "SDK segment", 1]],
    );
    const found = await client.segments.find({ segment_id: segment.id });
    assert.equal(found.person_type, "user");
    const ofContact = await client.contacts.listAttachedSegments({ contact_id: person.id });
    assert.deepEqual(
      ofContact.data?.map((s) => s.id),
      [segment.id],
    );
  });
});
