import { type ApiError, errors } from "./errors.ts";

/**
 * One failed check of a schema, as Ajv (the routes) and TypeBox's `Value.Errors` (the command line)
 * both report it: where in the input, which keyword failed, and that keyword's parameters.
 */
export interface SchemaFailure {
  instancePath: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
  /** Where in the schema (Ajv's `#/properties/a/anyOf/1/type`): what tells a union's branches apart. */
  schemaPath?: string;
  /** Ajv's: the key of an object whose name broke the object's `propertyNames` rule. */
  propertyName?: string;
}

/**
 * Text on one line: no control character (C0, DEL, C1), so no CR/LF to forge a log line or a header.
 * Names, scopes, URLs and notes typed in a form or on the command line all take it.
 */
export const SINGLE_LINE = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/**
 * A failed check in words a person acts on, naming the field as `label` shows it (the field's name on a
 * page, its `--option` on the command line). The first failure is enough: fix it, and the next shows.
 */
export function describeFailure(
  failure: SchemaFailure,
  label: (field: string) => string = (field) => field,
  whole = "the input",
): { field: string | undefined; missing: boolean; message: string } {
  const params = failure.params ?? {};
  const missingName =
    failure.keyword === "required"
      ? String(
          params.missingProperty ??
            (Array.isArray(params.requiredProperties) ? params.requiredProperties[0] : ""),
        )
      : "";
  const path = failure.instancePath
    .replace(/^\//, "")
    .split("/")
    .filter((part) => part !== "" && !/^[0-9]+$/.test(part))
    .join(".");
  const field = [path, missingName].filter(Boolean).join(".") || undefined;
  const named = field ? label(field) : whole;
  if (missingName) return { field, missing: true, message: `${named} is required` };
  const said = (text: string) => ({ field, missing: false, message: `${named} ${text}` });
  const badName =
    failure.propertyName ?? (failure.keyword === "propertyNames" ? params.propertyName : undefined);
  if (typeof badName === "string")
    return { field, missing: false, message: describeName(badName, failure, named) };
  switch (failure.keyword) {
    case "maxLength":
      return said(`must be at most ${params.limit} characters`);
    case "minLength":
      return said(params.limit === 1 ? "cannot be empty" : `must be at least ${params.limit} characters`);
    case "maxItems":
      return said(`can have at most ${params.limit} values`);
    case "maxProperties":
      return said(`takes at most ${params.limit} entries`);
    case "pattern":
      return said(
        params.pattern === SINGLE_LINE
          ? "must be one line of text, without control characters"
          : "is not in the expected form",
      );
    case "enum":
      return Array.isArray(params.allowedValues)
        ? said(`must be one of ${params.allowedValues.join(", ")}`)
        : said("is not one of the accepted values");
    case "const":
      return said(`must be ${String(params.allowedValue)}`);
    case "anyOf":
    case "oneOf":
      return said(acceptedKinds(params));
    case "type":
      return said(`must be ${[params.type].flat().map(kindName).join(" or ")}`);
    case "minimum":
      return said(`must be at least ${params.limit}`);
    case "maximum":
      return said(`must be at most ${params.limit}`);
    case "minItems":
      return said(`must have at least ${params.limit} ${params.limit === 1 ? "value" : "values"}`);
    case "format":
      return said(`must be a valid ${params.format}`);
    default:
      return said(failure.message ?? "is not valid");
  }
}

/**
 * An object's key that its `propertyNames` rule refused (a custom attribute's name, say), named after
 * the object and cut to 50 characters, so the caller sees which one.
 */
function describeName(name: string, failure: SchemaFailure, named: string): string {
  if (name === "") return `${named} cannot have an empty name`;
  const shown = `${named}.${name.length > 50 ? `${name.slice(0, 50)}…` : name}`;
  if (failure.keyword === "maxLength")
    return `${shown} is too long a name: names are at most ${failure.params?.limit} characters`;
  return failure.keyword === "pattern" && failure.params?.pattern === SINGLE_LINE
    ? `${shown} is not a name it takes: a name is one line of text, without control characters`
    : `${shown} is not a name it takes`;
}

/** What a value of each JSON type is called in a message. */
function kindName(type: unknown): string {
  switch (type) {
    case "string":
      return "text";
    case "integer":
      return "an integer";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "object":
      return "an object";
    case "array":
      return "a list";
    default:
      return String(type);
  }
}

/** "a, b or c". */
function eitherOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** A union's refusal when the value was of none of its kinds (see `decisiveFailure`). */
function acceptedKinds(params: Record<string, unknown>): string {
  const values = Array.isArray(params.values) ? params.values.map(String) : [];
  const kinds = Array.isArray(params.kinds) ? params.kinds.map(kindName) : [];
  if (values.length === 0 && kinds.length === 0) return "is not one of the accepted values";
  return kinds.length === 0
    ? `must be one of ${values.join(", ")}`
    : `must be ${eitherOf([...values, ...kinds])}`;
}

const KIND_KEYWORDS = new Set(["type", "const", "enum", "anyOf", "oneOf"]);

/**
 * The failure to report from a failed check's list (Ajv's, which stops at the first failing keyword,
 * or TypeBox's, which lists them all). Usually the first; but when the first is inside a union (`anyOf`),
 * it only says why the value is not the first kind it could have been. So, for the outermost union
 * around it: a value of one of the union's kinds that broke that kind's rule (too long, a field missing
 * inside) is refused for that; a value of none of them is refused with every kind and value it takes.
 */
export function decisiveFailure<F extends SchemaFailure>(
  failures: readonly F[],
): F | SchemaFailure | undefined {
  const first = failures[0];
  const union = failures
    .filter((f) => isUnion(f) && first?.schemaPath?.startsWith(branchesOf(f)))
    .sort((a, b) => branchesOf(a).length - branchesOf(b).length)[0];
  if (!first || !union) return first;
  const inside = branchesOf(union);
  const branches = failures.filter((f) => f !== union && f.schemaPath?.startsWith(inside));
  const ruleBroken = branches.find(
    (f) => f.instancePath !== union.instancePath || !KIND_KEYWORDS.has(f.keyword),
  );
  if (ruleBroken) return ruleBroken;
  const values: unknown[] = [];
  const kinds: unknown[] = [];
  for (const f of branches) {
    const params = f.params ?? {};
    if (f.keyword === "const") values.push(params.allowedValue);
    else if (f.keyword === "enum" && Array.isArray(params.allowedValues))
      values.push(...params.allowedValues);
    else if (f.keyword === "type") kinds.push(...[params.type].flat());
  }
  return {
    instancePath: union.instancePath,
    keyword: union.keyword,
    params: { values: [...new Set(values)], kinds: [...new Set(kinds)] },
  };
}

const isUnion = (f: SchemaFailure) => (f.keyword === "anyOf" || f.keyword === "oneOf") && !!f.schemaPath;

/** Where a union's branches are in the schema: Ajv names the union's keyword in its path, TypeBox not. */
function branchesOf(union: SchemaFailure): string {
  const path = union.schemaPath ?? "";
  return /\/(anyOf|oneOf)$/.test(path) ? `${path}/` : `${path}/${union.keyword}/`;
}

/** The failed check as the parameter error a hand-written check gives: `parameter_not_found` or `_invalid`. */
export function failureError(failure: SchemaFailure, label?: (field: string) => string): ApiError {
  const { field, missing, message } = describeFailure(failure, label);
  return missing ? errors.parameterNotFound(message, field) : errors.parameterInvalid(message, field);
}
