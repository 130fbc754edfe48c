import { createOrUpdateTag } from "../../src/resources/tags.ts";
import type { RouteSamples } from "../support/route-samples.ts";

/** Admins, the workspace's IP allowlist, tags and contacts. */
export const samples: RouteSamples = {
  "POST /contacts/search": async ({ url }) => ({
    url,
    body: { query: { field: "email", operator: "~", value: "@" } },
  }),
  "POST /contacts": async ({ url }) => ({ url, body: { email: `new${Math.random()}@example.com` } }),
  "PUT /contacts/:contact_id": async ({ url }) => ({ url, body: { name: "Renamed" } }),
  "POST /contacts/:contact_id/tags": async ({ gh, tenant, url }) => {
    const tag = await createOrUpdateTag(gh.services, tenant.workspace.id, { name: `t${Math.random()}` });
    return { url, body: { id: String(tag.id) } };
  },
  "GET /admins/activity_logs": async ({ url }) => ({ url: `${url}?created_at_after=0` }),
  "PUT /admins/:admin_id/away": async ({ url }) => ({
    url,
    body: { away_mode_enabled: true, away_mode_reassign: false },
  }),
  "POST /tags": async ({ url }) => ({ url, body: { name: "Sample tag" } }),
  // On, with the caller's own address listed: a list that left it out would be refused as a lockout.
  "PUT /ip_allowlist": async ({ url }) => ({
    url,
    body: { enabled: true, ip_allowlist: ["127.0.0.1", "::1"] },
  }),
};
