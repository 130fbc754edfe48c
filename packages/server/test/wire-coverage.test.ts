import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { startGatehouse } from "./support/gatehouse.ts";
import { describedOperations } from "./support/openapi/check.ts";
import { freshRecord } from "./support/openapi/exercised.ts";
import { shapeOf } from "./support/openapi/routes.ts";
import { UNDESCRIBED } from "./support/openapi/undescribed.ts";

/**
 * Which of the routes Gatehouse serves had an answer checked against Intercom's 2.14 description
 * anywhere in the suite (each test file leaves a record of what it checked: `openapi/exercised.ts`).
 * Named to run last in `npm test`, after every file that checks answers; run alone, it first runs the
 * files whose record is missing or older than the file.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Served and described, but no test reaches them yet: each with the reason. Shrink it, never grow it. */
const NOT_YET_REACHED: Record<string, string> = {};

/**
 * The test files that check answers: they call through the shared caller, the validating fetch, or a
 * Gatehouse's own `fetch` (`gh.fetch`, which validates too).
 */
function checkingTestFiles(): string[] {
  const files: string[] = [];
  for (const dir of ["packages/server/test", "packages/server/test/hostile", "packages/client/test"]) {
    for (const name of fs.readdirSync(path.join(ROOT, dir))) {
      if (!name.endsWith(".test.ts")) continue;
      const relative = `${dir}/${name}`;
      const text = fs.readFileSync(path.join(ROOT, relative), "utf8");
      if (/openapi\/validating-fetch\.ts|support\/api\.ts|\w\.fetch\(/.test(text)) files.push(relative);
    }
  }
  return files.sort();
}

/** Runs `files` in a test runner of their own, for their records (their results are their own). */
function runForRecords(files: string[]): void {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], {
    cwd: ROOT,
    env,
    stdio: "ignore",
  });
}

describe("answers checked against Intercom's 2.14 description", () => {
  let served: string[];
  let checked: Set<string>;

  before(async () => {
    const gh = await startGatehouse({ dialect: "sqlite" });
    served = gh.server.scopeTable.map((r) => `${r.method} ${r.url}`);
    await gh.close();
    const files = checkingTestFiles();
    const missing = files.filter((f) => !freshRecord(f));
    if (missing.length > 0) runForRecords(missing);
    checked = new Set(files.flatMap((f) => freshRecord(f)?.checked ?? []));
  });

  /** The description's `METHOD /path/{param}` for a served `METHOD /path/:param`, if it has one. */
  const describedAs = (route: string): string | undefined => {
    const [method, url] = route.split(" ") as [string, string];
    const op = describedOperations().find((o) => o.method === method && shapeOf(o.path) === shapeOf(url));
    return op && `${op.method} ${op.path}`;
  };

  it("every served route is described by 2.14 or skipped by name", () => {
    const listed = new Set(
      UNDESCRIBED.map((u) => shapeOf(u.route.split(" ")[1] as string) + u.route.split(" ")[0]),
    );
    const unaccounted = served.filter((route) => {
      const [method, url] = route.split(" ") as [string, string];
      return !describedAs(route) && !listed.has(shapeOf(url) + method);
    });
    assert.deepEqual(
      unaccounted,
      [],
      "add these to 2.14's operations or to test/support/openapi/undescribed.ts",
    );
  });

  it("every served, described route had an answer checked, except the listed ones", (t) => {
    const statusesOf = new Map<string, string[]>();
    for (const entry of checked) {
      const at = entry.lastIndexOf(" ");
      const operation = entry.slice(0, at);
      statusesOf.set(operation, [...(statusesOf.get(operation) ?? []), entry.slice(at + 1)]);
    }
    const described = served.map(describedAs).filter((op): op is string => op !== undefined);
    const never = described.filter((op) => !statusesOf.has(op));
    const lines = described
      .sort()
      .map(
        (op) =>
          `${statusesOf.has(op) ? "  checked" : "✗ never  "} ${op} ${statusesOf.get(op)?.join(",") ?? ""}`,
      );
    t.diagnostic(
      `served and described by 2.14: ${described.length}, checked: ${described.length - never.length}`,
    );
    for (const line of lines) t.diagnostic(line);
    const notServed = describedOperations()
      .map((o) => `${o.method} ${o.path}`)
      .filter((op) => !described.includes(op));
    t.diagnostic(`described by 2.14 but not served: ${notServed.length}`);
    assert.deepEqual(
      never.filter((op) => !(op in NOT_YET_REACHED)),
      [],
      "no test's answer from these was checked: call them through callApi or validatingFetch",
    );
    const reachedNow = Object.keys(NOT_YET_REACHED).filter((op) => statusesOf.has(op));
    assert.deepEqual(reachedNow, [], "checked now: take them off NOT_YET_REACHED");
  });
});
