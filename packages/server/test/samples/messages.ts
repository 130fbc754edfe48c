import { createContact } from "../../src/resources/contacts/contacts.ts";
import type { RouteSamples } from "../support/route-samples.ts";

/** Messages: the tenant's admin writes to a new contact of the workspace. */
export const samples: RouteSamples = {
  "POST /messages": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `reader-${Math.random().toString(36).slice(2)}@example.com`,
    });
    return {
      url,
      body: {
        message_type: "inapp",
        body: "Sampled",
        from: { type: "admin", id: tenant.admin.id },
        to: { type: "user", id: contact.id },
      },
    };
  },
};
