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
  const named = field ? label(field) : "the input";
  if (missingName) return { field, missing: true, message: `${named} is required` };
  const said = (text: string) => ({ field, missing: false, message: `${named} ${text}` });
  switch (failure.keyword) {
    case "maxLength":
      return said(`must be at most ${params.limit} characters`);
    case "minLength":
      return said(params.limit === 1 ? "cannot be empty" : `must be at least ${params.limit} characters`);
    case "maxItems":
      return said(`can have at most ${params.limit} values`);
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
    case "anyOf":
      return said("is not one of the accepted values");
    case "type":
      return said(params.type === "string" ? "must be text" : `must be of type ${params.type}`);
    default:
      return said(failure.message ?? "is not valid");
  }
}

/** The failed check as the parameter error a hand-written check gives: `parameter_not_found` or `_invalid`. */
export function failureError(failure: SchemaFailure, label?: (field: string) => string): ApiError {
  const { field, missing, message } = describeFailure(failure, label);
  return missing ? errors.parameterNotFound(message, field) : errors.parameterInvalid(message, field);
}
