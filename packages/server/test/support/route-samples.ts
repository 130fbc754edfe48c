import fs from "node:fs";
import path from "node:path";
import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createOrUpdateTag } from "../../src/resources/tags.ts";
import type { Json } from "./api.ts";
import { bearer, type Gatehouse, type Tenant } from "./gatehouse.ts";

/**
 * What a route needs beyond its scope to answer 2xx: its path parameters filled with records of the
 * tenant's workspace, a query string, a body. The scope walk (`scope-table.test.ts`) calls these.
 */
export interface SampleContext {
  gh: Gatehouse;
  tenant: Tenant;
  /** The route's URL with `:admin_id`, `:tag_id` and `:contact_id` already filled; other parameters left. */
  url: string;
}

export interface RouteSample {
  url: string;
  body?: unknown;
  /** Headers the route needs beyond the token (the 1.x Users API needs a 1.x `Intercom-Version`). */
  headers?: Record<string, string>;
}

/** Keyed by `"METHOD /path/:param"`, exactly as Fastify lists the route. */
export type RouteSamples = Record<string, (context: SampleContext) => Promise<RouteSample>>;

const DIRECTORY = path.resolve(import.meta.dirname, "../samples");

/** Every file in `test/samples/` exports `samples`; one file per resource, next to its routes' tests. */
export async function loadRouteSamples(): Promise<RouteSamples> {
  const all: RouteSamples = {};
  for (const file of fs
    .readdirSync(DIRECTORY)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const module = (await import(path.join(DIRECTORY, file))) as { samples: RouteSamples };
    for (const [route, sample] of Object.entries(module.samples)) {
      if (all[route]) throw new Error(`two samples for ${route}`);
      all[route] = sample;
    }
  }
  return all;
}

/**
 * What `route` needs to answer 2xx for `tenant`: `:admin_id`, `:tag_id` and `:contact_id` filled with
 * the tenant's admin and a fresh tag and contact, then the route's own sample, if it has one.
 */
export async function sampleRequest(
  gh: Gatehouse,
  samples: RouteSamples,
  route: { method: string; url: string },
  tenant: Tenant,
): Promise<RouteSample> {
  let url = route.url.replace(":admin_id", String(tenant.admin.id));
  if (url.includes(":tag_id")) {
    const tag = await createOrUpdateTag(gh.services, tenant.workspace.id, {
      name: `sample ${Math.random()}`,
    });
    url = url.replace(":tag_id", String(tag.id));
  }
  if (url.includes(":contact_id")) {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `sample${Math.random()}@example.com`,
    });
    url = url.replace(":contact_id", contact.id);
  }
  const specific = samples[`${route.method} ${route.url}`];
  return specific ? specific({ gh, tenant, url }) : { url };
}

/** Sends a route's sample as the tenant: the status, the headers and the body (JSON, or undefined). */
export async function sendSample(gh: Gatehouse, tenant: Tenant, method: string, sample: RouteSample) {
  const { url, body, headers } = sample;
  const response = await gh.fetch(gh.url + url, {
    method,
    headers: {
      ...bearer(tenant.token),
      ...headers,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // A download (an export file) is not JSON; only its status matters then.
  const json = text !== "" && (response.headers.get("content-type") ?? "").includes("json");
  return {
    status: response.status,
    headers: response.headers,
    body: (json ? JSON.parse(text) : undefined) as Json,
  };
}
