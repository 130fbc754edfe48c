import { type IntercomVersion, parseVersion } from "../../core/api-versions.ts";

/**
 * The version an `Intercom-Version` header asks for: null when the request sends none (or an empty
 * one), so the app's default version applies; undefined when it names a version that does not exist.
 */
export function requestedVersion(header: string | string[] | undefined): IntercomVersion | null | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return null;
  return parseVersion(value);
}
