import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Which described operations and statuses a test file's answers were checked against, kept per test
 * file in `node_modules/.cache/gatehouse-openapi/exercised/` so that the coverage test can tell what the
 * whole suite checked. Each record carries its test file's hash: an edited file's record is stale.
 */
export const EXERCISED = path.resolve(
  import.meta.dirname,
  "../../../../../node_modules/.cache/gatehouse-openapi/exercised",
);
const ROOT = path.resolve(import.meta.dirname, "../../../../..");

export interface ExercisedRecord {
  /** The test file, relative to the repository. */
  file: string;
  hash: string;
  /** `METHOD /path/{param} status`. */
  checked: string[];
}

export const fileHash = (file: string): string =>
  crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16);

const recordFile = (relative: string): string =>
  path.join(EXERCISED, `${relative.replaceAll("/", "__")}.json`);

const checked = new Set<string>();
let registered = false;

/** Notes one checked answer; the process's test file gets its record when the process exits. */
export function noteChecked(operation: string, status: number | string): void {
  checked.add(`${operation} ${status}`);
  if (registered) return;
  registered = true;
  const testFile = process.argv[1];
  if (!testFile?.endsWith(".test.ts")) return;
  process.on("exit", () => {
    const record: ExercisedRecord = {
      file: path.relative(ROOT, testFile),
      hash: fileHash(testFile),
      checked: [...checked].sort(),
    };
    fs.mkdirSync(EXERCISED, { recursive: true });
    fs.writeFileSync(recordFile(record.file), `${JSON.stringify(record, null, 1)}\n`);
  });
}

/** The record of one test file, if it ran since it last changed. */
export function freshRecord(relative: string): ExercisedRecord | undefined {
  const file = recordFile(relative);
  if (!fs.existsSync(file)) return undefined;
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as ExercisedRecord;
  return record.hash === fileHash(path.join(ROOT, relative)) ? record : undefined;
}
