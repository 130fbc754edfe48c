import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { _, Ajv, type ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { descriptionPath, type Operation, prepare } from "./description.ts";
import { EXCEPTIONS } from "./exceptions.ts";

/**
 * The description's response validators, compiled once per machine and version of the description:
 * parsing the 878 kB of YAML takes seconds and compiling its schemas longer, so the first test process
 * to need them writes Ajv's standalone code (CommonJS: Ajv's runtime helpers and formats are `require`d)
 * into `node_modules/.cache/gatehouse-openapi/`, named by a hash of the YAML and of the code that turns
 * it into validators, and every later process only loads that file.
 */
export interface CompiledDescription {
  openapi: string;
  operations: Operation[];
  validators: Record<string, ValidateFunction>;
}

const CACHE = path.resolve(import.meta.dirname, "../../../../../node_modules/.cache/gatehouse-openapi");
/** What the compiled code depends on besides the YAML: change any and the cache key changes. */
const INPUTS = ["description.ts", "compiled.ts", "exceptions.ts"].map((f) =>
  path.join(import.meta.dirname, f),
);

function cacheKey(yamlText: string): string {
  const hash = crypto.createHash("sha256").update(yamlText);
  for (const file of INPUTS) hash.update(fs.readFileSync(file));
  hash.update(String(createRequire(import.meta.url)("ajv/package.json").version));
  return hash.digest("hex").slice(0, 16);
}

/** Parses and compiles the description into the module text that `loadCompiled` loads. */
export function compileModule(yamlText: string): string {
  const prepared = prepare(parse(yamlText), EXCEPTIONS);
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats.default(ajv);
  // Intercom's own format name for Unix seconds: an annotation, the `integer` type already checks it.
  ajv.addFormat("timestamp", true);
  ajv.addSchema(prepared.components);
  for (const [name, schema] of Object.entries(prepared.validators)) ajv.addSchema(schema, name);
  const exports = Object.fromEntries(Object.keys(prepared.validators).map((name) => [name, name]));
  const code = standaloneCode.default(ajv, exports);
  const index = { openapi: prepared.openapi, operations: prepared.operations };
  return `${code}\nexports.__index = ${JSON.stringify(index)};\n`;
}

/** The compiled validators, from the cache when it holds this description, else compiled and cached. */
export function loadCompiled(): CompiledDescription {
  const yamlText = fs.readFileSync(descriptionPath(), "utf8");
  const file = path.join(CACHE, `validators-${cacheKey(yamlText)}.cjs`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written aside and renamed: a process loading the cache never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, compileModule(yamlText));
    fs.renameSync(partial, file);
  }
  const module = createRequire(import.meta.url)(file) as Record<string, ValidateFunction> & {
    __index: { openapi: string; operations: Operation[] };
  };
  const { __index, ...validators } = module;
  return { openapi: __index.openapi, operations: __index.operations, validators };
}
