import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bearer, createTenant, type Gatehouse, startGatehouse, type Tenant } from "./support/gatehouse.ts";

/**
 * Bodies as Intercom reads them. Many integrations set `Content-Type: application/json` once, on every
 * request, and then send no body where a route takes none (an archive, a DELETE): Intercom reads an
 * empty body as no body, as Rails does. Reading bodies is the same on either database: SQLite alone.
 */
describe("request bodies", () => {
  let gh: Gatehouse;
  let tenant: Tenant;

  before(async () => {
    gh = await startGatehouse({ dialect: "sqlite" });
    tenant = await createTenant(gh.services);
  });
  after(() => gh.close());

  const send = async (method: string, path: string, body: string | undefined) => {
    const response = await gh.fetch(gh.url + path, {
      method,
      headers: { ...bearer(tenant.token), "content-type": "application/json" },
      ...(body !== undefined && { body }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const newContact = async (email: string) => {
    const made = await send("POST", "/contacts", JSON.stringify({ email }));
    assert.equal(made.status, 200, JSON.stringify(made.body));
    return made.body.id as string;
  };

  it("reads an empty body sent as JSON as no body, where a route takes none", async () => {
    const id = await newContact("empty-body@example.com");
    for (const empty of ["", " \r\n\t"]) {
      const archived = await send("POST", `/contacts/${id}/archive`, empty);
      assert.equal(archived.status, 200, JSON.stringify(archived.body));
      assert.equal(archived.body.archived, true);
      const restored = await send("POST", `/contacts/${id}/unarchive`, empty);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
    }
    const deleted = await send("DELETE", `/contacts/${id}`, undefined);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    assert.equal(deleted.body.deleted, true);
  });

  it("answers an empty body where a route takes fields as it answers a request with no body at all", async () => {
    const bare = await gh.fetch(`${gh.url}/tags`, { method: "POST", headers: bearer(tenant.token) });
    const expected = { status: bare.status, errors: ((await bare.json()) as { errors: unknown[] }).errors };
    assert.equal(expected.status, 400);
    const answer = await send("POST", "/tags", "");
    assert.deepEqual({ status: answer.status, errors: answer.body.errors }, expected);
  });

  it("still refuses a body that is not JSON, and one that would poison a prototype", async () => {
    for (const body of ["{", "not json", '{"email": "a@b.co",}']) {
      const answer = await send("POST", "/contacts", body);
      assert.equal(answer.status, 400, body);
      assert.deepEqual(
        { code: answer.body.errors[0].code, message: answer.body.errors[0].message },
        { code: "parameter_invalid", message: "The request body is not valid JSON" },
        body,
      );
    }
    const poisoned = await send("POST", "/contacts", '{"email":"p@example.com","__proto__":{"admin":true}}');
    assert.equal(poisoned.status, 400);
    assert.equal(poisoned.body.errors[0].code, "parameter_invalid");
  });
});
