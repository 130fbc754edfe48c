import { createContact } from "../../src/resources/contacts/contacts.ts";
import { createConversation } from "../../src/resources/conversations/conversations.ts";
import type { RouteSamples, SampleContext } from "../support/route-samples.ts";

/** Conversations: each sample starts one from a new contact of the tenant's workspace. */
async function started({ gh, tenant }: SampleContext) {
  const contact = await createContact(gh.services, tenant.workspace.id, {
    email: `talker-${Math.random().toString(36).slice(2)}@example.com`,
  });
  const { row } = await createConversation(gh.services, tenant.workspace.id, {
    from: { type: "user", id: contact.id },
    body: "Sampled",
  });
  return { id: String(row.id), contact };
}

async function onConversation(context: SampleContext, body?: (admin: number, contactId: string) => unknown) {
  const { id, contact } = await started(context);
  return {
    url: context.url.replace(":conversation_id", id),
    ...(body && { body: body(context.tenant.admin.id, contact.id) }),
  };
}

export const samples: RouteSamples = {
  "POST /conversations": async ({ gh, tenant, url }) => {
    const contact = await createContact(gh.services, tenant.workspace.id, { role: "lead" });
    return { url, body: { from: { type: "lead", id: contact.id }, body: "Hello" } };
  },
  "GET /conversations/:conversation_id": (context) => onConversation(context),
  "DELETE /conversations/:conversation_id": (context) => onConversation(context),
  "PUT /conversations/:conversation_id": (context) => onConversation(context, () => ({ read: true })),
  "POST /conversations/:conversation_id/reply": (context) =>
    onConversation(context, (admin) => ({
      message_type: "note",
      type: "admin",
      admin_id: admin,
      body: "Noted",
    })),
  "POST /conversations/:conversation_id/parts": (context) =>
    onConversation(context, (admin) => ({ message_type: "close", type: "admin", admin_id: admin })),
  "POST /conversations/search": async ({ url }) => ({
    url,
    body: {
      query: {
        operator: "AND",
        value: [
          { field: "state", operator: "=", value: "open" },
          { field: "source.body", operator: "~", value: "Noted" },
        ],
      },
    },
  }),
};
