/**
 * Writes `@gatehouse/client`'s wire types from the server's wire schemas, so the client never holds a
 * second, hand-written copy of an Intercom object (issue 12). The server package is private: the client
 * cannot import it, so its types are generated into `packages/client/src/wire/generated.ts`, at the
 * client's build (`npm run build` in packages/client runs this first) and checked for freshness by
 * `packages/client/test/wire-types.test.ts`.
 *
 *   node packages/server/scripts/client-wire-types.ts           write the file
 *   node packages/server/scripts/client-wire-types.ts --check   exit 1 if the file is not what it would write
 *
 * `json-schema-to-typescript` does the conversion; a schema that another listed schema embeds (the same
 * object, as TypeBox keeps it) is named, not inlined, so `ContactList.data` reads `Contact[]`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import type { TSchema } from "typebox";
import { WIRE_TYPES } from "./client-wire-types.list.ts";

const TARGET = fileURLToPath(new URL("../../client/src/wire/generated.ts", import.meta.url));

const HEADER = `/**
 * Intercom's objects as Gatehouse sends them, generated from the server's wire schemas
 * (packages/server/src/wire/) by packages/server/scripts/client-wire-types.ts. Do not edit: change the
 * schema and run \`npm run build\` in packages/client (or the script itself).
 */
`;

/** The schema as plain JSON Schema, with every embedded listed schema replaced by a reference to its name. */
function prepare(schema: TSchema, self: string, names: Map<object, string>): JSONSchema {
  // TypeBox's `Optional(X)` is a copy of X: find a listed schema by its JSON too, so the copy is named.
  const shapes = new Map<string, object>(
    [...names.keys()].map((listed) => [JSON.stringify(listed), listed] as const),
  );
  const walk = (node: unknown, top: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, false));
    if (node === null || typeof node !== "object") return node;
    const named = names.get(node) ?? names.get(shapes.get(JSON.stringify(node)) ?? node);
    if (!top && named && named !== self) return { tsType: named };
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      // TypeBox writes a record as `patternProperties: {"^.*$": …}`: an index signature, said plainly.
      if (key === "patternProperties" && value && typeof value === "object") {
        const patterns = Object.entries(value);
        if (patterns.length === 1 && patterns[0]?.[0] === "^.*$") {
          out.additionalProperties = walk(patterns[0][1], false);
          continue;
        }
      }
      // `InOrder` (wire/common.ts) moves `required` aside so answers keep their field order: restore it.
      if (key === "x-required") {
        out.required = value;
        continue;
      }
      out[key] = walk(value, false);
    }
    return out;
  };
  return walk(schema, true) as JSONSchema;
}

type Properties = Record<string, unknown>;
const propertiesOf = (schema: unknown): Properties | undefined =>
  (schema as { type?: unknown; properties?: Properties }).type === "object"
    ? (schema as { properties?: Properties }).properties
    : undefined;

/**
 * The listed schema `schema` is built on, if any: the largest other listed object whose every property
 * it holds as the very same schema (as `Conversation` spreads `ConversationListItem.properties`). The
 * client then reads `Conversation = ConversationListItem & { conversation_parts … }`, not both in full.
 */
function baseOf(schema: TSchema, self: string): { name: string; keys: string[] } | undefined {
  const own = propertiesOf(schema);
  if (!own) return undefined;
  let best: { name: string; keys: string[] } | undefined;
  for (const entry of WIRE_TYPES) {
    const theirs = propertiesOf(entry.schema);
    if (entry.name === self || !theirs) continue;
    const keys = Object.keys(theirs);
    if (keys.length >= Object.keys(own).length) continue;
    if (!keys.every((key) => own[key] === theirs[key])) continue;
    if (!best || keys.length > best.keys.length) best = { name: entry.name, keys };
  }
  return best;
}

/** `schema` as its base's type joined with what it adds, or as itself when it extends none. */
function extending(schema: TSchema, self: string, names: Map<object, string>): JSONSchema {
  const base = baseOf(schema, self);
  const prepared = prepare(schema, self, names);
  if (!base) return prepared;
  const inherited = new Set(base.keys);
  const properties = Object.fromEntries(
    Object.entries(prepared.properties ?? {}).filter(([key]) => !inherited.has(key)),
  );
  const required = (Array.isArray(prepared.required) ? prepared.required : []).filter(
    (key) => !inherited.has(key),
  );
  return {
    allOf: [{ tsType: base.name }, { type: "object", properties, required, additionalProperties: false }],
  };
}

export async function render(): Promise<string> {
  const names = new Map<object, string>(WIRE_TYPES.map((entry) => [entry.schema, entry.name]));
  const parts = [HEADER];
  for (const { name, schema, doc } of WIRE_TYPES) {
    const source = await compile(extending(schema, name, names), name, {
      bannerComment: "",
      additionalProperties: false,
      format: true,
      strictIndexSignatures: false,
      // A bounded array (`maxItems: 10`) reads as `T[]`, not as a union of eleven tuples.
      ignoreMinAndMaxItems: true,
    });
    // The converter makes its own safe identifier of the name ("User1x" → "User1X"); keep ours.
    const declared = /^export (?:interface|type) (\w+)/m.exec(source)?.[1];
    const renamed = declared ? source.replace(new RegExp(`\\b${declared}\\b`, "g"), name) : source;
    parts.push(`/** ${doc} */\n${renamed.trim()}\n`);
  }
  return parts.join("\n");
}

if (import.meta.main) {
  const text = await render();
  if (process.argv.includes("--check")) {
    const current = readFileSync(TARGET, "utf8");
    if (current !== text) {
      console.error(`${TARGET} is stale: run node packages/server/scripts/client-wire-types.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, text);
    console.log(`wrote ${TARGET}`);
  }
}
