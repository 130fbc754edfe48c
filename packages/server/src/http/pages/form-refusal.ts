import type { FastifyRequest } from "fastify";
import { ApiError } from "../../core/errors.ts";
import { decisiveFailure, describeFailure } from "../../core/schema-errors.ts";
import type { FieldError } from "./field.ts";

/**
 * Hub forms are registered with `attachValidation`, so a body their schema refuses reaches the handler,
 * which shows the form again with the message beside the field. Anything else the schema refuses (the
 * path, the query) is thrown to the pages' error handler as usual.
 */
export function schemaRefusal(request: FastifyRequest): FieldError | undefined {
  const refusal = request.validationError;
  if (!refusal) return undefined;
  const first = decisiveFailure(refusal.validation ?? []);
  if (refusal.validationContext !== "body" || !first) throw refusal;
  const { field, message } = describeFailure(first, (name) => `The ${name.replaceAll("_", " ")} field`);
  return { field: field ?? "", message: `${message}.` };
}

/**
 * A domain refusal (a 4xx) as a field error, for showing beside the field it names among the form's
 * `fields` (or else beside the first: a one-field form's refusal is about that field); anything else is
 * thrown.
 */
export function domainRefusal(error: unknown, fields: readonly string[]): FieldError {
  if (!(error instanceof ApiError) || error.status >= 500) throw error;
  const field = error.field && fields.includes(error.field) ? error.field : (fields[0] ?? "");
  return { field, message: sentence(error.message), status: error.status };
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * One field of a body as sent, whether or not it passed its schema: a string, or "" for anything else
 * (missing, repeated, an object). Only for showing it again, escaped; never for acting on.
 */
export function sentField(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null || !(name in body)) return "";
  const value: unknown = Reflect.get(body, name);
  return typeof value === "string" ? value : "";
}

/** The banner above a form whose refusal is shown beside its field: it points there, not repeats it. */
export const SEE_FIELD = {
  kind: "error",
  text: "That was not saved: see the message beside the field.",
} as const;
