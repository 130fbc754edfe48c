import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createConversation } from "../../src/resources/conversations/conversations.ts";
import { attachContact } from "../../src/resources/conversations/participants.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** A conversation a new contact of the tenant's workspace starts; its id. */
async function started({ gh, tenant }: SampleContext): Promise<number> {
  const contact = await createContact(gh.services, tenant.workspace.id, {
    email: `participant-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const { row } = await createConversation(gh.services, tenant.workspace.id, {
    from: { type: "user", id: contact.id },
    body: "Sampled",
  });
  return row.id;
}

export const samples: RouteSamples = {
  "POST /conversations/:conversation_id/customers": async (context) => {
    const id = await started(context);
    return {
      url: context.url.replace(":conversation_id", String(id)),
      body: { admin_id: context.tenant.admin.id, customer: { email: "joining@example.com" } },
    };
  },
  // The walk fills `:contact_id` with a new contact: it joins first, so that it is not the last to leave.
  "DELETE /conversations/:conversation_id/customers/:contact_id": async (context) => {
    const id = await started(context);
    const contactId = decodeURIComponent(context.url.split("/").at(-1) as string);
    await attachContact(context.gh.services, context.tenant.workspace.id, id, {
      admin_id: context.tenant.admin.id,
      customer: { intercom_user_id: contactId },
    });
    return {
      url: context.url.replace(":conversation_id", String(id)),
      body: { admin_id: String(context.tenant.admin.id) },
    };
  },
  "POST /conversations/redact": async (context) => {
    const id = String(await started(context));
    return { url: context.url, body: { type: "source", conversation_id: id, source_id: id } };
  },
};
