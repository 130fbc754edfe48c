import fs from "node:fs";
import path from "node:path";
import type { DescriptionException } from "./exceptions.ts";

/**
 * Intercom's 2.14 OpenAPI description (OpenAPI 3.0.1), read as the tests need it: for each operation
 * (method and path template), which schema each response status names. The description is not part of
 * this repository (it is Intercom's text): it sits in `shared/` beside the checkout, or where
 * `INTERCOM_OPENAPI` points.
 */

/** Where the description is: `INTERCOM_OPENAPI`, else `shared/intercom-openapi/2.14.yaml` beside an ancestor. */
export function descriptionPath(): string {
  const fromEnv = process.env.INTERCOM_OPENAPI;
  if (fromEnv) return fromEnv;
  let dir = path.resolve(import.meta.dirname, "../../../../..");
  for (;;) {
    const candidate = path.join(path.dirname(dir), "shared", "intercom-openapi", "2.14.yaml");
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(
        "Intercom's OpenAPI description (shared/intercom-openapi/2.14.yaml beside the checkout) is missing: " +
          "every API answer in the tests is checked against it; set INTERCOM_OPENAPI to its path",
      );
    dir = parent;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is any JSON object.
export type JsonSchema = Record<string, any>;

/**
 * One operation: the validator named for each described status (null: described without a JSON body;
 * `ANY_JSON`: JSON without a schema).
 */
export interface Operation {
  method: string;
  /** As the description writes it: `/contacts/{contact_id}`. */
  path: string;
  responses: Record<string, string | null>;
}

export interface PreparedDescription {
  openapi: string;
  operations: Operation[];
  /** Every component schema, converted to JSON Schema, under the id `intercom`. */
  components: JsonSchema;
  /** The schemas to compile, by validator name: a component (`{$ref}`) or a response's own inline schema. */
  validators: Record<string, JsonSchema>;
}

const METHODS = ["get", "put", "post", "delete", "patch"];
/** A response described as JSON by examples only, without a schema: any JSON answers it. */
export const ANY_JSON = "*";
const ROOT = "intercom";

/**
 * OpenAPI 3.0 schemas are not JSON Schema: `nullable: true` stands for "or null", `$ref` siblings are
 * meant to apply, and `example` and `x-` keywords are annotations Ajv does not know. This rewrites one
 * schema (recursively) into draft-07 JSON Schema whose references point into the `intercom` document.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== "object") return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "nullable" || key.startsWith("x-")) continue;
    if (key === "$ref") out.$ref = ROOT + String(value);
    else if (key === "properties") {
      // Property names are data, not keywords: convert each value, keep every name.
      out.properties = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  const nullable = (schema as JsonSchema).nullable === true;
  if (out.$ref && Object.keys(out).some((k) => k !== "$ref" && k !== "description")) {
    // A reference with siblings: JSON Schema draft-07 would ignore the siblings, OpenAPI means them.
    const { $ref, ...rest } = out;
    return nullable
      ? { anyOf: [{ type: "null" }, { allOf: [{ $ref }, rest] }] }
      : { allOf: [{ $ref }, rest] };
  }
  if (!nullable) return out;
  const composed = "allOf" in out || "anyOf" in out || "oneOf" in out;
  if (typeof out.type === "string" && !composed) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: "null" }, out] };
}

/** Applies the exceptions' corrections to the component schemas they name, in place. */
function correct(document: JsonSchema, exceptions: DescriptionException[]): void {
  for (const e of exceptions) {
    if (!("schema" in e)) continue;
    for (const pointer of [e.pointer].flat()) {
      let node = document.components.schemas[e.schema];
      const keys = pointer.split("/").slice(1);
      const last = keys.pop() as string;
      for (const key of keys) node = node?.[key];
      if (!node?.[last]) throw new Error(`exception: no ${e.schema}${pointer} in the description`);
      if (e.replace) node[last] = e.replace;
      Object.assign(node[last], e.set);
      for (const keyword of e.drop ?? []) delete node[last][keyword];
    }
  }
}

/** The description parsed from YAML, corrected by the exceptions, made ready to compile. */
export function prepare(document: JsonSchema, exceptions: DescriptionException[]): PreparedDescription {
  correct(document, exceptions);
  const validators: Record<string, JsonSchema> = {};
  const named = (component: string): string => {
    validators[component] ??= { $ref: `${ROOT}#/components/schemas/${component}` };
    return component;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths as JsonSchema)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses: Record<string, string | null> = {};
      for (const [status, declared] of Object.entries(op.responses ?? {}) as [string, JsonSchema][]) {
        const response = declared.$ref
          ? document.components.responses[String(declared.$ref).split("/").pop() as string]
          : declared;
        const json = response?.content?.["application/json"];
        const schema = json?.schema;
        if (!json) responses[status] = null;
        else if (!schema) responses[status] = ANY_JSON;
        else if (schema.$ref) responses[status] = named(String(schema.$ref).split("/").pop() as string);
        else {
          const name = `${op.operationId ?? `${method}${template}`}_${status}`;
          validators[name] = toJsonSchema(schema) as JsonSchema;
          responses[status] = name;
        }
      }
      operations.push({ method: method.toUpperCase(), path: template, responses });
    }
  }
  named("error");
  for (const e of exceptions) if ("schemas" in e) for (const component of e.schemas) named(component);
  const schemas = Object.fromEntries(
    Object.entries(document.components.schemas as JsonSchema).map(([name, s]) => [name, toJsonSchema(s)]),
  );
  return {
    openapi: String(document.openapi),
    operations,
    components: { $id: ROOT, components: { schemas } },
    validators,
  };
}
