import { errors } from "./errors.ts";

/** A required, trimmed, non-empty string of bounded length, or a parameter error naming the field. */
export function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw errors.parameterNotFound(`${field} is required`, field);
  }
  const text = value.trim();
  if (text.length > maxLength)
    throw errors.parameterInvalid(`${field} must be at most ${maxLength} characters`, field);
  // Control characters have no place in names and would corrupt logs and pages.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
  if (/[\u0000-\u001f\u007f]/.test(text))
    throw errors.parameterInvalid(`${field} contains control characters`, field);
  return text;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;

export function requireEmail(value: unknown, field = "email"): string {
  const email = requireText(value, field, 320).toLowerCase();
  if (!EMAIL.test(email)) throw errors.parameterInvalid(`${field} is not a valid email address`, field);
  return email;
}

const MAX_RECORD_ID = 2 ** 31 - 1;

/**
 * An id from a URL or a body, as the integer the database holds. Ids past the 32-bit range name no
 * record: they become 0, which matches nothing, instead of overflowing the column's type in a query.
 */
export function recordId(value: string | number): number {
  const id = Number(value);
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_RECORD_ID ? id : 0;
}

/** An id from a URL path: only digits name a record; anything else names none (a 404, not a 400). */
export function pathId(value: string): number {
  return /^[0-9]{1,15}$/.test(value) ? recordId(value) : 0;
}
