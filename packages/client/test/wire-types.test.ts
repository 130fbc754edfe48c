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
  it("are not declared again anywhere else in the client, search queries and error entries included", () => {
    const src = new URL("../src/", import.meta.url);
    const generated = readFileSync(new URL("wire/generated.ts", src), "utf8");
    const names = new Set([...generated.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]));
    for (const shape of ["SearchQuery", "SearchFilter", "EventContact", "ErrorList"])
      assert.ok(names.has(shape));
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && file !== "wire/generated.ts",
    );
    for (const file of files) {
      const text = readFileSync(new URL(file, src), "utf8");
      for (const [, declared] of text.matchAll(/^export (?:interface|type) (\w+)\b(?!\s*=\s*\w+\[)/gm)) {
        assert.ok(
          !names.has(declared ?? ""),
          `${file} declares ${declared}, which the wire schemas generate`,
        );
      }
      // An error entry is the generated ErrorList's, not a shape of the client's own.
      assert.doesNotMatch(text, /interface ApiErrorEntry/, file);
    }
  });
});
