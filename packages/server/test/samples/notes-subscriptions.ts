import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createNote } from "../../src/resources/notes.ts";
import { listSubscriptionTypes } from "../../src/resources/subscription-types.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Notes and subscriptions: `:contact_id` arrives filled with a contact of the tenant's workspace. */
async function firstType({ gh, tenant }: SampleContext) {
  const [type] = await listSubscriptionTypes(gh.services, tenant.workspace.id);
  if (!type) throw new Error("the workspace has no subscription types");
  return type;
}

export const samples: RouteSamples = {
  "POST /contacts/:contact_id/notes": async (context) => ({
    url: context.url,
    body: { body: "A sample note", admin_id: String(context.tenant.admin.id) },
  }),
  "GET /notes/:note_id": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, {
      email: `noted-${Math.random().toString(36).slice(2)}@example.com`,
    });
    const note = await createNote(
      gh.services,
      tenant.workspace.id,
      contact.id,
      { body: "Hi" },
      tenant.admin.id,
    );
    return { url: url.replace(":note_id", String(note.row.id)) };
  },
  "POST /contacts/:contact_id/subscriptions": async (context) => {
    const type = await firstType(context);
    return { url: context.url, body: { id: String(type.id), consent_type: type.consent_type } };
  },
  "DELETE /contacts/:contact_id/subscriptions/:subscription_id": async (context) => ({
    url: context.url.replace(":subscription_id", String((await firstType(context)).id)),
  }),
};
