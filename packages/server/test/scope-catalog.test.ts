import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ScopeCatalog } from "../src/platform/apps/scopes/catalog.ts";
import { checkCatalogFile } from "../src/platform/apps/scopes/catalog-file.ts";
import builtIn from "../src/platform/apps/scopes/intercom-scopes.json" with { type: "json" };

describe("permission-scope catalog", async () => {
  const catalog = await ScopeCatalog.load(undefined);

  it("the built-in catalog has the shape an operator's file must have", () => {
    assert.equal(checkCatalogFile(builtIn, "built-in"), builtIn);
  });

  it("holds every row of seed 002's two tables, the duplicated news rows once each, and 2.14's IP allowlist scope", () => {
    assert.equal(catalog.ofTier("standard").length, 19);
    assert.equal(catalog.ofTier("extended").length, 14);
    assert.equal(catalog.get("manage_ip_allowlist")?.tier, "extended");
    assert.deepEqual(
      catalog.groups.map((g) => [g.label, g.tier]),
      [
        ["People & conversation data", "standard"],
        ["Workspace data", "extended"],
      ],
    );
    const labels = catalog.all().map((s) => s.label.toLowerCase());
    assert.equal(new Set(labels).size, labels.length, "no label twice, whatever its case");
    assert.equal(
      catalog.get("read_users_companies")?.description,
      "List and view all segments, users, companies, and tags",
    );
    assert.equal(catalog.get("read_single_admin")?.tier, "extended", "seed 002 (newer) wins over seed 003");
  });

  it("marks the four Canvas Kit scopes", () => {
    assert.deepEqual(
      catalog
        .all()
        .filter((s) => s.canvasKit)
        .map((s) => s.label),
      [
        "Read and list users and companies",
        "Read conversations",
        "Read admins",
        "Read data when entered into the app",
      ],
    );
  });

  it("can be replaced by an operator's own file, and refuses a broken one with a clear message", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-scopes-"));
    try {
      const file = path.join(dir, "scopes.json");
      fs.writeFileSync(
        file,
        JSON.stringify({
          groups: [{ id: "core", label: "Core", tier: "standard" }],
          scopes: [{ id: "read_widgets", group: "core", label: "Read widgets", description: "See widgets" }],
        }),
      );
      const own = await ScopeCatalog.load(file);
      assert.deepEqual(
        own.all().map((s) => [s.id, s.tier]),
        [["read_widgets", "standard"]],
      );
      fs.writeFileSync(file, JSON.stringify({ groups: [], scopes: [] }));
      await assert.rejects(ScopeCatalog.load(file), /not a valid scope catalog/);
      fs.writeFileSync(
        file,
        JSON.stringify({
          groups: [{ id: "core", label: "Core", tier: "standard" }],
          scopes: [{ id: "x", group: "nope", label: "X", description: "" }],
        }),
      );
      await assert.rejects(ScopeCatalog.load(file), /unknown group/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
