import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Type } from "typebox";
import { checkInput } from "../src/cli/check.ts";
import { callApi } from "./support/api.ts";
import { createTenant, type Gatehouse, startGatehouse, type Tenant } from "./support/gatehouse.ts";

/**
 * What a refused body says about the field it names, where the schema is more than one plain check:
 * a field that takes one of several kinds of value (a union) is refused for what was wrong with the
 * value sent, not for failing the first kind it could have been; and a missing field inside an object
 * or a list is named in the message by its whole path, not its last part (the error's `field` stays the
 * field's own name, as it always was). (Storage plays no part: SQLite only.)
 */
describe("validation messages at the API's door", () => {
  let gh: Gatehouse;
  let tenant: Tenant;

  const post = async (path: string, body: unknown) => {
    const answer = await callApi(gh.url, tenant.token, path, { method: "POST", body });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.type, "error.list");
    return answer.body.errors[0] as { code: string; message: string; field?: string };
  };

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services);
  });
  after(() => gh.close());

  it("names every kind a union field takes when the value is none of them", async () => {
    // company_id: text (at most 255 characters), an integer, or null.
    const error = await post("/companies", { company_id: true });
    assert.equal(error.code, "parameter_invalid");
    assert.equal(error.field, "company_id");
    assert.equal(error.message, "company_id must be text, an integer or null");
  });

  it("says what was wrong with a union field's value of the right kind", async () => {
    const error = await post("/companies", { company_id: "x".repeat(300) });
    assert.equal(error.code, "parameter_invalid");
    assert.equal(error.field, "company_id");
    assert.equal(error.message, "company_id must be at most 255 characters");
  });

  it("lists the accepted values of a union of literals", async () => {
    const error = await post("/companies/list?order=sideways", {});
    assert.equal(error.field, "order");
    assert.equal(error.message, "order must be one of asc, desc");
  });

  it("names a missing field inside a list of objects by its whole path (the error's field stays its own name)", async () => {
    const error = await post("/data_attributes", {
      name: "Plan",
      model: "contact",
      data_type: "string",
      options: [{ value: "Gold" }, { label: "no value" }],
    });
    assert.equal(error.code, "parameter_not_found");
    assert.equal(error.field, "value");
    assert.equal(error.message, "options.value is required");
  });
});

describe("validation messages on the command line", () => {
  // TypeBox lists every failure (Ajv stops at the first) and paths a union differently: read the same.
  const Order = Type.Object({
    order: Type.Optional(Type.Union([Type.Literal("asc"), Type.Literal("desc")])),
    limit: Type.Optional(Type.Union([Type.Integer({ maximum: 100 }), Type.Null()])),
  });
  const refusal = (input: unknown) => {
    try {
      checkInput(Order, input);
    } catch (error) {
      return (error as Error).message;
    }
    assert.fail("the input was accepted");
  };

  it("lists a union's values, and says which rule a value of the right kind broke", () => {
    assert.equal(refusal({ order: "sideways" }), "--order must be one of asc, desc");
    assert.equal(refusal({ limit: 500 }), "--limit must be at most 100");
    assert.equal(refusal({ limit: "many" }), "--limit must be an integer or null");
  });
});
