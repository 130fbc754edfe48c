import { AssertionError } from "node:assert";
import type { ErrorObject, ValidateFunction } from "ajv";
import { type CompiledDescription, loadCompiled } from "./compiled.ts";
import { ANY_JSON, type Operation } from "./description.ts";
import { EXCEPTIONS } from "./exceptions.ts";
import { noteChecked } from "./exercised.ts";
import { matchTemplate, type Template } from "./routes.ts";
import { UNDESCRIBED } from "./undescribed.ts";

/**
 * Checks one answer of the resource API against Intercom's 2.14 description: the schema its operation
 * names for its status (or `default`; an undescribed error status against `error`), less the listed
 * exceptions. Throws an AssertionError that names the operation, the status and the first errors.
 */
export interface Answer {
  method: string;
  /** The URL asked for (absolute, or a path). */
  url: string;
  status: number;
  contentType: string | null;
  text: string;
}

interface Loaded {
  compiled: CompiledDescription;
  operations: Template<Operation>[];
  undescribed: Template<string>[];
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const compiled = loadCompiled();
  const operations = compiled.operations.map((op) => ({ path: `/${op.method}${op.path}`, value: op }));
  const undescribed = UNDESCRIBED.map((u) => {
    const [method, path] = u.route.split(" ") as [string, string];
    return { path: `/${method}${path}`, value: u.route };
  });
  loaded = { compiled, operations, undescribed };
  return loaded;
}

const MAX_ERRORS = 5;
const MAX_VALUE = 160;

function fail(message: string): never {
  throw new AssertionError({ message });
}

/** The value at a JSON pointer, for the failure message. */
function at(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** The errors of `validators`: none when the answer satisfies one of them, else the first one's. */
function errorsOf(validators: ValidateFunction[], body: unknown): ErrorObject[] {
  let first: ErrorObject[] | undefined;
  for (const validate of validators) {
    if (validate(body)) return [];
    first ??= validate.errors ?? [];
  }
  return first ?? [];
}

export function checkAnswer(answer: Answer): void {
  const { compiled, operations, undescribed } = load();
  const method = answer.method.toUpperCase();
  const path = new URL(answer.url, "http://gatehouse.invalid").pathname;
  const operation = matchTemplate(operations, `/${method}${path}`)?.value;
  const isJson = /\bjson\b/.test(answer.contentType ?? "");
  const body: unknown = isJson && answer.text ? JSON.parse(answer.text) : undefined;

  let name: string | null | undefined;
  let label: string;
  if (operation) {
    label = `${method} ${operation.path}`;
    const status = String(answer.status) in operation.responses ? String(answer.status) : "default";
    name = operation.responses[status];
    if (name === undefined && answer.status < 400)
      fail(`${label} answered ${answer.status}, a status Intercom's 2.14 description does not give it`);
  } else {
    const skipped = matchTemplate(undescribed, `/${method}${path}`);
    if (skipped) return;
    if (answer.status < 400)
      fail(
        `${method} ${path} answered ${answer.status} but is neither in Intercom's 2.14 description nor in ` +
          "test/support/openapi/undescribed.ts",
      );
    label = `${method} ${path} (no such route)`;
  }
  if (answer.status >= 400) name ??= "error";
  noteChecked(operation ? label : "(no route)", answer.status);

  if (name === null || name === undefined) {
    // Described without JSON (an empty answer, or a file to download): a JSON body is out of place.
    if (isJson && answer.text)
      fail(`${label} answered ${answer.status} with JSON, which 2.14 describes without: ${show(body)}`);
    return;
  }
  if (!isJson) fail(`${label} answered ${answer.status} as ${answer.contentType}, not JSON (2.14: ${name})`);
  if (name === ANY_JSON) return;

  const instead = EXCEPTIONS.find(
    (e) => "operation" in e && e.operation === label && e.status === String(answer.status),
  );
  const names = instead && "schemas" in instead ? instead.schemas : [name];
  const validators = names.map((n) => compiled.validators[n] ?? fail(`no compiled validator ${n}`));
  const errors = errorsOf(validators, body);
  if (errors.length === 0) return;
  const lines = errors
    .slice(0, MAX_ERRORS)
    .map((e) => `  ${e.instancePath || "/"} ${e.message ?? e.keyword}: ${show(at(body, e.instancePath))}`);
  const more = errors.length > MAX_ERRORS ? `\n  …and ${errors.length - MAX_ERRORS} more` : "";
  fail(
    `${label} answered ${answer.status} outside Intercom's 2.14 description (schema ${names.join(" or ")}):\n` +
      `${lines.join("\n")}${more}`,
  );
}

/** Every operation the description holds, as `METHOD /path/{param}` with its described statuses. */
export function describedOperations(): Operation[] {
  return load().compiled.operations;
}
