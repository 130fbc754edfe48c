import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import build from "fast-json-stringify";
import type { FastifyInstance } from "fastify";

/**
 * When route schemas become code. "at-start": every route's validators and serializers compile while the
 * server gets ready, so a schema that cannot compile stops the start. "on-first-use": each compiles the
 * first time a request needs it; a test's server answers a few routes out of hundreds, and compiling them
 * all was most of its start. Either way what is compiled is kept for the process, so a second server
 * (the tests start several in one process) or a second route with the same schema reuses it.
 */
export type SchemaCompileTime = "at-start" | "on-first-use";

declare module "fastify" {
  interface FastifyInstance {
    /** When this server compiles its route schemas (inherited by every plugin context). */
    schemaCompileTime: SchemaCompileTime;
  }
}

type Serializer = (data: unknown) => string;
const serializers = new WeakMap<object, Serializer>();

function serializerFor(schema: object): Serializer {
  let serializer = serializers.get(schema);
  if (!serializer) {
    serializer = build(schema);
    serializers.set(schema, serializer);
  }
  return serializer;
}

/**
 * Fastify's own validation (@fastify/ajv-compiler's Ajv settings and formats), for the routes outside the
 * API (OAuth pages, sign-in, the hub), with one Ajv for the process instead of one per server.
 */
let fastifyAjv: Ajv | undefined;

function fastifyValidator(schema: object): ValidateFunction {
  fastifyAjv ??= addFormats.default(
    new Ajv({
      coerceTypes: "array",
      useDefaults: true,
      removeAdditional: true,
      addUsedSchema: false,
      allErrors: false,
    }),
  );
  // As Fastify's compiler does: a schema with an id is compiled once, then found by it.
  const id = (schema as { $id?: unknown }).$id;
  const stored = typeof id === "string" ? fastifyAjv.getSchema(id) : undefined;
  return stored ?? fastifyAjv.compile(schema);
}

/** Decorates the root with `when`; validates and serializes through the process's compiled schemas. */
export function useSchemaCompilers(app: FastifyInstance, when: SchemaCompileTime): void {
  app.decorate("schemaCompileTime", when);
  app.setValidatorCompiler(({ schema }) => validatorAt(app, () => fastifyValidator(schema as object)));
  app.setSerializerCompiler(({ schema }) => {
    if (when === "at-start") return serializerFor(schema as object);
    let serializer: Serializer | undefined;
    return (data: unknown) => {
      serializer ??= serializerFor(schema as object);
      return serializer(data);
    };
  });
}

/**
 * `compile`'s validator, compiled now or on its first call as the server's `schemaCompileTime` says.
 * Fastify reads a failed validation's `errors` from the function it was given, so they are copied over.
 */
export function validatorAt(app: FastifyInstance, compile: () => ValidateFunction) {
  if (app.schemaCompileTime !== "on-first-use") return compile();
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= compile();
    const valid = compiled(data) as boolean;
    validate.errors = compiled.errors;
    return valid;
  };
  validate.errors = null as ValidateFunction["errors"];
  return validate;
}
