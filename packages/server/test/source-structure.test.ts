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

  it("the arrows between the server's parts point one way (type imports too)", () => {
    // Each part, and the parts it must never import: what lies above it, or beside it on the other half.
    const never: Array<[part: string, forbidden: string[], why: string]> = [
      [
        "storage/",
        ["core/", "platform/", "resources/", "wire/", "http/", "cli/"],
        "storage is the ground floor",
      ],
      [
        "core/",
        ["platform/", "resources/", "wire/", "http/", "cli/"],
        "core is what both halves share, and nothing else",
      ],
      [
        "wire/",
        ["core/", "platform/", "resources/", "http/", "cli/"],
        "wire presents what it is handed: it loads nothing",
      ],
      [
        "platform/",
        ["resources/", "http/", "cli/"],
        "the platform guards the workspace data and names none of it",
      ],
      [
        "resources/",
        ["platform/apps/", "platform/services/", "platform/webhooks/", "http/", "cli/"],
        "resources raise events through core's outbox; they know of no app, installation or webhook",
      ],
      [
        "platform/services/",
        ["platform/identity/", "platform/apps/", "platform/webhooks/"],
        "the platform's services serve, and call on nothing above them",
      ],
      [
        "platform/identity/",
        ["platform/apps/", "platform/webhooks/"],
        "who people are does not depend on what apps they use",
      ],
      [
        "platform/apps/",
        ["platform/webhooks/"],
        "an app's life raises events; it never calls the webhook module",
      ],
      ["http/", ["cli/"], "the HTTP face and the command line are two faces of the same house"],
    ];
    const broken: string[] = [];
    for (const file of files.filter((f) => f.name.startsWith("server/src/"))) {
      const from = file.name.slice("server/src/".length);
      for (const [part, forbidden, why] of never) {
        if (!from.startsWith(part)) continue;
        for (const { target } of importsOf(file)) {
          const to = target?.startsWith("server/src/") ? target.slice("server/src/".length) : undefined;
          if (to && forbidden.some((f) => to.startsWith(f))) broken.push(`${from} -> ${to} (${why})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it("no Record's key schema carries a rule TypeBox drops (a length, a format: only a pattern is kept)", () => {
    // Type.Record(Type.String({ maxLength: 190 }), …) compiles to `patternProperties: { "^.*$": … }`:
    // the limit reads as enforced and is not. Names are bounded with the Record's `propertyNames`.
    const dropped = files.flatMap((f) =>
      [...f.text.matchAll(/Type\.Record\(\s*Type\.String\(\{([^}]*)\}/g)]
        .filter((m) => !/^\s*pattern:[^,]*,?\s*$/.test(m[1] ?? ""))
        .map((m) => `${f.name}: ${m[0]}`),
    );
    assert.deepEqual(dropped, []);
  });

  it("no source file over 400 lines", () => {
    const MAX_LINES = 400;
    // Generated code (the client's wire types, written from the server's schemas) is read by no one.
    const long = files
      .filter((f) => !f.name.endsWith("/generated.ts"))
      .map((f) => ({ name: f.name, lines: f.text.split("\n").length - (f.text.endsWith("\n") ? 1 : 0) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.name}: ${f.lines} lines`);
    assert.deepEqual(long, [], `split these by what they do (at most ${MAX_LINES} lines a file)`);
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
