import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { render } from "../../server/scripts/client-wire-types.ts";

/**
 * The client's wire types are the server's wire schemas, generated: the file in the repository is what
 * the generator writes from today's schemas, so a schema change without a regeneration fails here.
 */
describe("the client's wire types", () => {
  it("are generated from the server's wire schemas and up to date", async () => {
    const committed = readFileSync(new URL("../src/wire/generated.ts", import.meta.url), "utf8");
    assert.equal(
      committed,
      await render(),
      "run `node packages/server/scripts/client-wire-types.ts` and commit packages/client/src/wire/generated.ts",
    );
  });
  it("are the only wire types the client declares", () => {
    // The hand-written copies are gone: wire/ holds the generated file and an index that only names
    // parts of it; no module of the client declares an object type of Intercom's by hand.
    const wire = new URL("../src/wire/", import.meta.url);
    assert.deepEqual(readdirSync(wire).sort(), ["generated.ts", "index.ts"]);
    assert.doesNotMatch(readFileSync(new URL("index.ts", wire), "utf8"), /^export interface /m);
  });
});
