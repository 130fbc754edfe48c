import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { IntercomClient } from "intercom-client";
import { type ApiInit, callApi } from "./support/api.ts";
import {
  createTenant,
  describeEachDatabase,
  type Gatehouse,
  startGatehouse,
  type Tenant,
} from "./support/gatehouse.ts";
import { validatingFetch } from "./support/openapi/validating-fetch.ts";

interface Attribute {
  id?: number;
  name: string;
  full_name: string;
  model: string;
  custom: boolean;
  archived: boolean;
  data_type: string;
  options?: string[];
}

describeEachDatabase("data attributes API", (database) => {
  let gh: Gatehouse;
  let tenant: Tenant;
  let other: Tenant;

  const call = (token: string, path: string, init: ApiInit = {}) => callApi(gh.url, token, path, init);

  const list = async (token: string, query = ""): Promise<Attribute[]> => {
    const answer = await call(token, `/data_attributes${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.type, "list");
    return answer.body.data;
  };
  const custom = async (token: string, query = "") => (await list(token, query)).filter((a) => a.custom);

  before(async () => {
    gh = await startGatehouse(database);
    tenant = await createTenant(gh.services, { name: "Attributes Co" });
    other = await createTenant(gh.services, { name: "Elsewhere" });
  });
  after(() => gh.close());

  it("lists the built-in attributes of each model in Intercom's shape", async () => {
    const company = await list(tenant.token, "?model=company");
    assert.ok(company.length > 5);
    assert.ok(company.every((a) => a.model === "company" && !a.custom && !a.archived));
    const plan = company.find((a) => a.full_name === "plan.name");
    assert.deepEqual(Object.keys(plan ?? {}).sort(), [
      "api_writable",
      "archived",
      "custom",
      "data_type",
      "description",
      "full_name",
      "label",
      "messenger_writable",
      "model",
      "name",
      "type",
      "ui_writable",
    ]);
    assert.equal(plan?.name, "name", "a nested attribute's name is its last part");
    const contact = await list(tenant.token, "?model=contact");
    assert.ok(contact.some((a) => a.name === "email" && a.data_type === "string"));
    assert.ok(contact.every((a) => a.model === "contact"));
    const conversation = await list(tenant.token, "?model=conversation");
    assert.ok(conversation.length > 0 && conversation.every((a) => a.model === "conversation"));
    const all = await list(tenant.token);
    assert.equal(all.length, company.length + contact.length + conversation.length);
  });

  it("creates, lists, archives and updates custom attributes", async () => {
    const created = await call(tenant.token, "/data_attributes", {
      method: "POST",
      body: { name: "Mithril Shirt", model: "company", data_type: "string", description: "Worn under" },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { id, created_at, updated_at, admin_id, ...rest } = created.body;
    assert.equal(typeof id, "number");
    assert.equal(admin_id, String(tenant.admin.id));
    assert.ok(Math.abs(created_at - Date.now() / 1000) < 60 && updated_at === created_at);
    assert.deepEqual(rest, {
      type: "data_attribute",
      name: "Mithril Shirt",
      full_name: "custom_attributes.Mithril Shirt",
      label: "Mithril Shirt",
      description: "Worn under",
      data_type: "string",
      api_writable: true,
      ui_writable: false,
      messenger_writable: false,
      custom: true,
      archived: false,
      model: "company",
    });
    const list1 = await call(tenant.token, "/data_attributes", {
      method: "POST",
      body: {
        name: "Team size",
        model: "contact",
        data_type: "options",
        options: [{ value: "1-10" }, { value: "11-50" }],
        messenger_writable: true,
      },
    });
    assert.equal(list1.status, 200, JSON.stringify(list1.body));
    assert.equal(list1.body.data_type, "string");
    assert.deepEqual(list1.body.options, ["1-10", "11-50"]);
    assert.equal(list1.body.messenger_writable, true);
    assert.equal(list1.body.description, undefined, "no description, no key");

    assert.deepEqual(
      (await custom(tenant.token, "?model=company")).map((a) => a.name),
      ["Mithril Shirt"],
    );
    assert.deepEqual(
      (await custom(tenant.token)).map((a) => a.name),
      ["Team size", "Mithril Shirt"],
      "contact attributes come before company ones",
    );

    const archived = await call(tenant.token, `/data_attributes/${id}`, {
      method: "PUT",
      body: { archived: true, description: "Retired" },
    });
    assert.equal(archived.status, 200);
    assert.equal(archived.body.archived, true);
    assert.equal(archived.body.description, "Retired");
    assert.deepEqual(await custom(tenant.token, "?model=company"), [], "archived ones are hidden by default");
    const withArchived = await custom(tenant.token, "?model=company&include_archived=true");
    assert.deepEqual(
      withArchived.map((a) => [a.name, a.archived]),
      [["Mithril Shirt", true]],
    );

    const reoptioned = await call(tenant.token, `/data_attributes/${list1.body.id}`, {
      method: "PUT",
      body: { options: [{ value: "1-10" }, { value: "11-20" }, { value: "21+" }] },
    });
    assert.equal(reoptioned.status, 200);
    assert.deepEqual(reoptioned.body.options, ["1-10", "11-20", "21+"]);
  });

  it("refuses bad attributes with Intercom's errors and writes nothing", async () => {
    await call(tenant.token, "/data_attributes", {
      method: "POST",
      body: { name: "The One Ring", model: "company", data_type: "string" },
    });
    const before = (await custom(tenant.token, "?include_archived=true")).length;
    const cases: Array<[unknown, number, string, RegExp?]> = [
      [{ model: "contact", data_type: "string" }, 400, "parameter_not_found"],
      [{ name: "x", data_type: "string" }, 400, "parameter_not_found"],
      [{ name: "x", model: "contact" }, 400, "parameter_not_found"],
      [
        { name: "!nv@l!d n@me", model: "company", data_type: "string" },
        400,
        "parameter_invalid",
        /alphanumeric/,
      ],
      [{ name: "a.b", model: "company", data_type: "string" }, 400, "parameter_invalid"],
      [
        { name: "The Second Ring", model: "company", data_type: "mithril" },
        400,
        "parameter_invalid",
        /Data Type/,
      ],
      [
        { name: "Ring", model: "conversation", data_type: "string" },
        400,
        "parameter_invalid",
        /contact or company/,
      ],
      [
        { name: "the one ring", model: "contact", data_type: "integer" },
        400,
        "parameter_invalid",
        /You already have 'the one ring' in your company data\. To save this as new people data/,
      ],
      [
        { name: "The One Ring", model: "company", data_type: "string" },
        400,
        "parameter_invalid",
        /company data/,
      ],
      [{ name: "Email", model: "contact", data_type: "string" }, 400, "parameter_invalid", /already have/],
      [
        { name: "Sizes", model: "contact", data_type: "options", options: [{ value: "S" }] },
        400,
        "parameter_invalid",
      ],
      [
        { name: "Sizes", model: "contact", data_type: "options", options: { value: "S" } },
        400,
        "parameter_invalid",
        /isn't an array/,
      ],
      [{ name: "Sizes", model: "contact", data_type: "options" }, 400, "parameter_invalid"],
      [
        { name: "Sizes", model: "contact", data_type: "options", options: [{ value: "S" }, { value: "S" }] },
        400,
        "parameter_invalid",
      ],
      [
        { name: "Sizes", model: "contact", data_type: "string", options: [{ value: "S" }, { value: "M" }] },
        400,
        "parameter_invalid",
      ],
      [{ name: 42, model: "contact", data_type: "string" }, 400, "parameter_invalid"],
      [{ name: "x".repeat(191), model: "contact", data_type: "string" }, 400, "parameter_invalid"],
      [
        { name: "Flag", model: "contact", data_type: "boolean", messenger_writable: "yes" },
        400,
        "parameter_invalid",
      ],
    ];
    for (const [body, status, code, message] of cases) {
      const answer = await call(tenant.token, "/data_attributes", { method: "POST", body });
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.errors[0].code, code, JSON.stringify(body));
      if (message) assert.match(answer.body.errors[0].message, message);
    }
    assert.equal((await custom(tenant.token, "?include_archived=true")).length, before);

    const plain = await call(tenant.token, "/data_attributes", {
      method: "POST",
      body: { name: "Plain", model: "contact", data_type: "integer" },
    });
    const updates: Array<[string, unknown, number, string]> = [
      [
        `/data_attributes/${plain.body.id}`,
        { options: [{ value: "a" }, { value: "b" }] },
        400,
        "parameter_invalid",
      ],
      [`/data_attributes/${plain.body.id}`, { archived: "yes" }, 400, "parameter_invalid"],
      ["/data_attributes/999999", { archived: true }, 404, "field_not_found"],
      ["/data_attributes/99999999999", { archived: true }, 404, "field_not_found"],
    ];
    for (const [path, body, status, code] of updates) {
      const answer = await call(tenant.token, path, { method: "PUT", body });
      assert.equal(answer.status, status, `${path} ${JSON.stringify(body)}`);
      assert.equal(answer.body.errors[0].code, code);
    }
    const still = (await custom(tenant.token)).find((a) => a.name === "Plain");
    assert.equal(still?.archived, false);
    assert.equal(still?.options, undefined);
    assert.equal((await call(tenant.token, "/data_attributes?model=lead")).status, 400);
  });

  it("reads each model with the scope Intercom asks for it", async () => {
    const people = await createTenant(gh.services, { scopes: ["read_users_companies"] });
    const conversations = await createTenant(gh.services, { scopes: ["read_conversations"] });
    const peopleList = await list(people.token);
    assert.ok(peopleList.length > 0);
    assert.ok(peopleList.every((a) => a.model !== "conversation"));
    assert.equal((await call(people.token, "/data_attributes?model=conversation")).status, 403);
    const conversationList = await list(conversations.token);
    assert.ok(conversationList.length > 0 && conversationList.every((a) => a.model === "conversation"));
    const refused = await call(conversations.token, "/data_attributes?model=contact");
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].code, "forbidden");
    const writer = await createTenant(gh.services, { scopes: ["write_data_attributes"] });
    assert.equal((await call(writer.token, "/data_attributes")).status, 403);
  });

  it("keeps each workspace's custom attributes to itself", async () => {
    const mine = await call(tenant.token, "/data_attributes", {
      method: "POST",
      body: { name: "Secret plan", model: "company", data_type: "string" },
    });
    assert.ok(!(await custom(other.token, "?include_archived=true")).some((a) => a.name === "Secret plan"));
    const hijack = await call(other.token, `/data_attributes/${mine.body.id}`, {
      method: "PUT",
      body: { archived: true },
    });
    assert.equal(hijack.status, 404);
    assert.equal((await custom(tenant.token)).find((a) => a.id === mine.body.id)?.archived, false);
    const sameName = await call(other.token, "/data_attributes", {
      method: "POST",
      body: { name: "Secret plan", model: "company", data_type: "string" },
    });
    assert.equal(sameName.status, 200, "names are unique per workspace only");
  });

  it("works with the official SDK: create, list, update", async () => {
    const client = new IntercomClient({ token: tenant.token, baseUrl: gh.url, fetch: validatingFetch });
    const created = await client.dataAttributes.create({
      name: "SDK score",
      model: "contact",
      data_type: "integer",
      description: "Made by the SDK",
    } as Parameters<typeof client.dataAttributes.create>[0]);
    assert.equal(created.name, "SDK score");
    assert.equal(created.full_name, "custom_attributes.SDK score");
    const listed = await client.dataAttributes.list({ model: "contact" });
    assert.ok(listed.data?.some((a) => a.id === created.id && a.custom));
    const updated = await client.dataAttributes.update({
      data_attribute_id: created.id as number,
      body: { archived: true, description: "Archived by the SDK" },
    });
    assert.equal(updated.archived, true);
    assert.equal(updated.description, "Archived by the SDK");
    const archived = await client.dataAttributes.list({ model: "contact", include_archived: true });
    assert.ok(archived.data?.some((a) => a.id === created.id && a.archived));
    const current = await client.dataAttributes.list({ model: "contact" });
    assert.ok(!current.data?.some((a) => a.id === created.id));
  });
});
