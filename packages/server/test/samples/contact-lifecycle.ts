import { createContact } from "../../src/resources/contacts/contacts.ts";
import { archiveContact } from "../../src/resources/contacts/lifecycle.ts";
import type { RouteSamples } from "../support/route-samples.ts";

/** Contacts found by external_id, archived, unarchived, blocked and merged. */
const unique = () => Math.random().toString(36).slice(2);

export const samples: RouteSamples = {
  "GET /contacts/find_by_external_id/:external_id": async ({ gh, tenant, url }) => {
    const user = await createContact(gh.services, tenant.workspace.id, {
      role: "user",
      external_id: `ext-${unique()}`,
    });
    return { url: url.replace(":external_id", encodeURIComponent(user.external_id as string)) };
  },
  // `:contact_id` arrives filled with a new contact; unarchiving one that was archived is the real case.
  "POST /contacts/:contact_id/unarchive": async ({ gh, tenant, url }) => {
    const id = url.split("/")[2] as string;
    await archiveContact(gh.services, tenant.workspace.id, id);
    return { url };
  },
  "POST /contacts/merge": async ({ gh, tenant, url }) => {
    const lead = await createContact(gh.services, tenant.workspace.id, { role: "lead" });
    const user = await createContact(gh.services, tenant.workspace.id, {
      role: "user",
      email: `merged-${unique()}@example.com`,
    });
    return { url, body: { from: lead.id, into: user.id } };
  },
};
