/** The `Intercom-Version` values Intercom's API accepts (its OpenAPI description's enum), plus `Unstable`. */
export const SUPPORTED_VERSIONS = [
  "1.0",
  "1.1",
  "1.2",
  "1.3",
  "1.4",
  "2.0",
  "2.1",
  "2.2",
  "2.3",
  "2.4",
  "2.5",
  "2.6",
  "2.7",
  "2.8",
  "2.9",
  "2.10",
  "2.11",
  "2.12",
  "2.13",
  "2.14",
  "Unstable",
] as const;

export type IntercomVersion = (typeof SUPPORTED_VERSIONS)[number];
export const DEFAULT_VERSION: IntercomVersion = "2.14";

const BY_LOWERCASE = new Map<string, IntercomVersion>(SUPPORTED_VERSIONS.map((v) => [v.toLowerCase(), v]));

/** The version a request asks for; undefined when it names one that does not exist. */
export function readVersion(header: string | string[] | undefined): IntercomVersion | undefined {
  if (header === undefined) return DEFAULT_VERSION;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return DEFAULT_VERSION;
  return BY_LOWERCASE.get(value.trim().toLowerCase());
}
