import type { DeclaredRoute } from "../../../src/http/server.ts";
import { loadRouteSamples, sampleRequest } from "../route-samples.ts";
import { formSamples } from "./forms.ts";
import type { HostileWorld } from "./world.ts";

/**
 * Every route the server declares, as a request that would succeed (from the route samples of the
 * scope walk, and the page and OAuth samples of `forms.ts`), with the places a string can go: each
 * path parameter, each query parameter, each string field of the body (found in the sample and in the
 * route's schema), the names of new fields, and the page cookies.
 */
export type Credentials = "token" | "session" | "signed-out" | "none";
export type Area = "api" | "page" | "oauth";

export type Field =
  | { in: "path"; name: string }
  | { in: "query"; name: string }
  | { in: "query-name" }
  | { in: "body"; path: Array<string | number> }
  | { in: "body-name"; path: Array<string | number> }
  | { in: "cookie"; name: string };

export interface Target {
  key: string;
  area: Area;
  method: string;
  segments: string[];
  /** Path parameter name to its segment's index. */
  params: Record<string, number>;
  query: Array<[string, string]>;
  body: Record<string, unknown> | undefined;
  credentials: Credentials;
  /** The `Intercom-Version` an API route needs to exist (the 1.x Users API's 1.4); else 2.14. */
  version?: string;
  fields: Field[];
  /** Parts of the body that must be new for each request (a single-use code). */
  refresh?: () => Promise<Record<string, string | undefined>>;
}

/** Routes whose success would blind the rest of the run; they are sent without credentials. */
const WITHOUT_CREDENTIALS = new Set(["POST /signout", "POST /oauth/uninstall", "POST /auth/uninstall"]);

export async function buildTargets(world: HostileWorld): Promise<Target[]> {
  const { gh } = world;
  const samples = await loadRouteSamples();
  const forms = formSamples(world);
  const api = new Set(gh.server.scopeTable.map((r) => `${r.method} ${r.url}`));
  const targets: Target[] = [];
  for (const route of gh.server.declaredRoutes) {
    const key = `${route.method} ${route.url}`;
    const area: Area = api.has(key) ? "api" : isOAuthEndpoint(route.url) ? "oauth" : "page";
    let url: string;
    let body: unknown;
    let credentials: Credentials;
    let refresh: Target["refresh"];
    let version: string | undefined;
    if (area === "api") {
      const sample = await sampleRequest(gh, samples, route, world.api);
      url = sample.url;
      body = sample.body;
      version = sample.headers?.["intercom-version"];
      credentials = "token";
    } else {
      const sample = forms[key];
      url = fillPageParams(route.url, world) + (sample?.query ? `?${new URLSearchParams(sample.query)}` : "");
      body = sample?.body;
      credentials = WITHOUT_CREDENTIALS.has(key) ? "none" : (sample?.credentials ?? defaultCredentials(area));
      refresh = sample?.refresh;
      if (route.method === "POST" && credentials === "session") body = { _csrf: "", ...(body as object) };
    }
    const [path = "", search = ""] = url.split("?");
    const segments = path.split("/").map((s) => s.replace(/^:[A-Za-z_]+$/, "1"));
    const params: Record<string, number> = {};
    route.url.split("/").forEach((segment, i) => {
      if (segment.startsWith(":")) params[segment.slice(1)] = i;
    });
    const query = [...new URLSearchParams(search)];
    targets.push({
      key,
      area,
      method: route.method,
      segments,
      params,
      query,
      body: isRecord(body) ? body : body === undefined ? undefined : { value: body },
      credentials,
      ...(version && { version }),
      fields: fieldsOf(route, params, query, body, credentials),
      ...(refresh && { refresh }),
    });
  }
  return targets;
}

function isOAuthEndpoint(url: string): boolean {
  return (
    // The sign-up start is the consent page's flow: a page.
    (url.startsWith("/oauth/") && url !== "/oauth/signup") ||
    url === "/auth/eagle/token" ||
    url === "/auth/uninstall" ||
    url.startsWith("/.well-known/") ||
    url === "/healthz" ||
    url === "/readyz" ||
    url.startsWith("/assets/")
  );
}

function defaultCredentials(area: Area): Credentials {
  return area === "page" ? "session" : "none";
}

function fillPageParams(url: string, world: HostileWorld): string {
  return url
    .replace(":client_id", world.hub.app.app.client_id)
    .replace(":id_code", world.hub.workspace.id_code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldsOf(
  route: DeclaredRoute,
  params: Record<string, number>,
  query: Array<[string, string]>,
  body: unknown,
  credentials: Credentials,
): Field[] {
  const fields: Field[] = Object.keys(params).map((name) => ({ in: "path" as const, name }));
  const schema = (route.schema ?? {}) as { querystring?: unknown; body?: unknown };
  const queryNames = new Set([...query.map(([name]) => name), ...propertyNames(schema.querystring)]);
  for (const name of queryNames) fields.push({ in: "query", name });
  fields.push({ in: "query-name" });
  if (route.method !== "GET") {
    const paths = new Map<string, Field>();
    const add = (field: Field) => paths.set(JSON.stringify(field), field);
    for (const path of stringLeaves(body)) add({ in: "body", path });
    for (const field of schemaFields(schema.body, [])) add(field);
    add({ in: "body-name", path: [] });
    fields.push(...paths.values());
  }
  if (credentials === "session" || credentials === "signed-out") {
    fields.push({ in: "cookie", name: "gh_session" }, { in: "cookie", name: "gh_csrf" });
  }
  return fields;
}

/** The paths of every string in a sample body. */
function stringLeaves(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

function propertyNames(schema: unknown): string[] {
  const s = schema as JsonSchema | undefined;
  if (!s) return [];
  return [
    ...Object.keys(s.properties ?? {}),
    ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap(propertyNames),
  ];
}

/**
 * Where a schema takes a string (or anything at all), and where it takes fields of any name, down to a
 * depth no real payload exceeds.
 */
function schemaFields(schema: unknown, path: Array<string | number>, depth = 0): Field[] {
  const s = schema as JsonSchema | undefined;
  if (!s || typeof s !== "object" || depth > 6) return [];
  const fields: Field[] = [];
  for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) {
    fields.push(...schemaFields(sub, path, depth + 1));
  }
  const types = [s.type ?? []].flat();
  if (s.properties || types.includes("object")) {
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      fields.push(...schemaFields(sub, [...path, name], depth + 1));
    }
    if (s.patternProperties || typeof s.additionalProperties === "object") {
      fields.push({ in: "body-name", path });
      const values = Object.values(s.patternProperties ?? {})[0] ?? s.additionalProperties;
      fields.push(...schemaFields(values, [...path, "hostile"], depth + 1));
    }
  } else if (types.includes("array")) {
    fields.push(...schemaFields(s.items, [...path, 0], depth + 1));
  } else if (types.includes("string") || (types.length === 0 && !s.anyOf && !s.oneOf && !s.allOf)) {
    if (path.length > 0) fields.push({ in: "body", path });
  }
  return fields;
}
