import { errors } from "../../core/errors.ts";
import { recordId } from "../../core/validation.ts";

/**
 * Checks of what resource requests send (conversations, tickets, content…), each naming the field it
 * refuses: one copy, so that a fix reaches every resource.
 */

const MAX_BODY = 65_535;
const MAX_SECONDS = 1e11;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A message body: required ones must hold something besides spaces. */
export function body(value: unknown, required: true): string;
export function body(value: unknown, required: boolean): string | null;
export function body(value: unknown, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw errors.parameterNotFound("body is required", "body");
    return null;
  }
  if (typeof value !== "string") throw errors.parameterInvalid("body must be a string", "body");
  if (required && value.trim() === "") throw errors.parameterNotFound("body is required", "body");
  if (value.length > MAX_BODY)
    throw errors.parameterInvalid(`body must be at most ${MAX_BODY} characters`, "body");
  return value;
}

export function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw errors.parameterInvalid(`${field} must be a string`, field);
  if (value.length > max) throw errors.parameterInvalid(`${field} must be at most ${max} characters`, field);
  return value;
}

/** A Unix time in seconds, as given. */
export function unixSeconds(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS)
    throw errors.parameterInvalid(`${field} must be a Unix timestamp in seconds`, field);
  return value;
}

/** A Unix time in seconds, as milliseconds; undefined when not given. */
export function optionalTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  return unixSeconds(value, field) * 1000;
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw errors.parameterInvalid(`${field} must be true or false`, field);
  return value;
}

/** Up to ten http(s) links, kept as a part's attachments, each named by the last segment of its path. */
export function attachments(value: unknown): string {
  if (value === undefined || value === null) return "[]";
  if (!Array.isArray(value) || value.length > 10)
    throw errors.parameterInvalid("attachment_urls takes up to 10 URLs", "attachment_urls");
  return JSON.stringify(
    value.map((url) => {
      if (typeof url !== "string" || url.length > 2000 || !/^https?:\/\/\S+$/i.test(url))
        throw errors.parameterInvalid("Each attachment URL must be an http(s) URL", "attachment_urls");
      let name = "attachment";
      try {
        name = decodeURIComponent(new URL(url).pathname.split("/").at(-1) || name);
      } catch {
        throw errors.parameterInvalid("Each attachment URL must be an http(s) URL", "attachment_urls");
      }
      return { type: "upload", name, url };
    }),
  );
}

/** An admin's quick reply options: 1 to 10, each a text and a uuid. */
export function quickReplyOptions(value: unknown): Array<{ text: string; uuid: string }> {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    throw errors.parameterInvalid("reply_options takes 1 to 10 options", "reply_options");
  return value.map((option) => {
    const { text, uuid } = (isObject(option) ? option : {}) as { text?: unknown; uuid?: unknown };
    if (typeof text !== "string" || text.trim() === "" || text.length > 255)
      throw errors.parameterInvalid("Each reply option needs a text", "reply_options");
    if (
      typeof uuid !== "string" ||
      !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)
    )
      throw errors.parameterInvalid("Each reply option needs a uuid", "reply_options");
    return { text, uuid };
  });
}

/** A record id given as a number or as digits (0 when it is out of range: it names nothing). */
export function idOf(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return recordId(value);
  if (typeof value === "string" && /^[0-9]{1,15}$/.test(value)) return recordId(value);
  throw errors.parameterInvalid(`${field} must be an id`, field);
}
