import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importCycles, importsOf, sourceFiles } from "./support/source-files.ts";

/**
 * The shape of the source itself: rules a reviewer would otherwise have to catch by eye, read from the
 * files of every package's `src/` as they stand.
 */
describe("source structure", () => {
  const files = sourceFiles();

  it("finds the source files and their imports", () => {
    // A guard for the rules below: a broken walk or pattern would make them pass on nothing.
    assert.ok(files.length > 200, `only ${files.length} source files found`);
    const errors = files.find((f) => f.name === "server/src/core/errors.ts");
    assert.ok(errors, "server/src/core/errors.ts is found");
    const importers = files.filter((f) => importsOf(f).some((i) => i.target === errors.name));
    assert.ok(importers.length > 20, "imports are resolved to the files they name");
  });

  it("no runtime import cycle among source files (type-only imports aside)", () => {
    const edges = new Map(
      files.map((f) => [
        f.name,
        importsOf(f).flatMap((i) => (i.typeOnly || i.target === undefined ? [] : [i.target])),
      ]),
    );
    assert.deepEqual(
      importCycles(edges),
      [],
      "these files import each other in a loop at run time: break it with an event, a parameter, or by moving what both need below both",
    );
  });

  it("the cycle finder finds a loop, and ignores a chain", () => {
    const loop = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    assert.deepEqual(importCycles(loop), [["a.ts", "b.ts", "c.ts"]]);
    assert.deepEqual(
      importCycles(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", []],
        ]),
      ),
      [],
    );
  });
});
