import { upsertUser } from "../../src/resources/users-1x/upsert.ts";
import type { RouteSamples } from "../support/route-samples.ts";

/** The 1.x Users API: each route exists only on a 1.x `Intercom-Version`, with a user of the tenant's to act on. */
const V1 = { "intercom-version": "1.4" };
const unique = () => Math.random().toString(36).slice(2);

export const samples: RouteSamples = {
  "GET /users": async ({ gh, tenant, url }) => {
    // A find by user_id: READ's scopes admit it (a list needs LIST's, which READ's single-user scope lacks).
    const user = await upsertUser(gh.services, tenant.workspace.id, { user_id: `u-${unique()}` }, "1.4");
    return { url: `${url}?user_id=${user.external_id}`, headers: V1 };
  },
  "GET /users/:id": async ({ gh, tenant, url }) => {
    const user = await upsertUser(gh.services, tenant.workspace.id, { user_id: `u-${unique()}` }, "1.4");
    return { url: url.replace(":id", user.id), headers: V1 };
  },
  "GET /users/scroll": async ({ url }) => ({ url, headers: V1 }),
  "POST /users": async ({ url }) => ({ url, body: { user_id: `u-${unique()}` }, headers: V1 }),
  "DELETE /users/:id": async ({ gh, tenant, url }) => {
    const user = await upsertUser(gh.services, tenant.workspace.id, { user_id: `u-${unique()}` }, "1.4");
    return { url: url.replace(":id", user.id), headers: V1 };
  },
  "DELETE /users": async ({ gh, tenant, url }) => {
    const user = await upsertUser(gh.services, tenant.workspace.id, { user_id: `u-${unique()}` }, "1.4");
    return { url: `${url}?user_id=${user.external_id}`, headers: V1 };
  },
};
