import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createVisitor } from "../src/resources/visitors.ts";
import { type ApiAnswer, callApi, type Json } from "./support/api.ts";
import { createTenant, type Gatehouse, startGatehouse, type Tenant } from "./support/gatehouse.ts";

/**
 * Custom attributes are one kind of input wherever Intercom takes them (a contact, a visitor, a company,
 * a conversation): the same names, the same values, refused at the door with the same words, and a
 * refused write leaves the record as it was. (Storage plays no part: SQLite only.)
 */
describe("custom attributes, alike at every door", () => {
  let gh: Gatehouse;
  let tenant: Tenant;
  const call = (path: string, method: string, body: Json): Promise<ApiAnswer> =>
    callApi(gh.url, tenant.token, path, { method, body });

  /** Each door: where it takes custom attributes, and where the record it wrote is read back. */
  interface Door {
    name: string;
    write(attributes: Json): Promise<ApiAnswer>;
    read(): Promise<Json>;
  }
  const doors: Door[] = [];

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services);
    const ok = async (answer: Promise<ApiAnswer>) => {
      const { status, body } = await answer;
      assert.equal(status, 200, JSON.stringify(body));
      return body;
    };
    const contact = await ok(call("/contacts", "POST", { role: "user", email: "ada@example.com" }));
    const conversation = await ok(
      call("/conversations", "POST", { from: { type: "user", id: contact.id }, body: "Hello" }),
    );
    const visitor = await createVisitor(gh.services, tenant.workspace.id, { name: "Guest" });
    let companies = 0;
    doors.push(
      {
        name: "POST /contacts",
        write: (attributes) =>
          call("/contacts", "POST", { role: "lead", name: "New lead", custom_attributes: attributes }),
        read: async () => null,
      },
      {
        name: "PUT /contacts/{id}",
        write: (attributes) => call(`/contacts/${contact.id}`, "PUT", { custom_attributes: attributes }),
        read: async () => (await call(`/contacts/${contact.id}`, "GET", undefined)).body.custom_attributes,
      },
      {
        name: "POST /companies",
        write: (attributes) =>
          call("/companies", "POST", { company_id: `c${++companies}`, custom_attributes: attributes }),
        read: async () => null,
      },
      {
        name: "PUT /conversations/{id}",
        write: (attributes) =>
          call(`/conversations/${conversation.conversation_id}`, "PUT", { custom_attributes: attributes }),
        read: async () =>
          (await call(`/conversations/${conversation.conversation_id}`, "GET", undefined)).body
            .custom_attributes,
      },
      {
        name: "PUT /visitors",
        write: (attributes) => call("/visitors", "PUT", { id: visitor.id, custom_attributes: attributes }),
        read: async () =>
          (await call(`/visitors?user_id=${visitor.user_id}`, "GET", undefined)).body.custom_attributes,
      },
    );
  });
  after(() => gh.close());

  const refusals: Array<[string, Json, RegExp]> = [
    ["an empty name", { "": "x" }, /^custom_attributes cannot have an empty name$/],
    [
      "a name of 191 characters",
      { ["n".repeat(191)]: "x" },
      /^custom_attributes\.n{50}… is too long a name: names are at most 190 characters$/,
    ],
    [
      "a name with a line break",
      { "plan\nX-Injected: 1": "x" },
      /^custom_attributes\.plan\nX-Injected: 1 is not a name it takes: a name is one line of text, without control characters$/,
    ],
    [
      "a name with a C1 control",
      { "plan\u0085": "x" },
      /^custom_attributes\.plan\u0085 is not a name it takes: a name is one line of text, without control characters$/,
    ],
    [
      "an object for a value",
      { plan: { tier: "gold" } },
      /^custom_attributes\.plan must be text, a number, true or false or null$/,
    ],
    ["a list for a value", { plan: ["gold"] }, /^custom_attributes\.plan must be/],
    [
      "text of 65,536 characters",
      { notes: "x".repeat(65_536) },
      /^custom_attributes\.notes must be at most 65535 characters$/,
    ],
    [
      "251 attributes",
      Object.fromEntries(Array.from({ length: 251 }, (_, i) => [`a${i}`, i])),
      /^custom_attributes takes at most 250 entries$/,
    ],
    ["text for the whole", "plan=gold", /^custom_attributes must be an object$/],
  ];

  for (const [what, attributes, message] of refusals) {
    it(`refuses ${what} at every door, in Intercom's shape, and writes nothing`, async () => {
      for (const door of doors) {
        const before = await door.read();
        const answer = await door.write(attributes);
        assert.equal(answer.status, 400, `${door.name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        const [error] = answer.body.errors;
        assert.equal(error.code, "parameter_invalid", door.name);
        // The field names the attribute where the fault is its value, the whole where it is a name.
        assert.match(error.field, /^custom_attributes(\.[a-z]+)?$/, door.name);
        assert.match(error.message, message, door.name);
        assert.deepEqual(await door.read(), before, `${door.name} changed what it holds`);
      }
    });
  }

  it("takes names in any script, and names and text up to their limits, at every door", async () => {
    // Text and integers: what 2.14 describes every one of these records as holding.
    const attributes = {
      plan: "gold",
      seats: 3,
      "Stufe ü": "二",
      notes: "x".repeat(65_535),
      ["n".repeat(190)]: "longest name",
    };
    for (const door of doors) {
      const answer = await door.write(attributes);
      assert.equal(answer.status, 200, `${door.name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      const held = (await door.read()) ?? answer.body.custom_attributes;
      for (const [name, value] of Object.entries(attributes))
        assert.deepEqual(held[name], value, `${door.name}: ${name.slice(0, 20)}`);
    }
  });
});
