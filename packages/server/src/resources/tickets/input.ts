import { errors } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";

const MAX_SECONDS = 1e11;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function idOf(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return recordId(value);
  if (typeof value === "string" && /^[0-9]{1,15}$/.test(value)) return recordId(value);
  throw errors.parameterInvalid(`${field} must be an id`, field);
}

export function seconds(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS)
    throw errors.parameterInvalid(`${field} must be a Unix timestamp in seconds`, field);
  return value;
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw errors.parameterInvalid(`${field} must be true or false`, field);
  return value;
}
