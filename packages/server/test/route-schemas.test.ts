import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Gatehouse, startGatehouse } from "./support/gatehouse.ts";
import { missingSchemas } from "./support/route-schemas.ts";

/**
 * Walks the route table of the real server (API, OAuth, pages, health, assets): every route declares
 * its request schemas and its answer's, with no exception.
 */
describe("route schemas", () => {
  let gh: Gatehouse;
  before(async () => {
    // The routes are the same on either database.
    gh = await startGatehouse({ dialect: "sqlite" });
  });
  after(() => gh.close());

  const routes = () => gh.server.declaredRoutes;
  const name = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

  it("walks every kind of route", () => {
    const names = routes().map(name);
    for (const expected of ["GET /me", "POST /auth/eagle/token", "GET /oauth", "GET /hub", "GET /healthz"])
      assert.ok(names.includes(expected), `${expected} is in the route table`);
  });

  it("every route declares its params, query, body and response schemas", () => {
    const missing = routes().flatMap((route) => {
      const lacking = missingSchemas(route);
      return lacking.length > 0 ? [`${name(route)}: no ${lacking.join(", ")} schema`] : [];
    });
    assert.deepEqual(
      missing,
      [],
      "give these routes their schemas (test/support/route-schemas.ts says which)",
    );
  });

  it("tells a route that lacks a schema from one that declares them all", () => {
    const object = { type: "object" };
    assert.deepEqual(
      missingSchemas({ method: "POST", url: "/things/:id", schema: undefined, takesNoBody: false }),
      ["params", "body", "response"],
    );
    assert.deepEqual(
      missingSchemas({
        method: "GET",
        url: "/things/:id",
        schema: { params: object, querystring: object, response: { 200: object } },
        takesNoBody: false,
      }),
      [],
    );
    assert.deepEqual(
      missingSchemas({
        method: "POST",
        url: "/things/:id/archive",
        schema: { params: object, response: { 200: object } },
        takesNoBody: true,
      }),
      [],
    );
  });
});
