import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { validatorAt } from "../schema-compilers.ts";

const common = {
  allErrors: false,
  useDefaults: true,
  removeAdditional: true,
  strict: false,
  verbose: true,
} as const;
/** One pair for the process: Ajv keeps what it compiled by schema object, for every context and server. */
let ajvs: { coercing: Ajv; strict: Ajv } | undefined;

/**
 * The API validates what callers send as Intercom does: query strings and path parameters arrive as
 * text and are read as the numbers and booleans their schemas name, but a JSON body is taken as sent,
 * so `{"name": 42}` is a wrong type, not the name "42". Failures carry the schema that failed
 * (`verbose`), so a schema may word its refusal as Intercom does (`errorMessage`, see plugins/errors.ts).
 */
export function useApiValidation(app: FastifyInstance): void {
  ajvs ??= {
    coercing: addFormats.default(new Ajv({ ...common, coerceTypes: "array" })),
    strict: addFormats.default(new Ajv({ ...common, coerceTypes: false })),
  };
  const { coercing, strict } = ajvs;
  app.setValidatorCompiler(({ schema, httpPart }) =>
    validatorAt(app, () => (httpPart === "body" ? strict : coercing).compile(schema as object)),
  );
}
