import { buildProgram } from "./build.ts";
import { describeError, exitCode, jsonError } from "./errors.ts";
import type { Output } from "./output.ts";

// Known before parsing, so that a usage mistake (which never reaches an action) is answered as JSON too.
const out: Output = { json: process.argv.slice(2).includes("--json") };
const program = buildProgram(out);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const failure = describeError(error);
  if (failure) {
    if (out.json) process.stderr.write(`${JSON.stringify(jsonError(failure))}\n`);
    else if (failure.code !== "usage_error") process.stderr.write(`gatehouse: ${failure.message}\n`);
  }
  process.exitCode = exitCode(error);
}
